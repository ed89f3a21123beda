package dev.parley.chat.web;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.parley.chat.ColumnConfig;
import dev.parley.chat.ColumnConfig.Columns;
import dev.parley.chat.ContactView;
import dev.parley.chat.ConversationStatus;
import dev.parley.chat.ConversationView;
import dev.parley.chat.Conversations;
import dev.parley.chat.MessageView;
import dev.parley.chat.Presence;
import dev.parley.chat.internal.ContactRepository;
import dev.parley.shared.ParleyException;
import dev.parley.shared.TenantContext;
import dev.parley.shared.TenantId;
import dev.parley.shared.security.Caller;
import dev.parley.shared.web.CursorPage;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The operators' chat API: conversations, messages, contacts, presence and list columns. */
@RestController
class ChatController {

    private final Conversations conversations;
    private final ContactRepository contacts;
    private final ColumnConfig columns;

    ChatController(Conversations conversations, ContactRepository contacts, ColumnConfig columns) {
        this.conversations = conversations;
        this.contacts = contacts;
        this.columns = columns;
    }

    record Send(@Size(max = 10_000) String body, Boolean isPrivate, @Size(max = 100) String clientId) {
    }

    record Assign(UUID assigneeId) {
    }

    record Read(@NotNull @Min(0) Long seq) {
    }

    record Status(Presence presence, @Min(1) @Max(100) Integer maxChats) {
    }

    record ColumnsBody(@NotNull List<ColumnConfig.Column> columns) {
    }

    @GetMapping("/api/v1/conversations")
    CursorPage<ConversationView> list(@RequestParam(required = false) String view,
                                      @RequestParam(required = false) ConversationStatus status,
                                      @RequestParam(required = false) UUID assigneeId,
                                      @RequestParam(required = false) String q,
                                      @RequestParam(required = false) UUID contactId,
                                      @RequestParam(required = false) String cursor,
                                      @RequestParam(required = false) Integer limit) {
        Caller caller = Caller.require();
        return conversations.list(tenant(), caller.user().value(), view, status, assigneeId, q, contactId, cursor,
                limit);
    }

    @GetMapping("/api/v1/conversations/{id}")
    ConversationView get(@PathVariable UUID id) {
        return conversations.get(tenant(), id, Caller.require().user().value());
    }

    @GetMapping("/api/v1/conversations/{id}/messages")
    List<MessageView> messages(@PathVariable UUID id, @RequestParam(required = false) @Min(0) Long afterSeq,
                               @RequestParam(required = false) @Min(1) Long beforeSeq,
                               @RequestParam(required = false) Integer limit) {
        return conversations.messages(tenant(), id, afterSeq, beforeSeq, limit);
    }

    @PostMapping("/api/v1/conversations/{id}/messages")
    ResponseEntity<MessageView> send(@PathVariable UUID id, @Valid @RequestBody Send body) {
        MessageView message = conversations.send(tenant(), Caller.require().user().value(), id, body.body(),
                Boolean.TRUE.equals(body.isPrivate()), body.clientId());
        return ResponseEntity.status(HttpStatus.CREATED).body(message);
    }

    /** Claims the conversation (no assignee: the caller) or transfers it to another operator. */
    @PostMapping("/api/v1/conversations/{id}/assign")
    ConversationView assign(@PathVariable UUID id, @RequestBody(required = false) Assign body) {
        UUID me = Caller.require().user().value();
        UUID assignee = body == null || body.assigneeId() == null ? me : body.assigneeId();
        return conversations.assign(tenant(), id, assignee, me);
    }

    @PostMapping("/api/v1/conversations/{id}/resolve")
    ConversationView resolve(@PathVariable UUID id) {
        return conversations.resolve(tenant(), id, Caller.require().user().value());
    }

    @PostMapping("/api/v1/conversations/{id}/reopen")
    ConversationView reopen(@PathVariable UUID id) {
        return conversations.reopen(tenant(), id, Caller.require().user().value());
    }

    @PostMapping("/api/v1/conversations/{id}/read")
    ResponseEntity<Void> read(@PathVariable UUID id, @Valid @RequestBody Read body) {
        conversations.markRead(tenant(), id, Caller.require().user().value(), body.seq());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/contacts")
    @Transactional(readOnly = true)
    CursorPage<ContactView> contacts(@RequestParam(required = false) String q,
                                     @RequestParam(required = false) String cursor,
                                     @RequestParam(required = false) Integer limit) {
        int size = CursorPage.limit(limit);
        return CursorPage.of(contacts.list(tenant().value(), q, CursorPage.decode(cursor), size + 1), size,
                ContactView::id);
    }

    @GetMapping("/api/v1/contacts/{id}")
    @Transactional(readOnly = true)
    ContactView contact(@PathVariable UUID id) {
        return contacts.find(tenant().value(), id)
                .orElseThrow(() -> ParleyException.notFound("CONTACT_NOT_FOUND", "No contact has this id."));
    }

    /** The tenant's active people, for transfers. */
    @GetMapping("/api/v1/operators")
    List<dev.parley.identity.People.Person> operators() {
        return conversations.operators(tenant());
    }

    @GetMapping("/api/v1/operators/me/status")
    Object status() {
        return conversations.operatorStatus(tenant(), Caller.require().user().value());
    }

    @PutMapping("/api/v1/operators/me/status")
    Object setStatus(@Valid @RequestBody Status body) {
        UUID me = Caller.require().user().value();
        if (body.presence() != null) {
            conversations.setPresence(tenant(), me, body.presence());
        }
        if (body.maxChats() != null) {
            conversations.setMaxChats(tenant(), me, body.maxChats());
        }
        return conversations.operatorStatus(tenant(), me);
    }

    @GetMapping("/api/v1/column-config")
    Columns columns() {
        return columns.forOperator(tenant(), Caller.require().user().value());
    }

    @PutMapping("/api/v1/column-config")
    Columns saveColumns(@Valid @RequestBody ColumnsBody body) {
        columns.save(tenant(), Caller.require().user().value(), body.columns());
        return columns();
    }

    @DeleteMapping("/api/v1/column-config")
    Columns resetColumns() {
        columns.reset(tenant(), Caller.require().user().value());
        return columns();
    }

    @GetMapping("/api/v1/column-config/tenant")
    Columns tenantColumns() {
        return columns.tenantDefault(tenant());
    }

    @PutMapping("/api/v1/column-config/tenant")
    @PreAuthorize("hasRole('TENANT_ADMIN')")
    Columns saveTenantColumns(@Valid @RequestBody ColumnsBody body) {
        columns.save(tenant(), null, body.columns());
        return columns.tenantDefault(tenant());
    }

    private static TenantId tenant() {
        return TenantContext.require();
    }
}
