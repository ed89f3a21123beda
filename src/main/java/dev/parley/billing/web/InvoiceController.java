package dev.parley.billing.web;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Size;

import dev.parley.audit.AuditLog;
import dev.parley.billing.invoicing.BillingProfiles;
import dev.parley.billing.invoicing.BillingProfiles.Profile;
import dev.parley.billing.invoicing.Invoice;
import dev.parley.billing.invoicing.Invoices;
import dev.parley.shared.ParleyException;
import dev.parley.shared.TenantContext;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A tenant admin's invoices (list, one, its PDF, pay now) and billing details. */
@RestController
@PreAuthorize("hasRole('TENANT_ADMIN')")
class InvoiceController {

    private static final Set<String> COUNTRIES = Arrays.stream(Locale.getISOCountries()).collect(Collectors.toSet());

    private final Invoices invoices;
    private final BillingProfiles profiles;
    private final AuditLog audit;

    InvoiceController(Invoices invoices, BillingProfiles profiles, AuditLog audit) {
        this.invoices = invoices;
        this.profiles = profiles;
        this.audit = audit;
    }

    @GetMapping("/api/v1/billing/invoices")
    Map<String, Object> list() {
        return InvoiceView.page(invoices.mine());
    }

    /** The tenant's credit balance per currency (applied to the next invoice) and its movements. */
    @GetMapping("/api/v1/billing/balance")
    Invoices.BalanceStatement balance() {
        return invoices.myBalance();
    }

    @GetMapping("/api/v1/billing/invoices/{id}")
    InvoiceView get(@PathVariable UUID id) {
        return InvoiceView.of(invoices.mine(id));
    }

    @GetMapping("/api/v1/billing/invoices/{id}/pdf")
    ResponseEntity<byte[]> pdf(@PathVariable UUID id) {
        Invoice invoice = invoices.mine(id);
        return pdfResponse(invoice, invoices.myPdf(id));
    }

    /** Charges the saved card now (an open invoice whose card payment failed). */
    @PostMapping("/api/v1/billing/invoices/{id}/pay")
    InvoiceView pay(@PathVariable UUID id) {
        return InvoiceView.of(invoices.payNow(id));
    }

    /** The billing details; {@code taxRate} in percent (19, 7.5). */
    record ProfileBody(@Email @Size(max = 320) String billingEmail, @Size(max = 200) String companyName,
                       @Size(max = 1000) String address, @Size(max = 2) String country, @Size(max = 40) String vatId,
                       @DecimalMin("0") @DecimalMax("100") @Digits(integer = 3, fraction = 2) BigDecimal taxRate) {

        static ProfileBody of(Profile p) {
            return new ProfileBody(p.billingEmail(), p.companyName(), p.address(), p.country(), p.vatId(),
                    BigDecimal.valueOf(p.taxRateBasisPoints(), 2).stripTrailingZeros());
        }

        Profile profile() {
            String code = blank(country) == null ? null : country.strip().toUpperCase(Locale.ROOT);
            if (code != null && !COUNTRIES.contains(code)) {
                throw ParleyException.invalidField("country", "must be an ISO 3166 country code such as DE");
            }
            int basisPoints = taxRate == null ? 0 : taxRate.movePointRight(2).intValueExact();
            return new Profile(blank(billingEmail), blank(companyName), blank(address), code, blank(vatId),
                    basisPoints);
        }

        private static String blank(String text) {
            return text == null || text.isBlank() ? null : text.strip();
        }
    }

    @GetMapping("/api/v1/billing/profile")
    @Transactional(readOnly = true)
    ProfileBody profile() {
        return ProfileBody.of(profiles.of(TenantContext.require()));
    }

    @PutMapping("/api/v1/billing/profile")
    @Transactional
    ProfileBody saveProfile(@Valid @RequestBody ProfileBody body) {
        Profile saved = profiles.save(TenantContext.require(), body.profile());
        audit.record(TenantContext.require(), "billing.profile_updated", "billing_profile",
                TenantContext.require().value(), Map.of("country", saved.country() == null ? "" : saved.country(),
                        "taxRateBasisPoints", saved.taxRateBasisPoints()));
        return ProfileBody.of(saved);
    }

    static ResponseEntity<byte[]> pdfResponse(Invoice invoice, byte[] bytes) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(invoice.number() + ".pdf").build().toString())
                .body(bytes);
    }
}
