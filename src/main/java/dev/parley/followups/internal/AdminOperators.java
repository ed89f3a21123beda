package dev.parley.followups.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.parley.identity.People;
import dev.parley.identity.Role;
import dev.parley.shared.ParleyException;
import dev.parley.shared.TenantId;

import org.springframework.stereotype.Component;

/** The people who may own follow-ups: the tenant's active admin operators and tenant admins. */
@Component
public class AdminOperators {

    private final People people;

    AdminOperators(People people) {
        this.people = people;
    }

    public static boolean isAdminOperator(People.Person person) {
        return person.active() && (person.role() == Role.ADMIN_OPERATOR || person.role() == Role.TENANT_ADMIN);
    }

    /** Every active admin operator of the tenant, in a stable order (by id). */
    public List<People.Person> all(TenantId tenant) {
        return people.all(tenant).stream().filter(AdminOperators::isAdminOperator)
                .sorted(Comparator.comparing(People.Person::userId)).toList();
    }

    public Optional<People.Person> find(TenantId tenant, UUID user) {
        return user == null ? Optional.empty() : people.find(tenant, user).filter(AdminOperators::isAdminOperator);
    }

    /** The assignee a request names, or a 400 naming the field: someone else's id is simply not one of ours. */
    public People.Person require(TenantId tenant, UUID user, String field) {
        return find(tenant, user).orElseThrow(() -> ParleyException.invalidField(field,
                "must be an active admin operator or tenant admin of this tenant"));
    }

    public String name(TenantId tenant, UUID user) {
        return user == null ? null : people.displayName(tenant, user);
    }
}
