import { LitElement, html, css } from 'lit';
import { api, describe } from './api.js';
import { NotificationStream } from './notification-stream.js';

const LATEST = 10;
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const exact = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** "just now", "5 minutes ago", "yesterday", in the browser's language. */
function ago(iso, now = Date.now()) {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  if (Math.abs(seconds) < 45) return 'just now';
  const steps = [[60, 'second'], [3600, 'minute'], [86400, 'hour'], [604800, 'day'], [2629800, 'week'], [31557600, 'month']];
  for (let i = 1; i < steps.length; i++) {
    if (Math.abs(seconds) < steps[i][0]) return relative.format(Math.round(seconds / steps[i - 1][0]), steps[i][1]);
  }
  return relative.format(Math.round(seconds / 31557600), 'year');
}

/**
 * The bell in the console's header: how many notifications are unread, the latest ones in a dropdown (title, body,
 * how long ago), opening one goes to its page and marks it read, "Mark all read". It stays live through the
 * person's notification stream (not the chat socket, so nobody shows online for chats because of it).
 */
export class NotificationBell extends LitElement {
  static properties = {
    unread: { state: true }, items: { state: true }, open: { state: true }, error: { state: true },
    loading: { state: true }, unavailable: { state: true }, ring: { state: true },
  };

  static styles = css`
    :host { position: relative; display: inline-flex; }
    :host([hidden]) { display: none; }
    button.bell {
      position: relative; display: inline-flex; align-items: center; justify-content: center; width: 2.3rem; height: 2.3rem;
      border-radius: 50%; border: 1px solid transparent; background: transparent; color: var(--parley-text); cursor: pointer;
      padding: 0;
    }
    button.bell:hover, button.bell[aria-expanded="true"] { background: var(--parley-background); border-color: var(--parley-border); }
    button.bell:focus-visible { outline: 2px solid var(--parley-primary); outline-offset: 2px; }
    button.bell svg { width: 1.3rem; height: 1.3rem; }
    button.bell.ring svg { animation: ring 0.9s ease-in-out; transform-origin: 50% 10%; }
    @keyframes ring { 0%, 100% { transform: rotate(0); } 20% { transform: rotate(14deg); } 40% { transform: rotate(-12deg); }
      60% { transform: rotate(8deg); } 80% { transform: rotate(-4deg); } }
    @media (prefers-reduced-motion: reduce) { button.bell.ring svg { animation: none; } }
    .badge {
      position: absolute; top: -0.15rem; right: -0.25rem; min-width: 1.15rem; height: 1.15rem; padding: 0 0.3rem;
      box-sizing: border-box; border-radius: 999px; background: var(--parley-danger); color: white; font-size: 0.7rem;
      font-weight: 700; line-height: 1.15rem; text-align: center; border: 2px solid var(--parley-surface);
    }
    .panel {
      position: absolute; top: calc(100% + 0.5rem); right: -0.5rem; z-index: 50; width: 23rem; max-width: calc(100vw - 2rem);
      background: var(--parley-surface); border: 1px solid var(--parley-border); border-radius: 10px;
      box-shadow: 0 12px 32px rgb(15 20 30 / 16%); overflow: hidden; text-align: left;
    }
    .panel header {
      display: flex; align-items: center; justify-content: space-between; padding: 0.75rem 1rem;
      border-bottom: 1px solid var(--parley-border);
    }
    .panel h2 { margin: 0; font-size: 1rem; }
    button.link {
      font: inherit; font-size: 0.85rem; background: none; border: 0; color: var(--parley-primary); cursor: pointer; padding: 0.2rem;
    }
    button.link:disabled { color: var(--parley-muted); cursor: default; }
    ul { list-style: none; margin: 0; padding: 0; max-height: 26rem; overflow-y: auto; }
    li + li { border-top: 1px solid var(--parley-border); }
    li button {
      display: grid; grid-template-columns: 0.55rem 1fr; gap: 0.2rem 0.6rem; width: 100%; padding: 0.75rem 1rem;
      text-align: left; font: inherit; color: var(--parley-text); background: var(--parley-surface); border: 0; cursor: pointer;
    }
    li button:hover, li button:focus-visible { background: var(--parley-background); outline: none; }
    li.unread button { background: #f3f6ff; }
    li.unread button:hover { background: #e8eeff; }
    .dot { width: 0.5rem; height: 0.5rem; border-radius: 50%; margin-top: 0.4rem; }
    li.unread .dot { background: var(--parley-primary); }
    .title { font-size: 0.92rem; }
    li.unread .title { font-weight: 600; }
    .body {
      grid-column: 2; font-size: 0.85rem; color: var(--parley-muted); line-height: 1.35;
      display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden;
    }
    time { grid-column: 2; font-size: 0.75rem; color: var(--parley-muted); }
    .state { padding: 1.5rem 1rem; text-align: center; color: var(--parley-muted); font-size: 0.9rem; margin: 0; }
    .error { color: var(--parley-danger); }
    .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  `;

