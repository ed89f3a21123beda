package dev.parley.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import dev.parley.integrations.internal.WebhookSignature;
import org.junit.jupiter.api.Test;

/** The signature Parley sends passes the verification snippet of docs/webhooks.md, and only for that body and secret. */
class WebhookSignatureTest {

    static final String SECRET = "whsec_3q2-7wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    static final String BODY = "{\"id\":\"0193a7c2-5f1e-7b3a-9c4d-2e8f6a1b3c5d\",\"type\":\"ping\",\"data\":{\"message\":\"héllo\"}}";

    @Test
    void aSignatureMadeNowPassesTheDocumentedCheck() throws Exception {
        String header = WebhookSignature.header(SECRET, Instant.now().getEpochSecond(), BODY);

        assertThat(header).matches("t=\\d+,v1=[0-9a-f]{64}");
        assertThat(verify(SECRET, header, BODY, 300)).isTrue();
    }

    @Test
    void anotherBodyAnotherSecretOrAnOldTimestampFail() throws Exception {
        String header = WebhookSignature.header(SECRET, Instant.now().getEpochSecond(), BODY);
        String old = WebhookSignature.header(SECRET, Instant.now().minusSeconds(3600).getEpochSecond(), BODY);

        assertThat(verify(SECRET, header, BODY.replace("ping", "pong"), 300)).isFalse();
        assertThat(verify("whsec_another", header, BODY, 300)).isFalse();
        assertThat(verify(SECRET, old, BODY, 300)).isFalse();
        assertThat(verify(SECRET, "v1=abc", BODY, 300)).isFalse();
    }

    @Test
    void theHmacIsTheStandardOne() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
        assertThat(WebhookSignature.hmac("Jefe", "what do ya want for nothing?"))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    // --- verbatim from docs/webhooks.md ---
    static boolean verify(String secret, String header, String rawBody, long toleranceSeconds) throws Exception {
        String t = null, v1 = null;
        for (String part : header.split(",")) {
            if (part.startsWith("t=")) t = part.substring(2);
            if (part.startsWith("v1=")) v1 = part.substring(3);
        }
        if (t == null || v1 == null) return false;
        if (Math.abs(java.time.Instant.now().getEpochSecond() - Long.parseLong(t)) > toleranceSeconds) return false;
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] expected = mac.doFinal((t + "." + rawBody).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return java.security.MessageDigest.isEqual(expected, java.util.HexFormat.of().parseHex(v1));
    }
}
