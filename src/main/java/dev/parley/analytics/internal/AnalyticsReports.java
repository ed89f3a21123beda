package dev.parley.analytics.internal;

import java.io.IOException;
import java.io.Writer;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.parley.analytics.Period;
import dev.parley.billing.Entitlements;
import dev.parley.billing.Feature;
import dev.parley.chat.ConversationFacts;
import dev.parley.chat.ConversationFacts.ConversationFact;
import dev.parley.chat.ConversationFacts.OperatorFigures;
import dev.parley.chat.ConversationFacts.Totals;
import dev.parley.shared.ParleyException;
import dev.parley.shared.ParleyException.FieldError;
import dev.parley.shared.TenantId;
import dev.parley.tenancy.TenantDirectory;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * A tenant's analytics: the overview ({@code analytics.basic}), figures per operator ({@code analytics.professional})
 * and the per-conversation CSV export ({@code analytics.advanced}). Each first asks the tenant's plan (402
 * {@code PLAN_UPGRADE_REQUIRED} naming the feature), then reads chat's figures in the tenant's transaction.
 */
@Service
public class AnalyticsReports {

    /** When no period is given: the last 30 days of the tenant's calendar, today included. */
    static final int DEFAULT_DAYS = 30;
    private static final ZoneId UTC = ZoneId.of("UTC");

    /** The overview of a period. */
    public record Overview(String timeZone, LocalDate from, LocalDate to, long conversations, long messages,
                           long firstResponses, Long medianFirstResponseSeconds, long resolved) {
    }

    /** The operators' figures of a period. */
    public record Operators(String timeZone, LocalDate from, LocalDate to, List<OperatorFigures> operators) {
    }

    private final Entitlements entitlements;
    private final ConversationFacts facts;
    private final TenantDirectory tenants;
    private final Clock clock;

    AnalyticsReports(Entitlements entitlements, ConversationFacts facts, TenantDirectory tenants, Clock clock) {
        this.entitlements = entitlements;
        this.facts = facts;
        this.tenants = tenants;
        this.clock = clock;
    }

    public Overview overview(TenantId tenant, String from, String to) {
        entitlements.require(tenant, Feature.ANALYTICS_BASIC);
        Period period = period(tenant, from, to);
        Totals totals = facts.totals(tenant, period.start(), period.end());
        return new Overview(period.zone().getId(), period.from(), period.to(), totals.conversations(),
                totals.messages(), totals.firstResponses(), totals.medianFirstResponseSeconds(), totals.resolved());
    }

    public Operators operators(TenantId tenant, String from, String to) {
        entitlements.require(tenant, Feature.ANALYTICS_PROFESSIONAL);
        Period period = period(tenant, from, to);
        return new Operators(period.zone().getId(), period.from(), period.to(),
                facts.operators(tenant, period.start(), period.end()));
    }

    /** Checks the plan and the period before anything is written, so that a refusal is a problem document. */
    public Period exportPeriod(TenantId tenant, String from, String to) {
        entitlements.require(tenant, Feature.ANALYTICS_ADVANCED);
        return period(tenant, from, to);
    }

    /** One CSV row per conversation started in the period (RFC 4180, header first, times in UTC and local). */
    public void export(TenantId tenant, Period period, Writer out) {
        DateTimeFormatter local = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        try {
            out.write(Csv.row(List.of("number", "conversation_id", "started_at_utc", "started_local", "channel",
                    "status", "operator", "first_response_seconds", "resolved_at_utc", "resolution_seconds",
                    "visitor_messages", "operator_messages")));
            facts.conversations(tenant, period.start(), period.end(), c -> write(out, row(c, period.zone(), local)));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> row(ConversationFact c, ZoneId zone, DateTimeFormatter local) {
        List<String> cells = new ArrayList<>();
        cells.add(Integer.toString(c.number()));
        cells.add(c.id().toString());
        cells.add(c.createdAt().truncatedTo(ChronoUnit.SECONDS).toString());
        cells.add(local.format(c.createdAt().atZone(zone)));
        cells.add(c.channel());
        cells.add(c.status().name());
        cells.add(c.assigneeName() == null ? "" : c.assigneeName());
        cells.add(c.firstResponseAt() == null ? "" : Long.toString(seconds(c.createdAt(), c.firstResponseAt())));
        cells.add(c.resolvedAt() == null ? "" : c.resolvedAt().truncatedTo(ChronoUnit.SECONDS).toString());
        cells.add(c.resolvedAt() == null ? "" : Long.toString(seconds(c.createdAt(), c.resolvedAt())));
        cells.add(Long.toString(c.visitorMessages()));
        cells.add(Long.toString(c.operatorMessages()));
        return cells;
    }

    private static long seconds(java.time.Instant from, java.time.Instant to) {
        return Math.round(Duration.between(from, to).toMillis() / 1000.0);
    }

    private static void write(Writer out, List<String> cells) {
        try {
            out.write(Csv.row(cells));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The period from the query's {@code from} and {@code to} (YYYY-MM-DD, both included); by default the last
     * {@value #DEFAULT_DAYS} days up to today in the tenant's zone. 400 naming the field for a bad date, a backwards
     * period or one over {@value Period#MAX_DAYS} days.
     */
    Period period(TenantId tenant, String from, String to) {
        ZoneId zone = zone(tenant);
        LocalDate today = clock.instant().atZone(zone).toLocalDate();
        List<FieldError> errors = new ArrayList<>();
        LocalDate end = date("to", to, today, errors);
        LocalDate start = date("from", from, end == null ? null : end.minusDays(DEFAULT_DAYS - 1), errors);
        if (errors.isEmpty() && end.isBefore(start)) {
            errors.add(new FieldError("to", "must not be before from (" + start + ")"));
        } else if (errors.isEmpty() && ChronoUnit.DAYS.between(start, end) + 1 > Period.MAX_DAYS) {
            errors.add(new FieldError("to", "a report covers at most " + Period.MAX_DAYS + " days"));
        }
        if (!errors.isEmpty()) {
            throw new ParleyException(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "The request has invalid fields.",
                    Map.of("errors", errors));
        }
        return Period.of(zone, start, end);
    }

    private static LocalDate date(String field, String value, LocalDate fallback, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            if (value.matches("\\d{4}-\\d{2}-\\d{2}")) {
                LocalDate date = LocalDate.parse(value);
                if (date.getYear() >= 2000 && date.getYear() <= 2999) {
                    return date;
                }
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        errors.add(new FieldError(field, "must be a date written YYYY-MM-DD"));
        return null;
    }

    /**
     * The tenant's zone, as the dashboard counts days: its working hours' zone, else the {@code timezone} given at
     * provisioning, else UTC (also for a zone that does not parse).
     */
    private ZoneId zone(TenantId tenant) {
        String zone = tenants.findWidgetTenant(tenant)
                .map(t -> t.setting("hours.timezone", String.class, t.setting("timezone", String.class, null)))
                .orElse(null);
        if (zone == null || zone.isBlank()) {
            return UTC;
        }
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            return UTC;
        }
    }
}
