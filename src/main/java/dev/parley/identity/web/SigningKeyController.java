package dev.parley.identity.web;

import java.util.List;
import java.util.Map;

import dev.parley.audit.AuditLog;
import dev.parley.identity.internal.SigningKeys;
import dev.parley.identity.internal.SigningKeys.KeyInfo;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Token signing keys: their public half for anyone verifying tokens, rotation for super-admins. */
@RestController
class SigningKeyController {

    private final SigningKeys keys;
    private final AuditLog audit;

    SigningKeyController(SigningKeys keys, AuditLog audit) {
        this.keys = keys;
        this.audit = audit;
    }

    @GetMapping("/.well-known/jwks.json")
    Map<String, Object> jwks() {
        return keys.publicKeys().toJSONObject();
    }

    @GetMapping("/api/v1/platform/signing-keys")
    @PreAuthorize("hasRole('SUPER_ADMIN')")
    List<KeyInfo> list() {
        return keys.list();
    }

    /** Starts signing with a new key; tokens signed with the old one stay valid until they expire. */
    @PostMapping("/api/v1/platform/signing-keys/rotate")
    @PreAuthorize("hasRole('SUPER_ADMIN')")
    KeyInfo rotate() {
        KeyInfo key = keys.rotate();
        audit.recordPlatform("platform.signing_key_rotated", null, "signing_key", key.kid(), Map.of());
        return key;
    }
}
