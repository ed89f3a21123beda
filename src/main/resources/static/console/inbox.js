import { LitElement, html, css } from 'lit';
import { api, describe } from './api.js';
import { OperatorSocket } from './realtime.js';
import { shared } from './styles.js';
import './conversation-list.js';
import './chat-panel.js';
import './column-settings.js';

const VIEWS = [['queue', 'Queue'], ['mine', 'Mine'], ['all', 'All open'], ['resolved', 'Resolved']];
const MAX_OPEN = 4;

/**
 * The operator's inbox: the conversation list (queue, mine, all, resolved) and several chats open side by side,
 * each live. Keeps one realtime connection for all of them.
 */
export class Inbox extends LitElement {
  static properties = {
    me: { type: Object }, route: { type: String },
    view: { state: true }, conversations: { state: true }, columns: { state: true }, openIds: { state: true },
    presence: { state: true }, error: { state: true }, connection: { state: true }, editingColumns: { state: true },
  };
  static styles = [shared, css`
    :host { display: grid; grid-template-columns: minmax(22rem, 2fr) 5fr; gap: 1rem; padding: 1rem; height: calc(100vh - var(--parley-header-height, 4rem)); box-sizing: border-box; }
    .left { display: flex; flex-direction: column; min-width: 0; overflow: auto; }
    nav { display: flex; gap: 0.3rem; margin-bottom: 0.6rem; flex-wrap: wrap; align-items: center; }
    nav button { padding: 0.35rem 0.7rem; font-size: 0.85rem; }
    nav button[aria-pressed="false"] { background: transparent; color: var(--parley-primary); }
    .toolbar { display: flex; flex-wrap: wrap; align-items: center; gap: 0.4rem 0.6rem; margin-bottom: 0.6rem; }
    .toolbar select { width: auto; padding: 0.3rem 0.5rem; }
    .toolbar button { padding: 0.3rem 0.6rem; font-size: 0.8rem; }
    .conn { display: inline-flex; align-items: center; gap: 0.3rem; }
    .conn .dot { width: 0.5rem; height: 0.5rem; border-radius: 50%; background: #e0a800; }
    .conn.connected .dot { background: #2f9e44; }
    .chats { display: grid; gap: 0.8rem; grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr)); min-height: 0; }
    .chats parley-chat-panel { height: calc(100vh - var(--parley-header-height, 4rem) - 2rem); }
    .placeholder { color: var(--parley-muted); padding: 2rem; text-align: center; }
    .conn { font-size: 0.75rem; color: var(--parley-muted); }
  `];

  constructor() {
    super();
    this.view = 'all';
    this.conversations = new Map();
    this.messages = new Map();
    this.contacts = new Map();
    this.typing = new Map();
    this.openIds = [];
    this.operators = [];
    this.columns = [];
    this.presence = 'ONLINE';
    this.connection = 'connecting';
  }

  connectedCallback() {
    super.connectedCallback();
    this.socket = new OperatorSocket();
    this.socket.addEventListener('status', (e) => { this.connection = e.detail; });
    this.socket.addEventListener('hello', (e) => { this.presence = e.detail.presence; this.reload(); });
    this.socket.addEventListener('message.created', (e) => this.onMessage(e.detail.message));
    this.socket.addEventListener('ack', (e) => this.onMessage(e.detail.message));
    this.socket.addEventListener('sync', (e) => e.detail.messages.forEach((m) => this.onMessage(m)));
    for (const type of ['conversation.created', 'conversation.updated', 'conversation.assigned', 'conversation.resolved']) {
      this.socket.addEventListener(type, (e) => this.onConversation(type, e.detail.conversation));
    }
    this.socket.addEventListener('typing', (e) => this.onTyping(e.detail));
    this.socket.addEventListener('error', (e) => { if (e.detail?.message) this.error = e.detail.message; });
    this.socket.connect();
    this.load();
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.socket.close();
  }

  willUpdate(changed) {
    if (changed.has('route')) this.openFromRoute();
  }

