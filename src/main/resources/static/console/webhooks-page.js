import { LitElement, html, css } from 'lit';
import { api, describe } from './api.js';
import { shared } from './styles.js';

const STATUS_NAMES = { PENDING: 'Pending', SUCCEEDED: 'Succeeded', FAILED: 'Failed' };
const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/**
 * A tenant admin's webhooks: the endpoints Parley POSTs signed events to (add, enable or disable, roll the signing
 * secret, send a test, delete) and each endpoint's delivery log with the receiver's answers and a retry button.
 * A new or rolled secret is shown once, with a copy button. On a plan without webhooks the page explains that
 * instead; the server refuses every webhook call there anyway (402).
 */
export class WebhooksPage extends LitElement {
  static properties = {
    me: { type: Object }, route: { type: String },
    plan: { state: true }, endpoints: { state: true }, types: { state: true }, loading: { state: true },
    error: { state: true }, notice: { state: true }, errors: { state: true }, saving: { state: true },
    secret: { state: true }, copied: { state: true }, selected: { state: true }, deliveries: { state: true },
    nextCursor: { state: true }, confirming: { state: true }, busy: { state: true }, opened: { state: true },
  };

  static styles = [shared, css`
    :host { padding: 1.5rem; max-width: 78rem; margin: 0 auto; box-sizing: border-box; }
    .head { display: flex; align-items: baseline; gap: 1rem; flex-wrap: wrap; margin-bottom: 1rem; }
    .head h1 { margin: 0; }
    .head p { margin: 0; }
    section.panel {
      background: var(--parley-surface); border: 1px solid var(--parley-border); border-radius: 10px;
      padding: 1.1rem 1.25rem; margin-bottom: 1.25rem; box-shadow: 0 1px 4px rgb(0 0 0 / 4%);
    }
    section.locked { border-left: 4px solid #b7791f; }
    h2 { font-size: 1.05rem; margin: 0 0 0.8rem; display: flex; align-items: center; gap: 0.5rem; }
    h2 .spacer { flex: 1; }
    h2 button { font-size: 0.9rem; padding: 0.4rem 0.9rem; }
    table { width: 100%; border-collapse: collapse; }
    th, td { text-align: left; padding: 0.55rem 0.6rem; border-bottom: 1px solid var(--parley-border); font-size: 0.92rem;
             vertical-align: top; }
    th { color: var(--parley-muted); font-weight: 600; font-size: 0.78rem; text-transform: uppercase; letter-spacing: 0.03em; }
    tbody tr:last-child td { border-bottom: none; }
    tr.selected td { background: #f3f6ff; }
    td.actions { text-align: right; white-space: nowrap; }
    td.actions button, td button { padding: 0.3rem 0.7rem; font-size: 0.85rem; margin-left: 0.25rem; }
    td.nowrap { white-space: nowrap; }
    .url { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 0.85rem; word-break: break-all; }
    .description { display: block; color: var(--parley-muted); font-size: 0.85rem; margin-top: 0.2rem; }
    .detail { display: block; font-size: 0.8rem; color: var(--parley-muted); margin-top: 0.25rem; max-width: 26rem;
              word-break: break-word; }
    .badge { display: inline-block; padding: 0.1rem 0.55rem; border-radius: 999px; font-size: 0.78rem; font-weight: 600; }
    .badge.on, .badge.SUCCEEDED { background: #d3f9d8; color: #2b8a3e; }
    .badge.off { background: #f1f3f5; color: #868e96; }
    .badge.PENDING { background: #e7f0ff; color: #1c4fb8; }
    .badge.FAILED { background: #ffe3e3; color: #c92a2a; }
    .badge.plan { background: #fff3bf; color: #8a6100; }
    .event { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 0.82rem; }
    .empty { color: var(--parley-muted); margin: 0.3rem 0; }
    .notice { background: #ebfbee; border: 1px solid #b2f2bb; color: #2b8a3e; padding: 0.6rem 0.9rem; border-radius: 8px;
              margin: 0 0 1rem; }
    .error { margin: 0 0 1rem; background: #fff5f5; border: 1px solid #ffc9c9; padding: 0.6rem 0.9rem; border-radius: 8px; }
    .secret-box { margin: 0 0 1.25rem; padding: 0.9rem 1rem; border-radius: 8px; background: #edf2ff; border: 1px solid #bac8ff; }
    .secret-box p { margin: 0 0 0.5rem; }
    .secret-row { display: flex; gap: 0.5rem; }
    .secret-row input { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 0.85rem; background: white; }
    .secret-row button { white-space: nowrap; }
    dialog { border: 1px solid var(--parley-border); border-radius: 10px; padding: 1.3rem 1.5rem; width: min(34rem, 92vw);
             box-shadow: 0 10px 40px rgb(0 0 0 / 18%); }
    dialog::backdrop { background: rgb(0 0 0 / 30%); }
    dialog h2 { margin-bottom: 0.4rem; }
    fieldset { border: 1px solid var(--parley-border); border-radius: 8px; margin: 0.9rem 0 0; padding: 0.5rem 0.9rem 0.7rem; }
    legend { font-size: 0.9rem; color: var(--parley-muted); padding: 0 0.3rem; }
    .check { display: flex; gap: 0.5rem; align-items: flex-start; margin: 0.45rem 0 0; color: var(--parley-text); }
    .check input { width: auto; margin-top: 0.2rem; }
    .check small { display: block; color: var(--parley-muted); }
    .field-error { color: var(--parley-danger); font-size: 0.82rem; margin: 0.3rem 0 0; }
    input[aria-invalid="true"] { border-color: var(--parley-danger); }
    .buttons { display: flex; gap: 0.6rem; justify-content: flex-end; margin-top: 1.2rem; }
    .buttons button[type=submit] { width: auto; margin-top: 0; }
    .more { margin-top: 0.8rem; text-align: center; }
    tr.data td { background: var(--parley-background); }
    pre { margin: 0; white-space: pre-wrap; word-break: break-word; font: 0.85rem/1.5 ui-monospace, SFMono-Regular, Menlo, monospace; }
    code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 0.85em; background: rgb(0 0 0 / 6%);
           padding: 0.05rem 0.3rem; border-radius: 4px; }
  `];

