import { LitElement, html, css } from 'lit';
import { api, describe } from './api.js';
import { shared } from './styles.js';
import { STATUS_LABELS, ago, date, dateTime, platformStyles } from './platform-format.js';
import './tenant-provision.js';

const FILTERS = [['', 'All (except deleted)'], ['ACTIVE', 'Active'], ['SUSPENDED', 'Suspended'], ['DELETED', 'Deleted']];
const SHOWN_DOMAINS = 3;

/**
 * The platform owner's list of tenants: search by name, slug or domain, filter by status and plan, page on with "Load
 * more", and each tenant's activity at a glance. "New tenant" opens the provisioning flow.
 */
export class TenantList extends LitElement {
  static properties = {
    query: { state: true }, status: { state: true }, tenants: { state: true }, next: { state: true },
    loading: { state: true }, error: { state: true }, plan: { state: true }, plans: { state: true },
  };
  static styles = [shared, platformStyles, css`
    :host { padding: 0; max-width: none; }
    .toolbar input[type=search] { min-width: 18rem; }
    td.domains { max-width: 18rem; }
    td.tenant { min-width: 13rem; }
    th.num { width: 7rem; }
    .muted-cell { color: var(--parley-muted); }
  `];

  constructor() {
    super();
    this.query = '';
    this.status = '';
    this.plan = '';
    this.plans = [];
    this.tenants = [];
    this.next = null;
    this.loading = true;
    this.searchTimer = null;
    this.generation = 0;
  }

  connectedCallback() {
    super.connectedCallback();
    this.load();
    // The plan filter's choices; without them the list still works, unfiltered by plan.
    api('/api/v1/platform/plans').then((plans) => { this.plans = plans; }).catch(() => { this.plans = []; });
  }

  /** Loads the first page for the current search, or the next page after `cursor`. */
  async load(cursor = null) {
    const generation = ++this.generation;
    this.loading = true;
    const params = new URLSearchParams({ limit: '25' });
    if (this.query.trim()) params.set('q', this.query.trim());
    if (this.status) params.set('status', this.status);
    if (this.plan) params.set('plan', this.plan);
    if (cursor) params.set('cursor', cursor);
    try {
      const page = await api(`/api/v1/platform/tenants?${params}`);
      if (generation !== this.generation) return; // a newer search has started
      this.tenants = cursor ? [...this.tenants, ...page.items] : page.items;
      this.next = page.nextCursor;
      this.error = null;
    } catch (error) {
      if (generation === this.generation) this.error = describe(error);
    } finally {
      if (generation === this.generation) this.loading = false;
    }
  }

  search(value) {
    this.query = value;
    // Until the new search has answered, the list on screen is the old one: "Load more" must not page through it.
    this.loading = true;
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => this.load(), 250);
  }

  filter(value) {
    this.status = value;
    this.load();
  }

  render() {
    return html`
      <div class="page-head">
        <div>
          <h1>Tenants</h1>
          <p class="muted">Every business on this Parley installation.</p>
        </div>
        <span class="spacer"></span>
        <button @click=${() => this.renderRoot.querySelector('parley-tenant-provision').open()}>New tenant</button>
      </div>
      <div class="toolbar" role="search">
        <div class="field grow">
          <label for="search">Search tenants</label>
          <input id="search" type="search" placeholder="Name, slug or domain" .value=${this.query}
              @input=${(e) => this.search(e.target.value)}>
        </div>
        <div class="field">
          <label for="status">Status</label>
          <select id="status" @change=${(e) => this.filter(e.target.value)}>
            ${FILTERS.map(([value, label]) => html`<option value=${value} ?selected=${value === this.status}>${label}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="plan">Plan</label>
          <select id="plan" @change=${(e) => { this.plan = e.target.value; this.load(); }}>
            <option value="" ?selected=${!this.plan}>All plans</option>
            ${this.plans.map((p) => html`<option value=${p.id} ?selected=${p.id === this.plan}>${p.name}</option>`)}
          </select>
        </div>
      </div>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      ${this.renderTable()}
      ${this.next ? html`
        <div class="more">
          <button class="secondary" ?disabled=${this.loading} @click=${() => this.load(this.next)}>
            ${this.loading ? 'Loading…' : 'Load more'}</button>
        </div>` : ''}
      <parley-tenant-provision @tenant-provisioned=${() => this.load()}></parley-tenant-provision>`;
  }

  renderTable() {
    if (!this.tenants.length) {
      return html`<div class="table-wrap"><p class="empty">${this.loading ? 'Loading tenants…' : this.emptyText()}</p></div>`;
    }
    return html`
      <div class="table-wrap">
        <table aria-label="Tenants" aria-busy=${this.loading ? 'true' : 'false'}>
          <thead>
            <tr>
              <th scope="col">Tenant</th>
              <th scope="col">Status</th>
              <th scope="col">Plan</th>
              <th scope="col">Domains</th>
              <th scope="col" class="num">Operators</th>
              <th scope="col" class="num">Conversations this month</th>
              <th scope="col">Last activity</th>
              <th scope="col">Created</th>
            </tr>
          </thead>
          <tbody>${this.tenants.map((t) => this.renderRow(t))}</tbody>
        </table>
      </div>`;
  }

  renderRow(t) {
    const activity = t.activity || {};
    const extra = t.domains.length - SHOWN_DOMAINS;
    return html`
      <tr data-testid="tenant-row" data-slug=${t.slug}>
        <td class="tenant"><a class="name" href="#/tenants/${t.id}">${t.name}</a><span class="sub">${t.slug}</span></td>
        <td><span class="badge ${t.status}">${STATUS_LABELS[t.status] || t.status}</span></td>
        <td class="nowrap" data-testid="plan">${t.plan?.name ?? html`<span class="muted-cell">none</span>`}</td>
        <td class="domains">
          ${t.domains.length ? t.domains.slice(0, SHOWN_DOMAINS).map((d) => html`<span class="chip" title=${d}>${d}</span>`)
            : html`<span class="muted-cell">none</span>`}
          ${extra > 0 ? html`<span class="sub">and ${extra} more</span>` : ''}
        </td>
        <td class="num" data-testid="operators">${activity.operators ?? 0}</td>
        <td class="num" data-testid="conversations">${activity.conversationsThisMonth ?? 0}</td>
        <td class="nowrap" data-testid="last-activity" title=${dateTime(activity.lastActivityAt)}>${ago(activity.lastActivityAt)}</td>
        <td class="nowrap" title=${dateTime(t.createdAt)}>${date(t.createdAt)}</td>
      </tr>`;
  }

  emptyText() {
    if (this.query.trim()) return `No tenant matches “${this.query.trim()}”.`;
    if (this.status) return `No ${STATUS_LABELS[this.status].toLowerCase()} tenants.`;
    if (this.plan) return `No tenants on ${this.plans.find((p) => p.id === this.plan)?.name ?? this.plan}.`;
    return 'No tenants yet: provision the first one with “New tenant”.';
  }
}
customElements.define('parley-tenant-list', TenantList);
