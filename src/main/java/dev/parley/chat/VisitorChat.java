package dev.parley.chat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

import dev.parley.chat.internal.ChatEvents;
import dev.parley.chat.internal.ContactRepository;
import dev.parley.chat.internal.ConversationRepository;
import dev.parley.chat.internal.ConversationRepository.Row;
import dev.parley.chat.internal.MessageRepository;
import dev.parley.chat.internal.Messaging;
import dev.parley.chat.internal.OperatorStatusRepository;
import dev.parley.chat.internal.Routing;
import dev.parley.chat.internal.TenantCounters;
import dev.parley.chat.internal.VisitorSessionRepository;
import dev.parley.chat.realtime.RealtimeHub;
import dev.parley.shared.ParleyException;
import dev.parley.shared.TenantContext;
import dev.parley.shared.TenantId;
import dev.parley.shared.db.PlatformTransactions;
import dev.parley.tenancy.WidgetTenant;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The visitors' side of live chat. A visitor holds an opaque token naming their contact in one tenant; every
 * call runs on the tenant path of that tenant and sees only that visitor's conversations and public messages.
 */
@Service
public class VisitorChat {

    /** What the widget needs after loading: the visitor's token and name, their latest conversation and history. */
    public record Session(String visitorToken, UUID contactId, String displayName, ConversationView conversation,
                          List<MessageView> messages, boolean operatorsOnline, Integer queuePosition) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final VisitorSessionRepository sessions;
    private final ContactRepository contacts;
    private final ConversationRepository conversations;
    private final MessageRepository messages;
    private final OperatorStatusRepository operators;
    private final Messaging messaging;
    private final Routing routing;
    private final Conversations operatorSide;
    private final ChatEvents events;
    private final RealtimeHub hub;
    private final PlatformTransactions platform;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final TenantCounters counters;
    private final dev.parley.tenancy.TenantDirectory tenants;
    private final Cache<UUID, Boolean> withConversation = Caffeine.newBuilder().maximumSize(200_000)
            .expireAfterAccess(Duration.ofHours(1)).build();
    private final Cache<String, Bucket> rates = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(5)).build();

    VisitorChat(VisitorSessionRepository sessions, ContactRepository contacts, ConversationRepository conversations,
                MessageRepository messages, OperatorStatusRepository operators, Messaging messaging, Routing routing,
                Conversations operatorSide, ChatEvents events, RealtimeHub hub, PlatformTransactions platform,
                PlatformTransactionManager transactions, TenantCounters counters,
                dev.parley.tenancy.TenantDirectory tenants, Clock clock) {
        this.counters = counters;
        this.tenants = tenants;
        this.sessions = sessions;
        this.contacts = contacts;
        this.conversations = conversations;
        this.messages = messages;
        this.operators = operators;
        this.messaging = messaging;
        this.routing = routing;
        this.operatorSide = operatorSide;
        this.events = events;
        this.hub = hub;
        this.platform = platform;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** Whose a visitor token is, or empty. */
    public Optional<VisitorIdentity> authenticate(String token) {
        if (token == null || token.isBlank() || token.length() > 200) {
            return Optional.empty();
        }
        byte[] hash = hash(token);
        return platform.call(() -> sessions.findByHash(hash));
    }

    /** Resumes the visitor of this token in this tenant, or starts a new anonymous visitor. */
    public Session start(WidgetTenant tenant, String token, String url, String title, String referrer, String locale,
                         String userAgent) {
        Optional<VisitorIdentity> existing = authenticate(token).filter(v -> v.tenantId().equals(tenant.id()));
        TenantId tenantId = TenantId.of(tenant.id());
        Long visitorNumber = existing.isPresent() ? null
                : TenantContext.callAs(tenantId, () -> counters.next(tenant.id(), "visitor"));
        return in(tenantId, () -> {
            Instant now = clock.instant();
            String visitorToken = token;
            UUID contact;
            if (existing.isPresent()) {
                contact = existing.get().contactId();
            } else {
                contact = contacts.create(tenant.id(), locale, userAgent, now, visitorNumber);
                visitorToken = newToken();
                sessions.create(tenant.id(), contact, hash(visitorToken), now);
            }
            contacts.recordPage(tenant.id(), contact, url, title, referrer, now);
            return session(tenantId, contact, visitorToken);
        });
    }

    private Session session(TenantId tenant, UUID contact, String token) {
        var view = contacts.find(tenant.value(), contact).orElseThrow();
        Optional<ConversationView> conversation = conversations.list(tenant.value(),
                new ConversationRepository.Filter("resolved-or-open", null, null, null, contact), null, null, 1)
                .stream().findFirst();
        List<MessageView> history = conversation
                .map(c -> messages.before(tenant.value(), c.id(), Long.MAX_VALUE, false, 200))
                .orElse(List.of());
        return new Session(token, contact, view.displayName(), conversation.orElse(null), history,
                operatorsOnline(tenant), conversation.map(c -> queuePosition(tenant, c.id())).orElse(null));
    }

    /** Whether a visitor can chat now: within opening hours and with an operator online. */
    public boolean operatorsOnline(TenantId tenant) {
        if (!openNow(tenant)) {
            return false;
        }
        return in(tenant, () -> operators.anyOnline(tenant.value(), hub.connectedOperators(tenant.value())));
    }

    public boolean openNow(TenantId tenant) {
        return tenants.findWidgetTenant(tenant).map(t -> t.openAt(clock.instant())).orElse(false);
    }

    private Integer queuePosition(TenantId tenant, UUID conversation) {
        var queue = conversations.queueWithContacts(tenant.value());
        for (int i = 0; i < queue.size(); i++) {
            if (queue.get(i)[0].equals(conversation)) {
                return i + 1;
            }
        }
        return null;
    }

    /**
     * A visitor message: into their open conversation (a resolved one reopens), or a new conversation that is
     * routed to an operator. Retrying with the same client id returns the same message.
     */
    public MessageView send(VisitorIdentity visitor, String body, String clientId) {
        String text = Messaging.checkBody(body);
        Messaging.checkClientId(clientId);
        rateLimit(visitor);
        TenantId tenant = TenantId.of(visitor.tenantId());
        boolean open = openNow(tenant);
        Long number = conversationNumberIfFirst(tenant, visitor);
        return in(tenant, () -> {
            Optional<Row> latest = conversations.lockLatestOfContact(tenant.value(), visitor.contactId())
                    .filter(r -> !r.offline());
            Row row;
            boolean created = false;
            if (latest.isEmpty() || (latest.get().status() == ConversationStatus.RESOLVED && !open)) {
                if (!open) {
                    throw ParleyException.conflict("CHAT_CLOSED",
                            "We are closed now; leave a message with the offline form.");
                }
                UUID id = conversations.create(tenant.value(), visitor.contactId(), false, clock.instant(), number);
                row = conversations.lock(tenant.value(), id).orElseThrow();
                created = true;
                withConversation.put(visitor.contactId(), Boolean.TRUE);
            } else {
                row = latest.get();
            }
            var posted = messaging.post(tenant, row, SenderKind.VISITOR, null, text, false, clientId);
            if (!posted.created()) {
                return posted.message();
            }
            if (created) {
                routing.route(tenant, row.id(), "conversation.created");
            } else if (row.status() == ConversationStatus.RESOLVED) {
                operatorSide.reopen(tenant, row);
            }
            // Otherwise message.created alone tells operators' lists what changed (preview, waiting time).
            return posted.message();
        });
    }

    /**
     * A visitor's first message opens a conversation: its number is taken before the transaction (see
     * {@code TenantCounters}). Contacts known to have a conversation skip the check.
     */
    private Long conversationNumberIfFirst(TenantId tenant, VisitorIdentity visitor) {
        if (withConversation.getIfPresent(visitor.contactId()) != null) {
            return null;
        }
        return TenantContext.callAs(tenant, () -> {
            if (Boolean.TRUE.equals(tx.execute(s -> contacts.hasConversation(tenant.value(), visitor.contactId())))) {
                withConversation.put(visitor.contactId(), Boolean.TRUE);
                return null;
            }
            return counters.next(tenant.value(), "conversation");
        });
    }

    /** Public messages of the visitor's own conversation after a sequence number (resuming after a drop). */
    public List<MessageView> history(VisitorIdentity visitor, UUID conversation, long afterSeq) {
        TenantId tenant = TenantId.of(visitor.tenantId());
        return in(tenant, () -> {
            requireOwn(tenant, visitor, conversation);
            return messages.after(tenant.value(), conversation, afterSeq, false, 500);
        });
    }

    public void typing(VisitorIdentity visitor, UUID conversation, boolean typing) {
        TenantId tenant = TenantId.of(visitor.tenantId());
        in(tenant, () -> {
            ConversationView view = requireOwn(tenant, visitor, conversation);
            events.toOperators(tenant.value(), messaging.typingFrame(conversation, "VISITOR", view.visitorName(),
                    typing));
            return null;
        });
    }

    public void read(VisitorIdentity visitor, UUID conversation, long seq) {
        TenantId tenant = TenantId.of(visitor.tenantId());
        in(tenant, () -> {
            requireOwn(tenant, visitor, conversation);
            messages.markRead(tenant.value(), conversation, visitor.contactId(), seq, clock.instant());
            events.toOperators(tenant.value(), ChatEvents.frame("read", "conversationId", conversation,
                    "reader", "VISITOR", "seq", seq));
            return null;
        });
    }

    public void page(VisitorIdentity visitor, String url, String title, String referrer) {
        TenantId tenant = TenantId.of(visitor.tenantId());
        in(tenant, () -> {
            contacts.recordPage(tenant.value(), visitor.contactId(), url, title, referrer, clock.instant());
            return null;
        });
    }

    /** What the site says of its signed-in user; refused unless {@code userHash} is HMAC-SHA256(userId, secret). */
    public record Identity(String name, String email, String phone, String userId, String userHash,
                           java.util.Map<String, Object> attributes) {
    }

    private static final java.util.regex.Pattern ATTRIBUTE_KEY = java.util.regex.Pattern.compile("[A-Za-z0-9_.-]{1,50}");

    /** Custom attributes: at most 50, named with letters, digits, '_', '.', '-', each a short string, number or flag. */
    static java.util.Map<String, Object> checkAttributes(java.util.Map<String, Object> attributes) {
        if (attributes == null) {
            return java.util.Map.of();
        }
        if (attributes.size() > 50) {
            throw ParleyException.invalidField("attributes", "at most 50 attributes");
        }
        attributes.forEach((key, value) -> {
            if (!ATTRIBUTE_KEY.matcher(key).matches()) {
                throw ParleyException.invalidField("attributes." + key, "names use letters, digits, _ . - (1-50)");
            }
            boolean scalar = value == null || value instanceof Number || value instanceof Boolean
                    || (value instanceof String text && text.length() <= 500);
            if (!scalar) {
                throw ParleyException.invalidField("attributes." + key, "must be a string of at most 500 characters, a number or true/false");
            }
        });
        return attributes;
    }

    public Session identify(WidgetTenant tenant, VisitorIdentity visitor, String token, Identity identity) {
        java.util.Map<String, Object> attributes = checkAttributes(identity.attributes());
        if (identity.userId() != null && !identity.userId().isBlank()) {
            if (identity.userHash() == null || !validHash(tenant.identitySecret(), identity.userId(), identity.userHash())) {
                throw ParleyException.forbidden("IDENTITY_UNVERIFIED",
                        "userHash must be HMAC-SHA256 of userId with the tenant's identity secret.");
            }
        } else if (identity.userHash() != null) {
            throw ParleyException.invalidField("userId", "is required with userHash");
        }
        TenantId tenantId = TenantId.of(visitor.tenantId());
        return in(tenantId, () -> {
            Instant now = clock.instant();
            UUID contact = visitor.contactId();
            String userId = blank(identity.userId());
            if (userId != null) {
                Optional<UUID> known = contacts.findByExternalId(tenantId.value(), userId);
                if (known.isPresent() && !known.get().equals(contact)) {
                    // The same signed-in user on another device: continue with their contact and history.
                    conversations.moveContact(tenantId.value(), contact, known.get());
                    sessions.moveToContact(tenantId.value(), visitor.sessionId(), known.get());
                    contact = known.get();
                }
            }
            contacts.identify(tenantId.value(), contact, userId, clip(identity.name(), 200),
                    clip(identity.email(), 320), clip(identity.phone(), 50), now);
            if (!attributes.isEmpty()) {
                contacts.mergeAttributes(tenantId.value(), contact, attributes);
            }
            return session(tenantId, contact, token);
        });
    }

    public void prechat(VisitorIdentity visitor, String name, String email) {
        TenantId tenant = TenantId.of(visitor.tenantId());
        in(tenant, () -> {
            contacts.prechat(tenant.value(), visitor.contactId(), clip(name, 200), clip(email, 320), clock.instant());
            return null;
        });
    }

    /** The offline form: a conversation marked offline, waiting for someone to answer by email. */
    public MessageView offline(VisitorIdentity visitor, String name, String email, String body) {
        String text = Messaging.checkBody(body);
        rateLimit(visitor);
        TenantId tenant = TenantId.of(visitor.tenantId());
        return in(tenant, () -> {
            Instant now = clock.instant();
            contacts.prechat(tenant.value(), visitor.contactId(), clip(name, 200), clip(email, 320), now);
            UUID id = conversations.create(tenant.value(), visitor.contactId(), true, now, null);
            Row row = conversations.lock(tenant.value(), id).orElseThrow();
            MessageView message = messaging.post(tenant, row, SenderKind.VISITOR, null, text, false, null).message();
            messaging.changed(tenant, id, "conversation.created");
            return message;
        });
    }

    private ConversationView requireOwn(TenantId tenant, VisitorIdentity visitor, UUID conversation) {
        return conversations.view(tenant.value(), conversation, null)
                .filter(c -> c.contactId().equals(visitor.contactId()))
                .orElseThrow(() -> ParleyException.notFound("CONVERSATION_NOT_FOUND", "No conversation has this id."));
    }

    private void rateLimit(VisitorIdentity visitor) {
        Bucket bucket = rates.get(visitor.tenantId() + "/" + visitor.contactId(), k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(10).refillGreedy(5, Duration.ofSeconds(1)).build())
                .build());
        var probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1);
            throw new ParleyException(HttpStatus.TOO_MANY_REQUESTS, "TOO_MANY_MESSAGES",
                    "Too many messages at once; wait a moment.", java.util.Map.of("retryAfterSeconds", seconds));
        }
    }

    private <T> T in(TenantId tenant, java.util.function.Supplier<T> work) {
        return TenantContext.callAs(tenant, () -> tx.execute(status -> work.get()));
    }

    static boolean validHash(String secret, String userId, String userHash) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] expected = mac.doFinal(userId.getBytes(StandardCharsets.UTF_8));
            byte[] given = HexFormat.of().parseHex(userHash.trim().toLowerCase());
            return MessageDigest.isEqual(expected, given);
        } catch (IllegalArgumentException e) {
            return false;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "vt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String clip(String value, int max) {
        String v = blank(value);
        return v == null ? null : v.length() > max ? v.substring(0, max) : v;
    }
}
