package dev.parley.followups;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.parley.chat.Resolutions;
import dev.parley.followups.FollowUpReport.Figures;
import dev.parley.followups.FollowUpReport.Group;
import dev.parley.followups.internal.AdminOperators;
import dev.parley.followups.internal.FollowUpRepository;
import dev.parley.followups.internal.FollowUpRepository.ReportRow;
import dev.parley.shared.ParleyException;
import dev.parley.shared.TenantId;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The follow-up outcome report of a tenant; see {@link FollowUpReport} for what each figure means. */
@Service
@Transactional(readOnly = true)
public class FollowUpReports {

    static final Duration DEFAULT_RANGE = Duration.ofDays(30);
    static final Duration MAX_RANGE = Duration.ofDays(366);

    private final FollowUpRepository followUps;
    private final Resolutions resolutions;
    private final AdminOperators admins;
    private final Clock clock;

    FollowUpReports(FollowUpRepository followUps, Resolutions resolutions, AdminOperators admins, Clock clock) {
        this.followUps = followUps;
        this.resolutions = resolutions;
        this.admins = admins;
        this.clock = clock;
    }

    /** Without bounds: the last 30 days up to now. */
    public FollowUpReport report(TenantId tenant, Instant from, Instant to) {
        Instant end = to != null ? to : clock.instant();
        Instant start = from != null ? from : end.minus(DEFAULT_RANGE);
        if (!end.isAfter(start)) {
            throw ParleyException.invalidField("to", "must be after from");
        }
        if (Duration.between(start, end).compareTo(MAX_RANGE) > 0) {
            throw ParleyException.invalidField("to", "must be at most 366 days after from");
        }
        List<ReportRow> rows = followUps.scheduledWithin(tenant.value(), start, end);
        Set<UUID> completedConversations = rows.stream().filter(r -> r.status() == FollowUpStatus.COMPLETED)
                .map(ReportRow::conversationId).collect(Collectors.toSet());
        Map<UUID, Instant> resolved = resolutions.resolvedAt(tenant, completedConversations);
        Function<ReportRow, Boolean> ledToResolution = r -> r.status() == FollowUpStatus.COMPLETED
                && (r.outcomeCode() == OutcomeCode.RESOLVED
                    || (resolved.containsKey(r.conversationId()) && !resolved.get(r.conversationId()).isBefore(r.completedAt())));

        List<Group> byType = breakdown(rows, r -> r.type().name(), ledToResolution);
        List<Group> byChannel = breakdown(rows, r -> r.channel().name(), ledToResolution);
        List<Group> byOperator = new ArrayList<>();
        for (Group group : breakdown(rows, r -> r.assigneeId().toString(), ledToResolution)) {
            byOperator.add(new Group(group.key(), admins.name(tenant, UUID.fromString(group.key())), group.figures()));
        }
        byOperator.sort(Comparator.comparing(Group::label, String.CASE_INSENSITIVE_ORDER));
        return new FollowUpReport(start, end, figures(rows, ledToResolution), byType, byChannel, byOperator);
    }

    private static List<Group> breakdown(List<ReportRow> rows, Function<ReportRow, String> key,
                                         Function<ReportRow, Boolean> ledToResolution) {
        Map<String, List<ReportRow>> groups = rows.stream()
                .collect(Collectors.groupingBy(key, java.util.TreeMap::new, Collectors.toList()));
        Map<String, Group> result = new LinkedHashMap<>();
        groups.forEach((k, group) -> result.put(k, new Group(k, k, figures(group, ledToResolution))));
        return List.copyOf(result.values());
    }

    private static Figures figures(List<ReportRow> rows, Function<ReportRow, Boolean> ledToResolution) {
        long scheduled = count(rows, FollowUpStatus.SCHEDULED);
        long completed = count(rows, FollowUpStatus.COMPLETED);
        long missed = count(rows, FollowUpStatus.MISSED);
        long cancelled = count(rows, FollowUpStatus.CANCELLED);
        long decided = completed + missed + cancelled;
        long resolvedCount = rows.stream().filter(ledToResolution::apply).count();
        return new Figures(rows.size(), scheduled, completed, missed, cancelled, rate(completed, decided),
                rate(missed, decided), rate(cancelled, decided), resolvedCount, rate(resolvedCount, completed));
    }

    private static long count(List<ReportRow> rows, FollowUpStatus status) {
        return rows.stream().filter(r -> r.status() == status).count();
    }

    /** A share rounded to four decimals (0.6667), or null without a denominator. */
    private static Double rate(long part, long whole) {
        return whole == 0 ? null : Math.round(part * 10_000.0 / whole) / 10_000.0;
    }
}
