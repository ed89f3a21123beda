package dev.parley.billing.web;

import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import dev.parley.billing.invoicing.Invoice;
import dev.parley.billing.invoicing.Invoices;
import dev.parley.shared.TenantId;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The super-admin's invoices of every tenant: read, mark paid, void, write off, credit, bill pending items now. */
@RestController
@PreAuthorize("hasRole('SUPER_ADMIN')")
class PlatformInvoiceController {

    private final Invoices invoices;

    PlatformInvoiceController(Invoices invoices) {
        this.invoices = invoices;
    }

    @GetMapping("/api/v1/platform/tenants/{id}/invoices")
    Map<String, Object> ofTenant(@PathVariable UUID id) {
        return InvoiceView.page(invoices.ofTenant(TenantId.of(id)));
    }

    @GetMapping("/api/v1/platform/invoices/{id}")
    InvoiceView get(@PathVariable UUID id) {
        return InvoiceView.of(invoices.any(id));
    }

    @GetMapping("/api/v1/platform/invoices/{id}/pdf")
    ResponseEntity<byte[]> pdf(@PathVariable UUID id) {
        Invoice invoice = invoices.any(id);
        return InvoiceController.pdfResponse(invoice, invoices.pdf(id));
    }

    @PostMapping("/api/v1/platform/invoices/{id}/mark-paid")
    InvoiceView markPaid(@PathVariable UUID id) {
        return InvoiceView.of(invoices.markPaid(id));
    }

    @PostMapping("/api/v1/platform/invoices/{id}/void")
    InvoiceView voidInvoice(@PathVariable UUID id) {
        return InvoiceView.of(invoices.voidInvoice(id));
    }

    @PostMapping("/api/v1/platform/invoices/{id}/mark-uncollectible")
    InvoiceView markUncollectible(@PathVariable UUID id) {
        return InvoiceView.of(invoices.markUncollectible(id));
    }

    /** {@code amount} in the invoice's minor units, tax included. */
    record CreditNoteBody(@NotNull @Positive Long amount, @NotBlank @Size(max = 250) String reason,
                          @Pattern(regexp = "BALANCE|OUTSIDE", message = "must be BALANCE or OUTSIDE") String refund) {
    }

    @PostMapping("/api/v1/platform/invoices/{id}/credit-note")
    ResponseEntity<InvoiceView> creditNote(@PathVariable UUID id, @Valid @RequestBody CreditNoteBody body) {
        Invoices.Refund refund = body.refund() == null ? Invoices.Refund.BALANCE : Invoices.Refund.valueOf(body.refund());
        return ResponseEntity.status(201).body(InvoiceView.of(invoices.creditNote(id, body.amount(),
                body.reason().strip(), refund)));
    }

    /** The tenant's credit balance per currency and its movements. */
    @GetMapping("/api/v1/platform/tenants/{id}/balance")
    Invoices.BalanceStatement balance(@PathVariable UUID id) {
        return invoices.balanceOf(TenantId.of(id));
    }

    @PostMapping("/api/v1/platform/tenants/{id}/invoice-now")
    ResponseEntity<InvoiceView> invoiceNow(@PathVariable UUID id) {
        return ResponseEntity.status(201).body(InvoiceView.of(invoices.invoiceNow(TenantId.of(id))));
    }
}
