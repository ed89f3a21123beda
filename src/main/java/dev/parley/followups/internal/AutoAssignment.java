package dev.parley.followups.internal;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.parley.identity.People.Person;
import dev.parley.shared.ParleyException;
import dev.parley.shared.TenantId;

import org.springframework.stereotype.Component;

/**
 * Picks the assignee of a follow-up scheduled without one, by the tenant's strategy. Runs in the scheduling
 * transaction and locks the tenant's settings row, so concurrent assignments take turns: round robin hands out
 * follow-ups strictly in turn and least loaded counts what the one before it assigned.
 */
@Component
public class AutoAssignment {

    private final SettingsRepository settings;
    private final FollowUpRepository followUps;
    private final AdminOperators admins;
    private final Clock clock;

    AutoAssignment(SettingsRepository settings, FollowUpRepository followUps, AdminOperators admins, Clock clock) {
        this.settings = settings;
        this.followUps = followUps;
        this.admins = admins;
        this.clock = clock;
    }

    /** The assignee for a follow-up of a conversation whose operator is {@code conversationOperator} (or null). */
    public UUID choose(TenantId tenant, UUID conversationOperator) {
        SettingsRepository.Assignment state = settings.lock(tenant.value(), clock.instant());
        List<Person> candidates = admins.all(tenant);
        if (candidates.isEmpty()) {
            throw ParleyException.conflict("NO_ADMIN_OPERATOR",
                    "This tenant has no active admin operator to assign the follow-up to.");
        }
        return switch (state.strategy()) {
            case CONVERSATION -> candidates.stream().map(Person::userId).filter(id -> id.equals(conversationOperator))
                    .findFirst().orElseGet(() -> leastLoaded(tenant, candidates));
            case ROUND_ROBIN -> roundRobin(tenant, candidates, state.lastRoundRobinUser());
            case LEAST_LOADED -> leastLoaded(tenant, candidates);
        };
    }

    /** The next candidate after the last one served, in id order, starting over at the end. */
    private UUID roundRobin(TenantId tenant, List<Person> candidates, UUID last) {
        UUID next = candidates.stream().map(Person::userId)
                .filter(id -> last != null && id.compareTo(last) > 0)
                .findFirst().orElse(candidates.getFirst().userId());
        settings.roundRobinReached(tenant.value(), next);
        return next;
    }

    /** The candidate with the fewest scheduled follow-ups; on a tie, the first in id order. */
    private UUID leastLoaded(TenantId tenant, List<Person> candidates) {
        Map<UUID, Long> load = followUps.scheduledCounts(tenant.value());
        return candidates.stream().map(Person::userId)
                .min(Comparator.comparing((UUID id) -> load.getOrDefault(id, 0L)))
                .orElseThrow();
    }
}
