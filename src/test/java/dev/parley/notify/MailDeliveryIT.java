package dev.parley.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;

import dev.parley.support.Api;
import dev.parley.support.Api.Response;
import dev.parley.support.Fixtures;
import dev.parley.support.Fixtures.Session;
import dev.parley.support.Fixtures.TenantSetup;
import dev.parley.support.NotificationFixtures;
import dev.parley.support.ParleyIntegrationTest;
import dev.parley.support.TimeMachine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;

import tools.jackson.databind.JsonNode;

/**
 * With a mail server configured, mail leaves over SMTP (a real one, GreenMail, on a free port): notifications and
 * invitations reach their recipients with subject and link, and a server that was down gets the mail once it is back.
 */
@ParleyIntegrationTest
// Closed after the class: a context left in the cache would keep polling the shared job table and could deliver
// another class's mails to its own SMTP server.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestPropertySource(properties = {"parley.smtp.host=127.0.0.1", "parley.smtp.from=Parley <parley@parley.test>",
        "parley.mail.max-attempts=3"})
class MailDeliveryIT {

    static final int SMTP_PORT = freePort();

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1",
            ServerSetup.PROTOCOL_SMTP)).withPerMethodLifecycle(true);

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("parley.smtp.port", () -> SMTP_PORT);
    }

    @LocalServerPort
    int port;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    TimeMachine time;

    Api api;
    Fixtures fixtures;
    NotificationFixtures notices;
    TenantSetup shop;
    Session nina;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new Fixtures(api);
        notices = new NotificationFixtures(events, transactions);
        shop = fixtures.tenant("mailing");
        nina = fixtures.member(shop, "ADMIN_OPERATOR");
    }

    @AfterEach
    void backToNow() {
        time.reset();
    }

    @Test
    void aNotificationByMailReachesTheRecipientWithItsSubjectAndLink() throws Exception {
        String link = "#/tasks/" + UUID.randomUUID();

        notices.notify(shop.id(), nina.userId(), "Task assigned: Refund for order 1042", "Due Friday.", link, true);

        MimeMessage mail = awaitMailTo(nina.email(), "Task assigned: Refund for order 1042");
        assertThat(mail.getFrom()[0].toString()).contains("parley@parley.test");
        assertThat(mail.getContent().toString()).contains("Due Friday.")
                .contains("Open in Parley: http://localhost:" + port + "/console/" + link);
        JsonNode outboxed = await().atMost(Duration.ofSeconds(5)).until(() -> mail("notification", nina.email()),
                m -> m != null && m.path("status").asString().equals("SENT"));
        assertThat(outboxed.path("attempts").asInt()).isEqualTo(1);
        assertThat(outboxed.path("sentAt").isNull()).isFalse();
        assertThat(api.get("/api/v1/mail-outbox", shop.admin().accessToken()).body().path("smtpConfigured")
                .asBoolean()).isTrue();
    }

    @Test
    void anInvitationReachesTheInvitedPersonWithItsLink() throws Exception {
        String email = Fixtures.unique("newcomer") + "@" + shop.slug() + ".test";

        Response invited = api.post("/api/v1/users/invitations", shop.admin().accessToken(),
                Map.of("email", email, "role", "OPERATOR"));

        MimeMessage mail = awaitMailTo(email, "You are invited to join " + shop.name() + " on Parley");
        assertThat(mail.getContent().toString()).contains(invited.text("link"));
    }

    @Test
    void mailForAServerThatIsDownIsRetriedAndArrivesWhenItIsBack() throws Exception {
        smtp.stop();
        notices.notify(shop.id(), nina.userId(), "Follow-up reminder", "Call Ana at 15:00.", "#/followups/7", true);

        JsonNode waiting = await().atMost(Duration.ofSeconds(10)).until(() -> mail("notification", nina.email()),
                m -> m != null && m.path("attempts").asInt() == 1);
        assertThat(waiting.path("status").asString()).isEqualTo("PENDING");
        assertThat(waiting.path("lastError").asString()).isNotBlank();
        assertThat(waiting.path("nextAttemptAt").isNull()).isFalse();

        smtp.start();
        time.advance(Duration.ofMinutes(2));

        MimeMessage mail = awaitMailTo(nina.email(), "Follow-up reminder");
        JsonNode sent = await().atMost(Duration.ofSeconds(5)).until(() -> mail("notification", nina.email()),
                m -> m.path("status").asString().equals("SENT"));
        assertThat(sent.path("attempts").asInt()).isEqualTo(2);
    }

    @Test
    void mailIsMarkedFailedAfterTheLastAttempt() {
        smtp.stop();
        notices.notify(shop.id(), nina.userId(), "Task overdue", null, "#/tasks/9", true);
        await().atMost(Duration.ofSeconds(10)).until(() -> mail("notification", nina.email()),
                m -> m != null && m.path("attempts").asInt() == 1);

        time.advance(Duration.ofMinutes(2)); // second attempt, then one more 2 minutes later
        await().atMost(Duration.ofSeconds(10)).until(() -> mail("notification", nina.email()),
                m -> m.path("attempts").asInt() == 2);
        time.advance(Duration.ofMinutes(3));

        JsonNode failed = await().atMost(Duration.ofSeconds(10)).until(() -> mail("notification", nina.email()),
                m -> m.path("status").asString().equals("FAILED"));
        assertThat(failed.path("attempts").asInt()).isEqualTo(3);
        assertThat(failed.path("nextAttemptAt").isNull()).isTrue();
    }

    private JsonNode mail(String kind, String to) {
        return api.get("/api/v1/mail-outbox?limit=200", shop.admin().accessToken()).body().path("items").valueStream()
                .filter(m -> m.path("kind").asString().equals(kind) && m.path("to").asString().equals(to))
                .findFirst().orElse(null);
    }

    /** The mail with this subject the SMTP server received for the address. */
    private static MimeMessage awaitMailTo(String address, String subject) {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
            for (MimeMessage message : smtp.getReceivedMessages()) {
                if (message.getAllRecipients()[0].toString().equals(address) && subject.equals(message.getSubject())) {
                    return message;
                }
            }
            return null;
        }, m -> m != null);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
