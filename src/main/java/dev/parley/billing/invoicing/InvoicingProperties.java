package dev.parley.billing.invoicing;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Invoicing settings ({@code PARLEY_BILLING_INVOICING_...}).
 *
 * @param cycleEvery   how often the {@code billing-cycle} job looks for ended periods and due collection steps
 * @param paymentTerms how long after issue an invoice is due (bank transfer; a card is charged at once)
 * @param numberPrefix the prefix of invoice numbers: {@code PAR} gives {@code PAR-2026-000001}
 * @param sellerName   the seller printed on invoices
 * @param sellerAddress the seller's address (lines separated by {@code \n} or {@code ,})
 * @param sellerVatId  the seller's VAT id, printed when set
 */
@ConfigurationProperties("parley.billing.invoicing")
public record InvoicingProperties(@DefaultValue("1h") Duration cycleEvery,
                                  @DefaultValue("14d") Duration paymentTerms,
                                  @DefaultValue("PAR") String numberPrefix,
                                  @DefaultValue("Parley") String sellerName,
                                  @DefaultValue("") String sellerAddress,
                                  @DefaultValue("") String sellerVatId) {
}
