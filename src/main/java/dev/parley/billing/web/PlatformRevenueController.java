package dev.parley.billing.web;

import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;

import dev.parley.billing.RevenueReport;
import dev.parley.billing.RevenueReports;
import dev.parley.shared.ParleyException;
import dev.parley.shared.ParleyException.FieldError;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The platform owner's revenue report: {@code GET /api/v1/platform/revenue?from=2026-01&to=2026-06&currency=EUR}.
 * Without {@code to} it ends with the current month (UTC), without {@code from} it starts 11 months earlier, and the
 * currency defaults to EUR.
 */
@RestController
@PreAuthorize("hasRole('SUPER_ADMIN')")
class PlatformRevenueController {

    private final RevenueReports reports;
    private final Clock clock;

    PlatformRevenueController(RevenueReports reports, Clock clock) {
        this.reports = reports;
        this.clock = clock;
    }

    @GetMapping("/api/v1/platform/revenue")
    RevenueReport revenue(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                          @RequestParam(defaultValue = "EUR") String currency) {
        List<FieldError> errors = new ArrayList<>();
        YearMonth end = month("to", to, YearMonth.from(clock.instant().atZone(ZoneOffset.UTC)), errors);
        YearMonth start = month("from", from, end == null ? null : end.minusMonths(11), errors);
        if (!validCurrency(currency)) {
            errors.add(new FieldError("currency", "must be an ISO 4217 code such as EUR"));
        }
        if (!errors.isEmpty()) {
            throw new ParleyException(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "The request has invalid fields.",
                    Map.of("errors", errors));
        }
        return reports.report(currency, start, end);
    }

    private static YearMonth month(String field, String value, YearMonth fallback, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            if (value.matches("\\d{4}-\\d{2}")) {
                YearMonth month = YearMonth.parse(value);
                if (month.getYear() >= 2000 && month.getYear() <= 2999) {
                    return month;
                }
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        errors.add(new FieldError(field, "must be a month written YYYY-MM (2000-01 to 2999-12), not '"
                + (value.length() > 20 ? value.substring(0, 20) + "…" : value) + "'"));
        return null;
    }

    private static boolean validCurrency(String code) {
        if (code == null || !code.matches("[A-Z]{3}")) {
            return false;
        }
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
