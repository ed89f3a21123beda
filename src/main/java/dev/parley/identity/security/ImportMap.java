package dev.parley.identity.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The console's import map is its only inline script; the content security policy allows exactly it by hash,
 * so no other inline script can run. Every page embeds {@code static/console/importmap.json} verbatim.
 */
final class ImportMap {

    static final String RESOURCE = "/static/console/importmap.json";

    private ImportMap() {
    }

    static String content() {
        try (InputStream in = ImportMap.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String hash() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(content().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
