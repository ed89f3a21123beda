package dev.parley.tasks.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.parley.identity.People;
import dev.parley.identity.Role;
import dev.parley.shared.ParleyException;
import dev.parley.shared.TenantId;
import dev.parley.tasks.TaskPerson;

import org.springframework.stereotype.Component;

/** The people tasks involve: who may be assigned one (active admin operators of the tenant), and their names. */
@Component
public class TaskTeam {

    private final People people;

    TaskTeam(People people) {
        this.people = people;
    }

    /** Admin operators and tenant admins: the only roles that see tasks. */
    public static boolean worksOnTasks(People.Person person) {
        return person.role() == Role.ADMIN_OPERATOR || person.role() == Role.TENANT_ADMIN;
    }

    /** The tenant's active admin operators and tenant admins, by name. */
    public List<People.Person> assignable(TenantId tenant) {
        return people.all(tenant).stream().filter(p -> p.active() && worksOnTasks(p))
                .sorted(java.util.Comparator.comparing(People.Person::displayName, String.CASE_INSENSITIVE_ORDER))
                .toList();
    }

    /** The person, if they may be given a task now; else a 400 naming {@code assigneeId}. */
    public People.Person requireAssignable(TenantId tenant, UUID user) {
        return people.find(tenant, user).filter(p -> p.active() && worksOnTasks(p))
                .orElseThrow(() -> ParleyException.invalidField("assigneeId",
                        "must be an active admin operator or tenant admin of this tenant"));
    }

    /** The person if they still work on tasks (active, admin operator or tenant admin). */
    public Optional<People.Person> stillOnTasks(TenantId tenant, UUID user) {
        return people.find(tenant, user).filter(p -> p.active() && worksOnTasks(p));
    }

    /** Names for the people of one answer, each looked up once. */
    public Names names(TenantId tenant) {
        return new Names(tenant);
    }

    /** Looks people up by id, once each; someone no longer in the tenant shows as "Former member". */
    public final class Names {

        private final TenantId tenant;
        private final Map<UUID, TaskPerson> known = new HashMap<>();

        private Names(TenantId tenant) {
            this.tenant = tenant;
        }

        public TaskPerson of(UUID user) {
            if (user == null) {
                return null;
            }
            return known.computeIfAbsent(user, id -> people.find(tenant, id)
                    .map(p -> new TaskPerson(id, p.displayName(), p.active()))
                    .orElseGet(() -> new TaskPerson(id, "Former member", false)));
        }

        public String nameOf(String user) {
            if (user == null) {
                return null;
            }
            try {
                return of(UUID.fromString(user)).name();
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }
}
