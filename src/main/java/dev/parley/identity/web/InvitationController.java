package dev.parley.identity.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import dev.parley.identity.internal.Invitations;
import dev.parley.identity.internal.Invitations.InvitationPreview;
import dev.parley.identity.internal.SessionView.SignedIn;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The public side of invitations: see what an invitation is for, and accept it. */
@RestController
class InvitationController {

    private final Invitations invitations;

    InvitationController(Invitations invitations) {
        this.invitations = invitations;
    }

    record Accept(@NotBlank @Size(max = 200) String token, @Size(max = 1000) String password,
                  @Size(max = 200) String name) {
    }

    @GetMapping("/api/v1/invitations/{token}")
    InvitationPreview preview(@PathVariable String token) {
        return invitations.preview(token);
    }

    @PostMapping("/api/v1/invitations/accept")
    SignedIn accept(@Valid @RequestBody Accept body, HttpServletRequest request) {
        return invitations.accept(body.token(), body.password(), body.name(), ClientInfo.of(request));
    }
}
