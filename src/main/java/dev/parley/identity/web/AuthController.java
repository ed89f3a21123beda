package dev.parley.identity.web;

import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.parley.identity.internal.PasswordChange;
import dev.parley.identity.internal.SessionView.Me;
import dev.parley.identity.internal.SessionView.SignedIn;
import dev.parley.identity.internal.SignIn;
import dev.parley.shared.security.Caller;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Sign-in, token refresh, sign-out, tenant switching and who-am-I. */
@RestController
class AuthController {

    private final SignIn signIn;
    private final PasswordChange passwords;

    AuthController(SignIn signIn, PasswordChange passwords) {
        this.signIn = signIn;
        this.passwords = passwords;
    }

    record Login(@NotBlank @Size(max = 320) String email, @NotBlank @Size(max = 1000) String password,
                 UUID tenantId) {
    }

    record Refresh(@NotBlank @Size(max = 200) String refreshToken) {
    }

    record Logout(@Size(max = 200) String refreshToken) {
    }

    record SwitchTenant(@NotNull UUID tenantId) {
    }

    @PostMapping("/api/v1/auth/login")
    SignedIn login(@Valid @RequestBody Login body, HttpServletRequest request) {
        return signIn.login(body.email(), body.password(), body.tenantId(), ClientInfo.of(request));
    }

    @PostMapping("/api/v1/auth/refresh")
    SignedIn refresh(@Valid @RequestBody Refresh body, HttpServletRequest request) {
        return signIn.refresh(body.refreshToken(), ClientInfo.of(request));
    }

    /** Ends the session of the given refresh token, or of the bearer access token; always 204. */
    @PostMapping("/api/v1/auth/logout")
    ResponseEntity<Void> logout(@Valid @RequestBody(required = false) Logout body) {
        if (body != null && body.refreshToken() != null && !body.refreshToken().isBlank()) {
            signIn.logout(body.refreshToken());
        }
        Caller.current().ifPresent(caller ->
                signIn.logoutSession(caller.tenant().value(), caller.sessionId(), caller.user().value()));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/v1/auth/switch-tenant")
    SignedIn switchTenant(@Valid @RequestBody SwitchTenant body, HttpServletRequest request) {
        Caller caller = Caller.require();
        return signIn.switchTenant(caller.user().value(), body.tenantId(), ClientInfo.of(request));
    }

    record ChangePassword(@NotBlank @Size(max = 1000) String currentPassword,
                          @NotBlank @Size(max = 1000) String newPassword) {
    }

    /** Changes the caller's password; their other sessions end, this one stays. */
    @PostMapping("/api/v1/me/password")
    ResponseEntity<Void> changePassword(@Valid @RequestBody ChangePassword body, HttpServletRequest request) {
        Caller caller = Caller.require();
        passwords.change(caller.user().value(), caller.tenant().value(), caller.sessionId(), body.currentPassword(),
                body.newPassword(), request.getRemoteAddr());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/me")
    Me me() {
        Caller caller = Caller.require();
        return signIn.me(caller.user().value(), caller.tenant().value());
    }
}
