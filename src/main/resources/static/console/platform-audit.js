import { LitElement, html, css } from 'lit';
import { api, describe } from './api.js';
import { shared } from './styles.js';
import { ACTIONS, platformStyles } from './platform-format.js';
import './platform-audit-table.js';

const label = (t) => `${t.name} (${t.slug})`;

/**
 * The platform audit log: every platform action (provisioning, changes, suspensions, deletions, key rotations),
 * newest first, filtered by tenant and action. `audit/<tenantId>` opens it filtered to one tenant.
 */
export class PlatformAudit extends LitElement {
  static properties = {
    me: { type: Object }, route: { type: String },
    entries: { state: true }, next: { state: true }, loading: { state: true }, error: { state: true },
    action: { state: true }, tenantId: { state: true }, tenantText: { state: true }, options: { state: true },
    tenantHint: { state: true },
  };
  static styles = [shared, platformStyles, css`
    .toolbar .tenant { min-width: 26rem; }
  `];

  constructor() {
    super();
    this.entries = [];
    this.options = [];
    this.action = '';
    this.tenantId = null;
    this.tenantText = '';
    this.loading = true;
    this.generation = 0;
  }

  willUpdate(changed) {
    if (changed.has('route')) {
      const id = (this.route || '').split('/')[1] || null;
      if (id !== this.tenantId || !this.started) {
        this.started = true;
        this.tenantId = id;
        this.tenantText = '';
        if (id) this.nameTenant(id);
        this.load();
      }
    }
  }

  async nameTenant(id) {
    try {
      const tenant = await api(`/api/v1/platform/tenants/${id}`);
      this.options = [tenant];
      this.tenantText = label(tenant);
    } catch (error) {
      this.tenantHint = describe(error);
    }
  }

  async load(cursor = null) {
    const generation = ++this.generation;
    this.loading = true;
    const params = new URLSearchParams({ limit: '50' });
    if (this.tenantId) params.set('tenantId', this.tenantId);
    if (this.action) params.set('action', this.action);
    if (cursor) params.set('cursor', cursor);
    try {
      const page = await api(`/api/v1/platform/audit?${params}`);
      if (generation !== this.generation) return;
      this.entries = cursor ? [...this.entries, ...page.items] : page.items;
      this.next = page.nextCursor;
      this.error = null;
    } catch (error) {
      if (generation === this.generation) this.error = describe(error);
    } finally {
      if (generation === this.generation) this.loading = false;
    }
  }

  /** Tenants whose name, slug or domain contains the text, deleted ones included. */
  async find(text) {
    const q = encodeURIComponent(text);
    const [live, deleted] = await Promise.all([
      api(`/api/v1/platform/tenants?q=${q}&limit=10`),
      api(`/api/v1/platform/tenants?q=${q}&status=DELETED&limit=10`),
    ]);
    return [...live.items, ...deleted.items];
  }

  suggest(text) {
    this.tenantText = text;
    this.tenantHint = null;
    clearTimeout(this.suggestTimer);
    if (!text.trim()) return;
    this.suggestTimer = setTimeout(async () => {
      try {
        this.options = await this.find(text.trim());
      } catch {
        // Suggestions are a convenience; choosing still works by exact match.
      }
    }, 200);
  }

  /** Turns what was typed or picked into a tenant filter: an exact suggestion, or the only tenant matching. */
  async chooseTenant() {
    const text = this.tenantText.trim();
    this.tenantHint = null;
    let chosen = null;
    if (text) {
      chosen = this.options.find((t) => label(t) === text);
      if (!chosen) {
        try {
          const found = await this.find(text);
          if (found.length === 1) [chosen] = found;
        } catch (error) {
          this.tenantHint = describe(error);
          return;
        }
      }
      if (!chosen) {
        this.tenantHint = 'No single tenant matches: pick one from the suggestions.';
        return;
      }
      this.tenantText = label(chosen);
    }
    const id = chosen ? chosen.id : null;
    if (id !== this.tenantId) {
      this.tenantId = id;
      this.load();
    }
  }

  clear() {
    this.tenantText = '';
    this.action = '';
    this.tenantHint = null;
    this.tenantId = null;
    this.load();
  }

  render() {
    return html`
      <div class="page-head">
        <div>
          <h1>Audit log</h1>
          <p class="muted">What was done on the platform, by whom and when: newest first, times in your time zone.</p>
        </div>
      </div>
      <div class="toolbar" role="search">
        <div class="field tenant">
          <label for="tenant-filter">Tenant</label>
          <input id="tenant-filter" type="search" list="tenant-options" placeholder="All tenants" autocomplete="off"
              .value=${this.tenantText} @input=${(e) => this.suggest(e.target.value)} @change=${this.chooseTenant}>
          <datalist id="tenant-options">${this.options.map((t) => html`<option value=${label(t)}></option>`)}</datalist>
          ${this.tenantHint ? html`<p class="field-error" role="alert">${this.tenantHint}</p>` : ''}
        </div>
        <div class="field">
          <label for="action-filter">Action</label>
          <select id="action-filter" @change=${(e) => { this.action = e.target.value; this.load(); }}>
            <option value="" ?selected=${!this.action}>All actions</option>
            ${Object.entries(ACTIONS).map(([value, name]) => html`
              <option value=${value} ?selected=${value === this.action}>${name}</option>`)}
          </select>
        </div>
        ${this.tenantId || this.action ? html`
          <button class="secondary" @click=${this.clear}>Clear filters</button>` : ''}
      </div>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      ${this.entries.length ? html`<parley-platform-audit-table show-tenant .entries=${this.entries}></parley-platform-audit-table>`
        : html`<div class="table-wrap"><p class="empty">${this.loading ? 'Loading the audit log…'
          : 'No audit entries match these filters.'}</p></div>`}
      ${this.next ? html`
        <div class="more">
          <button class="secondary" ?disabled=${this.loading} @click=${() => this.load(this.next)}>
            ${this.loading ? 'Loading…' : 'Load more'}</button>
        </div>` : ''}`;
  }
}
customElements.define('parley-platform-audit', PlatformAudit);