  constructor() {
    super();
    this.unread = 0;
    this.items = [];
    this.open = false;
    this.loading = true;
    this.onOutside = (event) => {
      if (this.open && !event.composedPath().includes(this)) this.open = false;
    };
    this.onKey = (event) => {
      if (this.open && event.key === 'Escape') {
        this.open = false;
        this.renderRoot.querySelector('button.bell')?.focus();
      }
    };
  }

  connectedCallback() {
    super.connectedCallback();
    document.addEventListener('click', this.onOutside);
    document.addEventListener('keydown', this.onKey);
    this.stream = new NotificationStream();
    this.stream.addEventListener('hello', (e) => { this.unread = e.detail.unread; this.load(); });
    this.stream.addEventListener('resync', () => this.load());
    this.stream.addEventListener('notification', (e) => this.arrived(e.detail));
    this.stream.addEventListener('read', (e) => this.wasRead(e.detail));
    this.stream.connect();
    this.load();
    this.clock = setInterval(() => { if (this.open) this.requestUpdate(); }, 30000);
  }

  disconnectedCallback() {
    document.removeEventListener('click', this.onOutside);
    document.removeEventListener('keydown', this.onKey);
    this.stream?.close();
    clearInterval(this.clock);
    super.disconnectedCallback();
  }

  async load() {
    try {
      const page = await api(`/api/v1/notifications?limit=${LATEST}`);
      this.items = page.items;
      this.unread = page.unread;
      this.error = null;
      this.unavailable = false;
    } catch (error) {
      // A tenant that is not active has no notifications to show: the bell steps aside.
      if (error.status === 403) this.unavailable = true;
      else this.error = describe(error);
    } finally {
      this.loading = false;
    }
  }

  arrived({ notification, unread }) {
    this.items = [notification, ...this.items.filter((n) => n.id !== notification.id)].slice(0, LATEST);
    this.unread = unread;
    this.ring = false;
    this.updateComplete.then(() => { this.ring = true; });
  }

  wasRead({ ids, all, unread }) {
    const now = new Date().toISOString();
    this.items = this.items.map((n) => (all || ids?.includes(n.id)) && !n.readAt ? { ...n, readAt: now } : n);
    this.unread = unread;
  }

  toggle(event) {
    event.stopPropagation();
    this.open = !this.open;
    if (this.open) this.load();
  }

  async choose(notification) {
    this.open = false;
    if (!notification.readAt) {
      this.wasRead({ ids: [notification.id], unread: Math.max(0, this.unread - 1) });
      api(`/api/v1/notifications/${notification.id}/read`, { method: 'POST' }).catch(() => this.load());
    }
    if (notification.link) location.hash = notification.link;
  }

  async readAll() {
    try {
      await api('/api/v1/notifications/read-all', { method: 'POST' });
      this.wasRead({ all: true, unread: 0 });
    } catch (error) {
      this.error = describe(error);
    }
  }

  render() {
    if (this.unavailable) return '';
    const count = this.unread > 99 ? '99+' : String(this.unread);
    const label = this.unread ? `Notifications, ${this.unread} unread` : 'Notifications';
    return html`
      <button class="bell ${this.ring ? 'ring' : ''}" aria-label=${label} title=${label} aria-haspopup="true"
          aria-expanded=${this.open ? 'true' : 'false'} @click=${this.toggle}
          @animationend=${() => { this.ring = false; }}>
        <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"
            stroke-linejoin="round" aria-hidden="true">
          <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9"></path>
          <path d="M13.73 21a2 2 0 0 1-3.46 0"></path>
        </svg>
        ${this.unread ? html`<span class="badge" data-testid="notification-count" aria-hidden="true">${count}</span>` : ''}
      </button>
      ${this.open ? this.renderPanel() : ''}`;
  }

  renderPanel() {
    return html`
      <section class="panel" role="dialog" aria-label="Notifications" @click=${(e) => e.stopPropagation()}>
        <header>
          <h2>Notifications</h2>
          <button class="link" ?disabled=${!this.unread} @click=${this.readAll}>Mark all read</button>
        </header>
        ${this.renderList()}
      </section>`;
  }

  renderList() {
    if (this.error) return html`<p class="state error" role="alert">${this.error}</p>`;
    if (this.loading && !this.items.length) return html`<p class="state">Loading…</p>`;
    if (!this.items.length) return html`<p class="state">No notifications yet. You'll be told here when something needs you.</p>`;
    const now = Date.now();
    return html`
      <ul aria-label="Latest notifications">
        ${this.items.map((n) => html`
          <li class=${n.readAt ? 'read' : 'unread'}>
            <button @click=${() => this.choose(n)}>
              <span class="dot" aria-hidden="true"></span>
              <span class="title">${n.readAt ? '' : html`<span class="visually-hidden">Unread: </span>`}${n.title}</span>
              ${n.body ? html`<span class="body">${n.body}</span>` : ''}
              <time datetime=${n.createdAt} title=${exact.format(new Date(n.createdAt))}>${ago(n.createdAt, now)}</time>
            </button>
          </li>`)}
      </ul>`;
  }
}
customElements.define('parley-notification-bell', NotificationBell);