  /** `#/inbox/<conversationId>` (a link from the dashboard, say) opens that conversation. */
  openFromRoute() {
    // Only the inbox's own routes: someone sent here from a page they may not open (`#/tasks/<id>`) opens nothing.
    const [page, id] = (this.route || '').split('/');
    if (page === 'inbox' && id && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id) && !this.openIds.includes(id)) {
      this.open(id);
    }
  }

  async load() {
    try {
      const [columns, users] = await Promise.all([api('/api/v1/column-config'), api('/api/v1/operators').catch(() => [])]);
      this.columns = columns.columns;
      this.operators = users;
      await this.reload();
    } catch (error) {
      this.error = describe(error);
    }
  }

  async reload() {
    const page = await api(`/api/v1/conversations?view=${this.view}&limit=100`);
    const fresh = new Map(page.items.map((c) => [c.id, c]));
    for (const id of this.openIds) {
      if (!fresh.has(id) && this.conversations.has(id)) fresh.set(id, this.conversations.get(id));
    }
    this.conversations = fresh;
  }

  shows(c) {
    switch (this.view) {
      case 'queue': return c.status === 'QUEUED';
      case 'mine': return c.status === 'ASSIGNED' && c.assigneeId === this.me.user.id;
      case 'resolved': return c.status === 'RESOLVED';
      default: return c.status !== 'RESOLVED';
    }
  }

  onConversation(type, conversation) {
    const known = this.conversations.get(conversation.id);
    const next = new Map(this.conversations);
    next.set(conversation.id, { ...conversation, unread: known ? known.unread : conversation.unread });
    this.conversations = next;
    if (type === 'conversation.created') this.notify(`New chat from ${conversation.visitorName}`, conversation.lastMessagePreview);
    this.requestUpdate();
  }

  onMessage(message) {
    if (!message) return;
    const list = this.messages.get(message.conversationId) || new Map();
    if (list.has(message.id)) return;
    list.set(message.id, message);
    this.messages.set(message.conversationId, list);
    this.socket.saw(message.conversationId, message.seq);
    const c = this.conversations.get(message.conversationId);
    if (c && message.senderKind === 'VISITOR') {
      const open = this.openIds.includes(c.id) && document.visibilityState === 'visible';
      this.conversations.set(c.id, { ...c, unread: open ? 0 : (c.unread || 0) + 1, lastMessagePreview: message.body,
        lastMessageAt: message.createdAt, waitingSince: c.waitingSince || message.createdAt, lastSeq: message.seq });
      if (open) this.socket.send({ type: 'read', conversationId: c.id, seq: message.seq });
      this.typing.delete(c.id);
    } else if (c && message.senderKind === 'OPERATOR' && !message.isPrivate) {
      this.conversations.set(c.id, { ...c, lastMessagePreview: message.body, lastMessageAt: message.createdAt,
        waitingSince: null, lastSeq: message.seq });
    } else if (!c) {
      api(`/api/v1/conversations/${message.conversationId}`).then((fresh) => this.onConversation('conversation.updated', fresh)).catch(() => {});
    }
    this.requestUpdate();
  }

  onTyping(frame) {
    if (frame.who !== 'VISITOR') return;
    if (frame.isTyping) {
      this.typing.set(frame.conversationId, frame.name);
      clearTimeout(this.typingTimers?.[frame.conversationId]);
      this.typingTimers = this.typingTimers || {};
      this.typingTimers[frame.conversationId] = setTimeout(() => { this.typing.delete(frame.conversationId); this.requestUpdate(); }, 6000);
    } else {
      this.typing.delete(frame.conversationId);
    }
    this.requestUpdate();
  }

  async open(id) {
    if (!this.openIds.includes(id)) {
      const ids = [...this.openIds, id];
      this.openIds = ids.length > MAX_OPEN ? ids.slice(ids.length - MAX_OPEN) : ids;
    }
    try {
      const [conversation, messages] = await Promise.all([
        api(`/api/v1/conversations/${id}`), api(`/api/v1/conversations/${id}/messages?limit=200`)]);
      messages.forEach((m) => this.onMessage(m));
      this.conversations.set(id, { ...conversation, unread: 0 });
      const contact = await api(`/api/v1/contacts/${conversation.contactId}`);
      this.contacts.set(id, contact);
      const last = messages.at(-1);
      if (last) this.socket.send({ type: 'read', conversationId: id, seq: last.seq });
      this.requestUpdate();
    } catch (error) {
      this.error = describe(error);
      if (!this.conversations.has(id)) this.openIds = this.openIds.filter((x) => x !== id);
    }
  }

  async act(path, id, body) {
    try {
      const updated = await api(`/api/v1/conversations/${id}/${path}`, { method: 'POST', body });
      this.onConversation('conversation.updated', updated);
    } catch (error) {
      this.error = describe(error);
    }
  }

  lastTyping = {};

  sendTyping(id) {
    const now = Date.now();
    if (now - (this.lastTyping[id] || 0) > 2000) {
      this.lastTyping[id] = now;
      this.socket.send({ type: 'typing', conversationId: id, isTyping: true });
    }
  }

  setPresence(presence) {
    this.presence = presence;
    this.socket.send({ type: 'presence', presence });
  }

  notify(title, body) {
    beep();
    if ('Notification' in window && Notification.permission === 'granted' && document.visibilityState !== 'visible') {
      new Notification(title, { body: body || '' });
    }
  }

  render() {
    const list = [...this.conversations.values()].filter((c) => this.shows(c)).sort((a, b) => (a.id < b.id ? 1 : -1));
    return html`
      <section class="left">
        <nav aria-label="Views">
          ${VIEWS.map(([key, label]) => html`
            <button aria-pressed=${this.view === key} @click=${() => { this.view = key; this.reload(); }}>${label}</button>`)}
        </nav>
        <div class="toolbar">
          <select aria-label="Presence" .value=${this.presence} @change=${(e) => this.setPresence(e.target.value)}>
            <option value="ONLINE">Online</option><option value="AWAY">Away</option><option value="OFFLINE">Offline</option>
          </select>
          <span class="conn ${this.connection}"><span class="dot" aria-hidden="true"></span><span data-testid="connection">${this.connection}</span></span>
          <button class="secondary" aria-expanded=${!!this.editingColumns}
              @click=${() => { this.editingColumns = !this.editingColumns; }}>Columns</button>
          ${'Notification' in window && Notification.permission === 'default' ? html`
            <button class="secondary" @click=${() => Notification.requestPermission().then(() => this.requestUpdate())}>Enable desktop notifications</button>` : ''}
        </div>
        ${this.editingColumns ? html`<parley-column-settings .columns=${this.columns}
            .admin=${this.me.roles.includes('TENANT_ADMIN')}
            @columns-changed=${(e) => { this.columns = e.detail; this.editingColumns = false; }}></parley-column-settings>` : ''}
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
        <parley-conversation-list .conversations=${list} .columns=${this.columns} .selected=${this.openIds}
            @open-conversation=${(e) => this.open(e.detail)}></parley-conversation-list>
      </section>
      <section class="chats" aria-label="Open chats">
        ${this.openIds.length === 0 ? html`<p class="placeholder">Open a conversation from the list; several can be open at once.</p>` : ''}
        ${this.openIds.map((id) => html`
          <parley-chat-panel .conversation=${this.conversations.get(id)} .contact=${this.contacts.get(id)}
              .messages=${[...(this.messages.get(id)?.values() || [])].sort((a, b) => a.seq - b.seq)}
              .typing=${this.typing.get(id) || ''} .operators=${this.operators} .me=${this.me.user.id}
              .roles=${this.me.roles}
              @send-message=${(e) => this.socket.sendMessage(id, e.detail.body, e.detail.isPrivate)}
              @typing=${() => this.sendTyping(id)}
              @claim=${() => this.act('assign', id, {})}
              @transfer=${(e) => this.act('assign', id, { assigneeId: e.detail.to })}
              @resolve=${() => this.act('resolve', id)}
              @reopen=${() => this.act('reopen', id)}
              @close-chat=${() => { this.openIds = this.openIds.filter((x) => x !== id); }}></parley-chat-panel>`)}
      </section>`;
  }
}

let audio;
function beep() {
  try {
    audio = audio || new AudioContext();
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.frequency.value = 660;
    gain.gain.setValueAtTime(0.08, audio.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + 0.3);
    osc.connect(gain);
    gain.connect(audio.destination);
    osc.start();
    osc.stop(audio.currentTime + 0.3);
  } catch { /* no sound available */ }
}

customElements.define('parley-inbox', Inbox);
