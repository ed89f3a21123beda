package dev.parley.identity.web;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.parley.identity.Role;
import dev.parley.identity.internal.Invitations;
import dev.parley.identity.internal.Invitations.InvitationView;
import dev.parley.identity.internal.TeamMembers;
import dev.parley.identity.internal.TeamMembers.Member;
import dev.parley.shared.TenantContext;
import dev.parley.shared.security.Caller;
import dev.parley.shared.web.CursorPage;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A tenant admin's API for the tenant's people and invitations; the tenant is the token's. */
@RestController
@RequestMapping("/api/v1/users")
@PreAuthorize("hasRole('TENANT_ADMIN')")
class UserController {

    private final TeamMembers members;
    private final Invitations invitations;

    UserController(TeamMembers members, Invitations invitations) {
        this.members = members;
        this.invitations = invitations;
    }

    record Invite(@NotBlank @Email @Size(max = 320) String email, @NotNull Role role) {
    }

    record ChangeRole(@NotNull Role role) {
    }

    @GetMapping
    CursorPage<Member> list(@RequestParam(required = false) String status, @RequestParam(required = false) String q,
                            @RequestParam(required = false) String cursor,
                            @RequestParam(required = false) Integer limit) {
        return members.list(TenantContext.require(), status, q, cursor, limit);
    }

    @GetMapping("/{userId}")
    Member get(@PathVariable UUID userId) {
        return members.get(TenantContext.require(), userId);
    }

    @PatchMapping("/{userId}")
    Member changeRole(@PathVariable UUID userId, @Valid @RequestBody ChangeRole body) {
        return members.changeRole(TenantContext.require(), userId, body.role(), Caller.require().user().value());
    }

    @PostMapping("/{userId}/deactivate")
    Member deactivate(@PathVariable UUID userId) {
        return members.deactivate(TenantContext.require(), userId, Caller.require().user().value());
    }

    @PostMapping("/{userId}/reactivate")
    Member reactivate(@PathVariable UUID userId) {
        return members.reactivate(TenantContext.require(), userId);
    }

    @PostMapping("/invitations")
    @Transactional
    ResponseEntity<InvitationView> invite(@Valid @RequestBody Invite body) {
        InvitationView view = invitations.invite(TenantContext.require(), body.email(), body.role());
        return ResponseEntity.created(URI.create("/api/v1/users/invitations/" + view.id())).body(view);
    }

    @GetMapping("/invitations")
    @Transactional(readOnly = true)
    List<InvitationView> pendingInvitations() {
        return invitations.pending(TenantContext.require());
    }

    @DeleteMapping("/invitations/{id}")
    @Transactional
    ResponseEntity<Void> revokeInvitation(@PathVariable UUID id) {
        invitations.revoke(TenantContext.require(), id);
        return ResponseEntity.noContent().build();
    }
}
