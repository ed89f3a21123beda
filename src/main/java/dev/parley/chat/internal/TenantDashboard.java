package dev.parley.chat.internal;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.parley.chat.Presence;
import dev.parley.chat.internal.DashboardRepository.Recent;
import dev.parley.chat.realtime.RealtimeHub;
import dev.parley.identity.People;
import dev.parley.identity.Role;
import dev.parley.shared.TenantId;
import dev.parley.tenancy.TenantDirectory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A tenant's dashboard: what happened today and this month, what is open now, how fast the team answers and
 * resolves, who is online. Runs in the caller's tenant transaction, so row-level security keeps every figure
 * to the tenant; days are counted in the tenant's time zone.
 */
@Service
@Transactional(readOnly = true)
public class TenantDashboard {

    /** How far back the response and resolution averages look. */
    public static final Duration AVERAGES_WINDOW = Duration.ofDays(7);
    /** Days in the per-day chart, today included. */
    public static final int CHART_DAYS = 14;
    private static final int RECENT = 10;
    private static final ZoneId UTC = ZoneId.of("UTC");

    /** Everything the dashboard shows. */
    public record Figures(String timeZone, LocalDate today, Instant generatedAt, Conversations conversations,
                          Open open, long resolvedToday, OfflineMessages offlineMessages, Averages last7Days,
                          Operators operators, List<Day> perDay, List<Recent> recent) {
    }

    /** Conversations started (live chats and offline messages alike). */
    public record Conversations(long today, long thisMonth) {
    }

    /** Open now: live chats waiting for an operator, and chats an operator has. */
    public record Open(long queued, long assigned) {
    }

    /** Messages left through the offline form: started today, this month, and not yet dealt with. */
    public record OfflineMessages(long today, long thisMonth, long waiting) {
    }

    /** Averages over live chats of the last seven days; null when there was nothing to average. */
    public record Averages(Instant since, Double firstResponseSeconds, long firstResponses, Double resolutionSeconds,
                           long resolutions) {
    }

    /** Operators online now out of the tenant's active members, and each of them. */
    public record Operators(long online, long total, List<Operator> people) {
    }

    /** A member as the dashboard and team page show them: presence and open chats. */
    public record Operator(UUID userId, String name, Role role, Presence presence, long openChats) {
    }

    /** Conversations started on one day of the tenant's calendar. */
    public record Day(LocalDate date, long conversations) {
    }

    private final DashboardRepository figures;
    private final TenantDirectory tenants;
    private final People people;
    private final RealtimeHub hub;
    private final Clock clock;

    TenantDashboard(DashboardRepository figures, TenantDirectory tenants, People people, RealtimeHub hub,
                    Clock clock) {
        this.figures = figures;
        this.tenants = tenants;
        this.people = people;
        this.hub = hub;
        this.clock = clock;
    }

    public Figures figures(TenantId tenant) {
        UUID id = tenant.value();
        Instant now = clock.instant();
        ZoneId zone = timeZone(tenant);
        LocalDate today = now.atZone(zone).toLocalDate();
        Instant dayStart = today.atStartOfDay(zone).toInstant();
        Instant monthStart = today.withDayOfMonth(1).atStartOfDay(zone).toInstant();
        Instant since = now.minus(AVERAGES_WINDOW);

        var started = figures.started(id, dayStart, monthStart);
        var open = figures.open(id);
        var resolved = figures.resolved(id, dayStart, since);
        var replies = figures.firstResponses(id, since);
        return new Figures(zone.getId(), today, now,
                new Conversations(started.today(), started.thisMonth()),
                new Open(open.queued(), open.assigned()), resolved.today(),
                new OfflineMessages(started.offlineToday(), started.offlineThisMonth(), open.offlineWaiting()),
                new Averages(since, replies.averageSeconds(), replies.answered(), resolved.averageSeconds(),
                        resolved.since()),
                operators(tenant), perDay(id, today, zone), figures.recent(id, RECENT));
    }

    /**
     * The tenant's active members with their presence: online or away only while they have the console open
     * (a connection on this node), offline otherwise, whatever their last chosen status.
     */
    public Operators operators(TenantId tenant) {
        Set<UUID> connected = hub.connectedOperators(tenant.value());
        Map<UUID, Presence> chosen = figures.presences(tenant.value());
        Map<UUID, Long> openChats = figures.openChatsByOperator(tenant.value());
        List<Operator> list = new ArrayList<>();
        for (People.Person person : people.all(tenant)) {
            Presence presence = connected.contains(person.userId())
                    ? chosen.getOrDefault(person.userId(), Presence.OFFLINE) : Presence.OFFLINE;
            list.add(new Operator(person.userId(), person.displayName(), person.role(), presence,
                    openChats.getOrDefault(person.userId(), 0L)));
        }
        list.sort(Comparator.comparing(Operator::presence).thenComparing(Operator::name, String.CASE_INSENSITIVE_ORDER));
        long online = list.stream().filter(o -> o.presence() == Presence.ONLINE).count();
        return new Operators(online, list.size(), list);
    }

    private List<Day> perDay(UUID tenant, LocalDate today, ZoneId zone) {
        LocalDate first = today.minusDays(CHART_DAYS - 1);
        List<Instant> bounds = new ArrayList<>();
        for (int i = 0; i <= CHART_DAYS; i++) {
            bounds.add(first.plusDays(i).atStartOfDay(zone).toInstant());
        }
        long[] counts = figures.startedPerDay(tenant, bounds);
        List<Day> days = new ArrayList<>();
        for (int i = 0; i < CHART_DAYS; i++) {
            days.add(new Day(first.plusDays(i), counts[i]));
        }
        return days;
    }

    /**
     * The zone the tenant's days are counted in: its working hours' zone, else the {@code timezone} setting given
     * at provisioning, else UTC. A zone that does not parse falls back to UTC rather than failing the dashboard.
     */
    private ZoneId timeZone(TenantId tenant) {
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
