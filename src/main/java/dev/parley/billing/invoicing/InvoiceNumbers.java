package dev.parley.billing.invoicing;

import java.time.Instant;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Sequential invoice numbers without gaps, per series and calendar year (UTC): {@code PAR-2026-000001} for invoices,
 * {@code PAR-CN-2026-000001} for credit notes. The counter row stays locked until the issuing transaction ends, so
 * two issues at once take consecutive numbers, and a rolled-back issue gives its number back.
 */
@Component
class InvoiceNumbers {

    private final JdbcClient db;
    private final InvoicingProperties properties;

    InvoiceNumbers(JdbcClient db, InvoicingProperties properties) {
        this.db = db;
        this.properties = properties;
    }

    /** Call in the issuing (platform) transaction. */
    String next(Invoice.Kind kind, Instant issuedAt) {
        String series = kind == Invoice.Kind.CREDIT_NOTE ? "CN" : "INV";
        int year = issuedAt.atZone(ZoneOffset.UTC).getYear();
        long n = db.sql("""
                        INSERT INTO invoice_number_counters (series, year, last_number) VALUES (:series, :year, 1)
                        ON CONFLICT (series, year)
                        DO UPDATE SET last_number = invoice_number_counters.last_number + 1
                        RETURNING last_number
                        """)
                .param("series", series).param("year", year).query(Long.class).single();
        String prefix = kind == Invoice.Kind.CREDIT_NOTE ? properties.numberPrefix() + "-CN" : properties.numberPrefix();
        return "%s-%d-%06d".formatted(prefix, year, n);
    }
}