  constructor() {
    super();
    this.endpoints = [];
    this.types = [];
    this.deliveries = [];
    this.errors = {};
    this.loading = true;
    this.opened = new Set();
  }

  connectedCallback() {
    super.connectedCallback();
    this.start();
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.polling);
  }

  get locked() {
    return Boolean(this.plan && !this.plan.features.includes('webhooks'));
  }

  async start() {
    try {
      this.plan = await api('/api/v1/billing/plan');
    } catch (error) {
      this.error = describe(error);
    }
    if (this.locked) {
      this.loading = false;
      return;
    }
    await this.load();
  }

  async load() {
    this.loading = true;
    try {
      const [endpoints, types] = await Promise.all([api('/api/v1/webhooks'), api('/api/v1/webhooks/event-types')]);
      this.endpoints = endpoints;
      this.types = types;
      this.error = null;
      if (this.selected && !endpoints.some((e) => e.id === this.selected.id)) this.selected = null;
    } catch (error) {
      this.error = describe(error);
    } finally {
      this.loading = false;
    }
  }

  // ---- endpoints ----

  openAdd() {
    this.errors = {};
    this.renderRoot.querySelector('form.add')?.reset();
    this.renderRoot.querySelector('dialog').showModal();
    this.renderRoot.querySelector('#webhook-url')?.focus();
  }

  closeAdd() {
    this.renderRoot.querySelector('dialog')?.close();
  }

  async add(event) {
    event.preventDefault();
    const form = new FormData(event.target);
    const url = String(form.get('url') || '').trim();
    const events = form.getAll('events').map(String);
    const errors = {};
    if (!url) errors.url = 'Enter the URL that receives the events.';
    if (!events.length) errors.events = 'Choose at least one event.';
    this.errors = errors;
    if (Object.keys(errors).length) return;
    this.saving = true;
    try {
      const created = await api('/api/v1/webhooks', {
        method: 'POST',
        body: { url, description: String(form.get('description') || '').trim() || null, events: events.includes('*') ? ['*'] : events },
      });
      this.closeAdd();
      this.showSecret(created, 'Endpoint added.');
      await this.load();
      this.select(this.endpoints.find((e) => e.id === created.id));
    } catch (error) {
      if (error.errors?.length) {
        this.errors = Object.fromEntries(error.errors.map((e) => [e.field, `${e.message}`]));
      } else {
        this.errors = { form: describe(error) };
      }
    } finally {
      this.saving = false;
    }
  }

  showSecret(endpoint, notice) {
    this.secret = { endpointId: endpoint.id, url: endpoint.url, value: endpoint.secret };
    this.copied = false;
    this.notice = notice;
  }

  async copySecret() {
    const input = this.renderRoot.querySelector('#webhook-secret');
    try {
      await navigator.clipboard.writeText(input.value);
      this.copied = true;
    } catch {
      // No clipboard access (an insecure origin or a refusal): select the text so Ctrl+C copies it.
      input.select();
    }
  }

  async act(endpoint, work, notice) {
    this.busy = endpoint.id;
    try {
      await work();
      this.notice = notice;
      this.error = null;
    } catch (error) {
      this.error = describe(error);
    } finally {
      this.busy = null;
    }
  }

  toggle(endpoint) {
    return this.act(endpoint, async () => {
      await api(`/api/v1/webhooks/${endpoint.id}`, { method: 'PATCH', body: { enabled: !endpoint.enabled } });
      await this.load();
    }, endpoint.enabled ? `Disabled ${endpoint.url}: it receives no events.` : `Enabled ${endpoint.url}.`);
  }

  roll(endpoint) {
    this.confirming = null;
    return this.act(endpoint, async () => {
      const rolled = await api(`/api/v1/webhooks/${endpoint.id}/roll-secret`, { method: 'POST' });
      this.showSecret(rolled, null);
    }, 'New signing secret made: the old one signs nothing from now on.');
  }

  remove(endpoint) {
    this.confirming = null;
    return this.act(endpoint, async () => {
      await api(`/api/v1/webhooks/${endpoint.id}`, { method: 'DELETE' });
      if (this.selected?.id === endpoint.id) this.selected = null;
      if (this.secret?.endpointId === endpoint.id) this.secret = null;
      await this.load();
    }, `Deleted ${endpoint.url}.`);
  }

  test(endpoint) {
    return this.act(endpoint, async () => {
      await api(`/api/v1/webhooks/${endpoint.id}/test`, { method: 'POST' });
      this.watchUntil = Date.now() + 15000;
      this.select(endpoint);
    }, `Test event sent to ${endpoint.url}.`);
  }

  // ---- deliveries ----

  async select(endpoint) {
    if (!endpoint) return;
    this.selected = endpoint;
    await this.loadDeliveries();
  }

  async loadDeliveries(cursor) {
    clearTimeout(this.polling);
    const endpoint = this.selected;
    if (!endpoint) return;
    try {
      const params = new URLSearchParams({ limit: '25' });
      if (cursor) params.set('cursor', cursor);
      const page = await api(`/api/v1/webhooks/${endpoint.id}/deliveries?${params}`);
      if (this.selected?.id !== endpoint.id) return;
      this.deliveries = cursor ? [...this.deliveries, ...page.items] : page.items;
      this.nextCursor = page.nextCursor;
      // A test or a retry is sent within seconds: look again for a while, as long as one is waiting.
      const watching = Date.now() < (this.watchUntil || 0) || this.deliveries.some((d) => d.status === 'PENDING' && d.attempts === 0);
      if (!cursor && watching && this.deliveries.some((d) => d.status === 'PENDING')) {
        this.polling = setTimeout(() => this.loadDeliveries(), 1000);
      }
    } catch (error) {
      this.error = describe(error);
    }
  }

  async retry(delivery) {
    try {
      await api(`/api/v1/webhooks/deliveries/${delivery.id}/retry`, { method: 'POST' });
      this.notice = `Sending the ${delivery.eventType} event again.`;
      this.watchUntil = Date.now() + 15000;
      await this.loadDeliveries();
    } catch (error) {
      this.error = describe(error);
    }
  }

  // ---- rendering ----

  render() {
    return html`
      <div class="head">
        <h1>Webhooks</h1>
        <p class="muted">Parley sends signed JSON events to your systems as they happen.</p>
      </div>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      ${this.locked ? this.renderLocked() : this.renderEndpoints()}`;
  }

  renderLocked() {
    return html`
      <section class="panel locked" data-testid="webhooks-locked" aria-labelledby="webhooks-locked-heading">
        <h2 id="webhooks-locked-heading">Webhooks <span class="badge plan">Professional</span></h2>
        <p>Webhooks are part of Professional and Enterprise. Your plan is ${this.plan.name}.</p>
        <p class="muted">Ask the platform owner to move your workspace to Professional or Enterprise to send events
          such as usage thresholds to your own systems.</p>
      </section>`;
  }

  renderEndpoints() {
    return html`
      ${this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : ''}
      ${this.secret ? this.renderSecret() : ''}
      <section class="panel" aria-labelledby="endpoints-heading">
        <h2 id="endpoints-heading">Endpoints <span class="spacer"></span>
          <button @click=${this.openAdd} ?disabled=${this.loading && !this.endpoints.length}>Add endpoint</button></h2>
        ${this.renderEndpointTable()}
      </section>
      ${this.selected ? this.renderDeliveries() : ''}
      ${this.renderDialog()}`;
  }

  renderSecret() {
    return html`
      <div class="secret-box" data-testid="webhook-secret">
        <p><strong>Signing secret for ${this.secret.url}</strong><br>
          Copy it now: it is shown only this once. Your receiver uses it to check the <code>Parley-Signature</code>
          header of every event.</p>
        <div class="secret-row">
          <input id="webhook-secret" aria-label="Signing secret" readonly .value=${this.secret.value}>
          <button class="secondary" @click=${this.copySecret}>${this.copied ? 'Copied' : 'Copy'}</button>
          <button class="secondary" @click=${() => { this.secret = null; }}>Done</button>
        </div>
      </div>`;
  }

  renderEndpointTable() {
    if (this.loading && !this.endpoints.length) return html`<p class="empty">Loading endpoints…</p>`;
    if (!this.endpoints.length) {
      return html`<p class="empty">No endpoints yet. Add the URL of a system that should hear of events.</p>`;
    }
    return html`
      <table aria-label="Endpoints">
        <thead><tr><th>URL</th><th>Events</th><th>Status</th><th></th></tr></thead>
        <tbody>${this.endpoints.map((e) => this.renderEndpoint(e))}</tbody>
      </table>`;
  }

  renderEndpoint(e) {
    const busy = this.busy === e.id;
    const confirming = this.confirming?.id === e.id ? this.confirming.action : null;
    return html`
      <tr data-url=${e.url} class=${this.selected?.id === e.id ? 'selected' : ''}>
        <td><span class="url">${e.url}</span>${e.description ? html`<span class="description">${e.description}</span>` : ''}</td>
        <td>${e.events.map((type) => html`<span class="event">${type === '*' ? 'All events' : type}</span> `)}</td>
        <td><span class="badge ${e.enabled ? 'on' : 'off'}" data-testid="endpoint-status">${e.enabled ? 'Enabled' : 'Disabled'}</span></td>
        <td class="actions">
          ${confirming ? html`
            <span>${confirming === 'delete' ? 'Delete this endpoint and its log?' : 'Replace the signing secret?'}</span>
            <button @click=${() => (confirming === 'delete' ? this.remove(e) : this.roll(e))}>
              ${confirming === 'delete' ? 'Delete' : 'Roll secret'}</button>
            <button class="secondary" @click=${() => { this.confirming = null; }}>Cancel</button>` : html`
            <button class="secondary" ?disabled=${busy} @click=${() => this.test(e)}>Send test</button>
            <button class="secondary" ?disabled=${busy} @click=${() => this.select(e)}>Deliveries</button>
            <button class="secondary" ?disabled=${busy} @click=${() => this.toggle(e)}>${e.enabled ? 'Disable' : 'Enable'}</button>
            <button class="secondary" ?disabled=${busy} @click=${() => { this.confirming = { id: e.id, action: 'roll' }; }}>Roll secret</button>
            <button class="secondary" ?disabled=${busy} @click=${() => { this.confirming = { id: e.id, action: 'delete' }; }}>Delete</button>`}
        </td>
      </tr>`;
  }

  renderDeliveries() {
    return html`
      <section class="panel" aria-labelledby="deliveries-heading">
        <h2 id="deliveries-heading">Deliveries to <span class="url">${this.selected.url}</span><span class="spacer"></span>
          <button class="secondary" @click=${() => this.loadDeliveries()}>Refresh</button></h2>
        ${this.deliveries.length ? html`
          <table aria-label="Deliveries">
            <thead><tr><th>Created</th><th>Event</th><th>Status</th><th>HTTP</th><th>Attempts</th><th></th></tr></thead>
            <tbody>${this.deliveries.map((d) => this.renderDelivery(d))}</tbody>
          </table>
          ${this.nextCursor ? html`<div class="more"><button class="secondary"
              @click=${() => this.loadDeliveries(this.nextCursor)}>Load more</button></div>` : ''}`
        : html`<p class="empty">No events sent to this endpoint yet. Press “Send test” to send a ping.</p>`}
      </section>`;
  }

  renderDelivery(d) {
    const open = this.opened.has(d.id);
    return html`
      <tr data-delivery=${d.id}>
        <td class="nowrap">${when.format(new Date(d.createdAt))}</td>
        <td><span class="event">${d.eventType}</span></td>
        <td>
          <span class="badge ${d.status}" data-testid="delivery-status">${STATUS_NAMES[d.status] || d.status}</span>
          ${this.renderOutcome(d)}
        </td>
        <td data-testid="delivery-code">${d.lastStatusCode ?? '—'}</td>
        <td>${d.attempts}</td>
        <td class="actions">
          <button class="secondary" aria-expanded=${open ? 'true' : 'false'} @click=${() => this.toggleData(d)}>${open ? 'Hide data' : 'Data'}</button>
          <button class="secondary" aria-label="Retry the ${d.eventType} delivery of ${when.format(new Date(d.createdAt))}"
            @click=${() => this.retry(d)}>Retry</button></td>
      </tr>
      ${open ? html`<tr class="data"><td colspan="6"><pre>${JSON.stringify({ id: d.eventId, type: d.eventType, data: d.data }, null, 2)}</pre></td></tr>` : ''}`;
  }

  toggleData(d) {
    const opened = new Set(this.opened);
    if (opened.has(d.id)) opened.delete(d.id);
    else opened.add(d.id);
    this.opened = opened;
  }

  renderOutcome(d) {
    if (d.status === 'SUCCEEDED' && d.deliveredAt) {
      return html`<span class="detail">Delivered ${when.format(new Date(d.deliveredAt))}</span>`;
    }
    if (d.status === 'PENDING' && d.attempts > 0) {
      return html`<span class="detail">${d.lastError}. Next try ${when.format(new Date(d.nextAttemptAt))}.</span>`;
    }
    if (d.status === 'FAILED') return html`<span class="detail">${d.lastError || 'Gave up.'}</span>`;
    return '';
  }

  renderDialog() {
    const errors = this.errors;
    return html`
      <dialog aria-labelledby="add-heading" @close=${() => { this.errors = {}; }}>
        <form class="add" @submit=${this.add} novalidate>
          <h2 id="add-heading">Add endpoint</h2>
          <p class="muted">Parley POSTs each event as JSON to this URL, signed with a secret shown once when you add it.</p>
          <label for="webhook-url">Endpoint URL</label>
          <input id="webhook-url" name="url" type="url" placeholder="https://example.com/parley/webhooks"
              aria-invalid=${errors.url ? 'true' : 'false'} aria-describedby="webhook-url-error">
          ${errors.url ? html`<p class="field-error" id="webhook-url-error">${errors.url}</p>` : ''}
          <label for="webhook-description">Description <small class="muted">(optional)</small></label>
          <input id="webhook-description" name="description" maxlength="500" placeholder="CRM sync">
          ${errors.description ? html`<p class="field-error">${errors.description}</p>` : ''}
          <fieldset>
            <legend>Events</legend>
            <label class="check"><input type="checkbox" name="events" value="*">
              <span>All events<small>Including events Parley adds later.</small></span></label>
            ${this.types.map((t) => html`
              <label class="check"><input type="checkbox" name="events" value=${t.key}>
                <span class="event">${t.key}<small>${t.description}</small></span></label>`)}
          </fieldset>
          ${errors.events ? html`<p class="field-error">${errors.events}</p>` : ''}
          ${errors.form ? html`<p class="field-error" role="alert">${errors.form}</p>` : ''}
          <div class="buttons">
            <button type="button" class="secondary" @click=${this.closeAdd}>Cancel</button>
            <button type="submit" ?disabled=${this.saving}>Add endpoint</button>
          </div>
        </form>
      </dialog>`;
  }
}
customElements.define('parley-webhooks', WebhooksPage);
