package dev.parley.identity;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.parley.identity.internal.MembershipRepository;
import dev.parley.shared.TenantId;

import org.springframework.stereotype.Service;

/** The people of a tenant as other modules need them: names to show, roles, whether they are active. */
@Service
public class People {

    /** A member of a tenant. */
    public record Person(UUID userId, String email, String name, Role role, boolean active) {

        /** The name to show others: the person's name, else their email. */
        public String displayName() {
            return name != null && !name.isBlank() ? name : email;
        }
    }

    private final MembershipRepository memberships;
    private final java.time.Clock clock;
    private final com.github.benmanes.caffeine.cache.Cache<String, String> names =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(50_000)
                    .expireAfterWrite(java.time.Duration.ofSeconds(60)).build();

    People(MembershipRepository memberships, java.time.Clock clock) {
        this.memberships = memberships;
        this.clock = clock;
    }

    /**
     * The seats the tenant holds: active members plus open invitations (each holds a seat, as when inviting). Runs in
     * the caller's transaction (the tenant's own or a platform one).
     */
    public long seatsTaken(TenantId tenant) {
        return memberships.countSeatsTaken(tenant.value(), clock.instant());
    }

    /** The name to show for a member, cached briefly (names change rarely; chat asks on every assignment). */
    public String displayName(TenantId tenant, UUID user) {
        return names.get(tenant.value() + "/" + user,
                k -> find(tenant, user).map(Person::displayName).orElse("An operator"));
    }

    /** Runs in the caller's tenant transaction. */
    public Optional<Person> find(TenantId tenant, UUID user) {
        return memberships.find(tenant.value(), user)
                .map(m -> new Person(m.userId(), m.email(), m.name(), m.role(), m.active()));
    }

    public List<Person> all(TenantId tenant) {
        return memberships.list(tenant.value(), "ACTIVE", null, null, 1000).stream()
                .map(m -> new Person(m.userId(), m.email(), m.name(), m.role(), m.active()))
                .toList();
    }
}
