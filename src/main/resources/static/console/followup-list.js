import { LitElement, html, css } from 'lit';
import { api, describe } from './api.js';
import { shared } from './styles.js';
import {
  TYPES, TYPE_NAMES, CHANNEL_NAMES, STATUS_NAMES, OUTCOME_NAMES, followUpStyles, adminOperators, dateTime, isoDay,
  parseDay, addDays, startOfDay,
} from './followup-format.js';

/**
 * Follow-ups as a list in time order, filtered by dates (in the operator's time zone), status, type and assignee,
 * a page at a time ("Show more" follows the cursor). A row opens the follow-up.
 */
export class FollowUpList extends LitElement {
  static properties = {
    me: { type: Object },
    filters: { state: true }, items: { state: true }, nextCursor: { state: true }, loading: { state: true },
    error: { state: true }, people: { state: true },
  };
  static styles = [shared, followUpStyles, css`
    form.filters { display: grid; grid-template-columns: repeat(5, minmax(0, 1fr)) auto; gap: 0.7rem; align-items: end;
                   margin-bottom: 1rem; }
    form.filters label { margin: 0 0 0.25rem; font-size: 0.8rem; }
    form.filters button { width: auto; margin: 0; padding: 0.5rem 0.9rem; }
    @media (max-width: 60rem) { form.filters { grid-template-columns: repeat(2, minmax(0, 1fr)); } }
    td a { color: var(--parley-primary); text-decoration: none; font-weight: 600; }
    td a:hover { text-decoration: underline; }
    td.when { white-space: nowrap; font-variant-numeric: tabular-nums; }
    td .sub { display: block; color: var(--parley-muted); font-size: 0.8rem; }
    td.outcome { max-width: 18rem; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    tbody tr:hover { background: #fafbff; }
    .more { margin-top: 0.8rem; width: auto; }
  `];

  constructor() {
    super();
    this.filters = { from: isoDay(new Date()), to: '', status: '', type: '', assignee: '' };
    this.items = [];
    this.people = [];
  }

  connectedCallback() {
    super.connectedCallback();
    api('/api/v1/operators').then((people) => { this.people = adminOperators(people); }).catch(() => {});
    this.load();
  }

  params(cursor) {
    const f = this.filters;
    const params = new URLSearchParams({ limit: '50' });
    const from = parseDay(f.from);
    const to = parseDay(f.to);
    if (from) params.set('from', startOfDay(from).toISOString());
    if (to) params.set('to', addDays(startOfDay(to), 1).toISOString());
    for (const key of ['status', 'type', 'assignee']) if (f[key]) params.set(key, f[key]);
    if (cursor) params.set('cursor', cursor);
    return params;
  }

  async load(cursor) {
    this.loading = true;
    try {
      const page = await api(`/api/v1/followups?${this.params(cursor)}`);
      this.items = cursor ? [...this.items, ...page.items] : page.items;
      this.nextCursor = page.nextCursor;
      this.error = null;
    } catch (error) {
      this.error = describe(error);
    } finally {
      this.loading = false;
    }
  }

  set(field, value) {
    this.filters = { ...this.filters, [field]: value };
    this.load();
  }

  render() {
    const f = this.filters;
    return html`
      <form class="filters" @submit=${(e) => e.preventDefault()} aria-label="Filters">
        <div><label for="fl-from">From</label>
          <input id="fl-from" type="date" .value=${f.from} @change=${(e) => this.set('from', e.target.value)}></div>
        <div><label for="fl-to">To</label>
          <input id="fl-to" type="date" .value=${f.to} @change=${(e) => this.set('to', e.target.value)}></div>
        <div><label for="fl-status">Status</label>
          <select id="fl-status" .value=${f.status} @change=${(e) => this.set('status', e.target.value)}>
            <option value="">Any status</option>
            ${Object.entries(STATUS_NAMES).map(([k, v]) => html`<option value=${k}>${v}</option>`)}
          </select></div>
        <div><label for="fl-type">Type</label>
          <select id="fl-type" .value=${f.type} @change=${(e) => this.set('type', e.target.value)}>
            <option value="">Any type</option>
            ${TYPES.map(([k, v]) => html`<option value=${k}>${v}</option>`)}
          </select></div>
        <div><label for="fl-assignee">Assignee</label>
          <select id="fl-assignee" .value=${f.assignee} @change=${(e) => this.set('assignee', e.target.value)}>
            <option value="">Everyone</option>
            <option value="me">Me</option>
            ${this.people.filter((p) => p.userId !== this.me?.user?.id).map((p) => html`<option value=${p.userId}>${p.name || p.email}</option>`)}
          </select></div>
        <button type="button" class="secondary" @click=${() => { this.filters = { from: '', to: '', status: '', type: '', assignee: '' }; this.load(); }}>Clear filters</button>
      </form>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      <section class="panel">
        ${this.loading && this.items.length === 0 ? html`<p class="empty">Loading follow-ups…</p>`
          : this.items.length === 0 ? html`<p class="empty">No follow-ups match these filters.</p>` : html`
          <table aria-label="Follow-ups">
            <thead><tr><th>When</th><th>Type</th><th>Contact</th><th>Assignee</th><th>Status</th><th>Outcome</th></tr></thead>
            <tbody>
              ${this.items.map((i) => html`
                <tr data-id=${i.id}>
                  <td class="when">${dateTime.format(new Date(i.scheduledAt))}</td>
                  <td>${TYPE_NAMES[i.type]}${CHANNEL_NAMES[i.channel] !== TYPE_NAMES[i.type] ? html`<span class="sub">${CHANNEL_NAMES[i.channel]}</span>` : ''}</td>
                  <td><a href="#/followups/${i.id}" aria-label="Open the follow-up with ${i.contactName || 'an erased contact'}">${i.contactName || 'Contact erased'}</a></td>
                  <td>${i.assigneeName}</td>
                  <td><span class="badge ${i.status}">${STATUS_NAMES[i.status]}</span></td>
                  <td class="outcome" title=${i.outcome || ''}>${i.outcomeCode ? OUTCOME_NAMES[i.outcomeCode] : ''}${i.outcome ? html`<span class="sub">${i.outcome}</span>` : ''}</td>
                </tr>`)}
            </tbody>
          </table>`}
        ${this.nextCursor ? html`<button class="secondary more" ?disabled=${this.loading} @click=${() => this.load(this.nextCursor)}>Show more</button>` : ''}
      </section>`;
  }
}
customElements.define('parley-followup-list', FollowUpList);
