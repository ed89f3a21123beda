package dev.parley.billing.invoicing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import org.springframework.stereotype.Component;

/**
 * An invoice or credit note as a one-page (or longer) A4 PDF with Apache PDFBox: number, dates, seller and buyer,
 * the lines, subtotal, discount, tax, total and status. Text uses the standard Helvetica fonts (WinAnsi: the euro
 * sign and accented Latin letters print; anything else becomes "?").
 */
@Component
class InvoicePdf {

    private static final float MARGIN = 50;
    private static final float LEADING = 14;

    private final InvoicingProperties properties;

    InvoicePdf(InvoicingProperties properties) {
        this.properties = properties;
    }

    byte[] render(Invoice invoice) {
        try (PDDocument document = new PDDocument()) {
            Writer out = new Writer(document);
            out.text(18, true, invoice.isCreditNote() ? "Credit note " + invoice.number() : "Invoice " + invoice.number());
            out.gap();
            out.text(10, false, "Status: " + invoice.status());
            out.text(10, false, "Issued: " + date(invoice.issuedAt()));
            if (!invoice.isCreditNote() && invoice.dueAt() != null) {
                out.text(10, false, "Due: " + date(invoice.dueAt()));
            }
            if (invoice.periodStart() != null) {
                out.text(10, false, "Period: " + InvoiceMails.period(invoice));
            }
            if (invoice.paidAt() != null && invoice.status() == InvoiceStatus.PAID) {
                out.text(10, false, "Paid: " + date(invoice.paidAt()));
            }
            out.gap();
            out.text(10, true, "From");
            out.text(10, false, properties.sellerName());
            for (String line : properties.sellerAddress().split("\\\\n|\n|,")) {
                if (!line.isBlank()) {
                    out.text(10, false, line.strip());
                }
            }
            if (!properties.sellerVatId().isBlank()) {
                out.text(10, false, "VAT id: " + properties.sellerVatId());
            }
            out.gap();
            out.text(10, true, "Bill to");
            var buyer = invoice.billingDetails();
            out.text(10, false, buyer.getOrDefault("name", ""));
            for (String line : buyer.getOrDefault("address", "").split("\n")) {
                if (!line.isBlank()) {
                    out.text(10, false, line.strip());
                }
            }
            if (buyer.containsKey("country")) {
                out.text(10, false, buyer.get("country"));
            }
            if (buyer.containsKey("vatId")) {
                out.text(10, false, "VAT id: " + buyer.get("vatId"));
            }
            if (buyer.containsKey("email")) {
                out.text(10, false, buyer.get("email"));
            }
            out.gap();
            out.row(true, "Description", "Amount (" + invoice.currency() + ")");
            for (Invoice.Line line : invoice.lines()) {
                if (!"TAX".equals(line.kind()) && !"DISCOUNT".equals(line.kind())) {
                    out.row(false, line.description(), amount(line.amount(), invoice.currency()));
                }
            }
            out.gap();
            out.row(false, "Subtotal", amount(invoice.subtotal(), invoice.currency()));
            for (Invoice.Line line : invoice.lines()) {
                if ("DISCOUNT".equals(line.kind())) {
                    out.row(false, line.description(), amount(line.amount(), invoice.currency()));
                }
            }
            String rate = new dev.parley.billing.invoice.TaxRate(invoice.taxRateBasisPoints()).percent();
            out.row(false, "Tax " + rate + " %", amount(invoice.tax(), invoice.currency()));
            out.row(true, "Total", amount(invoice.total(), invoice.currency()) + " " + invoice.currency());
            if (invoice.appliedBalance() > 0) {
                out.row(false, "Applied balance", amount(-invoice.appliedBalance(), invoice.currency()));
            }
            if (invoice.amountPaid() > 0) {
                out.row(false, "Paid", amount(invoice.amountPaid(), invoice.currency()));
            }
            if (invoice.amountCredited() > 0) {
                out.row(false, "Credited", amount(invoice.amountCredited(), invoice.currency()));
            }
            if (!invoice.isCreditNote()) {
                out.row(true, "Amount due", amount(invoice.amountDue(), invoice.currency()));
            }
            if (invoice.memo() != null) {
                out.gap();
                out.text(10, false, "Reason: " + invoice.memo());
            }
            out.close();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            document.save(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String date(java.time.Instant instant) {
        return instant == null ? "" : InvoiceMails.DATE.format(instant);
    }

    private static String amount(long minor, String currency) {
        return dev.parley.billing.invoice.Money.of(minor, java.util.Currency.getInstance(currency)).toDecimal()
                .toPlainString();
    }

    /** Writes lines top to bottom, starting a new page when one is full. */
    private static final class Writer {

        private final PDDocument document;
        private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
        private PDPageContentStream stream;
        private float y;

        Writer(PDDocument document) throws IOException {
            this.document = document;
            newPage();
        }

        void text(float size, boolean strong, String text) throws IOException {
            at(MARGIN, size, strong, text);
            advance(size > 12 ? LEADING * 1.6f : LEADING);
        }

        void row(boolean strong, String left, String right) throws IOException {
            PDType1Font font = strong ? bold : regular;
            at(MARGIN, 10, strong, left);
            String printable = printable(font, right);
            float width = font.getStringWidth(printable) / 1000 * 10;
            at(PDRectangle.A4.getWidth() - MARGIN - width, 10, strong, printable);
            advance(LEADING);
        }

        void gap() throws IOException {
            advance(LEADING / 2);
        }

        private void at(float x, float size, boolean strong, String text) throws IOException {
            PDType1Font font = strong ? bold : regular;
            stream.beginText();
            stream.setFont(font, size);
            stream.newLineAtOffset(x, y);
            stream.showText(printable(font, text));
            stream.endText();
        }

        private void advance(float by) throws IOException {
            y -= by;
            if (y < MARGIN) {
                newPage();
            }
        }

        private void newPage() throws IOException {
            if (stream != null) {
                stream.close();
            }
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            stream = new PDPageContentStream(document, page);
            y = PDRectangle.A4.getHeight() - MARGIN;
        }

        void close() throws IOException {
            stream.close();
        }

        private static String printable(PDType1Font font, String text) {
            List<String> out = new ArrayList<>();
            StringBuilder result = new StringBuilder();
            text.codePoints().forEach(cp -> {
                String ch = new String(Character.toChars(cp));
                try {
                    font.encode(ch);
                    result.append(ch);
                } catch (IOException | IllegalArgumentException e) {
                    result.append(cp == '\t' ? " " : "?");
                }
            });
            out.add(result.toString());
            return out.getFirst();
        }
    }
}
