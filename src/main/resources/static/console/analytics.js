import { LitElement, html, css } from 'lit';
import { api, describe, session } from './api.js';
import { shared } from './styles.js';
import { duration } from './dashboard.js';

const LOCK = html`<svg class="lock" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
  <rect x="5" y="10" width="14" height="10" rx="2" fill="currentColor"></rect>
  <path d="M8 10V7a4 4 0 0 1 8 0v3" fill="none" stroke="currentColor" stroke-width="2"></path></svg>`;

const FEATURES = {
  operators: { key: 'analytics.professional', plan: 'Professional' },
  export: { key: 'analytics.advanced', plan: 'Enterprise' },
};

/** Today in the browser as YYYY-MM-DD; the server counts the days in the tenant's zone. */
function isoDay(date) {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

/**
 * The tenant admin's analytics for a period of days (the tenant's calendar): the overview (every plan with
 * analytics.basic), the operators' table (Professional) and the per-conversation CSV export (Enterprise). What the
 * plan lacks is shown locked with the plan that has it and a link to Billing; the server refuses it anyway (402).
 */
export class Analytics extends LitElement {
  static properties = {
    me: { type: Object }, route: { type: String },
    plan: { state: true }, overview: { state: true }, operators: { state: true }, locked: { state: true },
    error: { state: true }, fieldErrors: { state: true }, loading: { state: true }, exporting: { state: true },
    from: { state: true }, to: { state: true },
  };

  static styles = [shared, css`
    :host { display: block; padding: 1.5rem; max-width: 84rem; margin: 0 auto; box-sizing: border-box; }
    .head { display: flex; align-items: flex-end; gap: 1rem; flex-wrap: wrap; margin-bottom: 1.2rem; }
    .head h1 { margin: 0; }
    .head .grow { flex: 1; }
    form { display: flex; gap: 0.8rem; align-items: flex-end; flex-wrap: wrap; margin-bottom: 1.2rem; }
    form .field { display: flex; flex-direction: column; }
    form label { font-size: 0.8rem; margin: 0 0 0.25rem; }
    .tiles { display: grid; grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr)); gap: 0.9rem; margin-bottom: 1.2rem; }
    .tile { background: var(--parley-surface); border: 1px solid var(--parley-border); border-radius: 10px;
            padding: 0.9rem 1.1rem; box-shadow: 0 1px 4px rgb(0 0 0 / 4%); }
    .tile h2 { font-size: 0.8rem; font-weight: 600; color: var(--parley-muted); margin: 0 0 0.35rem;
               text-transform: uppercase; letter-spacing: 0.03em; }
    .tile .value { font-size: 1.8rem; font-weight: 700; line-height: 1.15; font-variant-numeric: tabular-nums; }
    .tile .sub { font-size: 0.85rem; color: var(--parley-muted); margin-top: 0.25rem; }
    section.panel { background: var(--parley-surface); border: 1px solid var(--parley-border); border-radius: 10px;
                    padding: 1rem 1.2rem; box-shadow: 0 1px 4px rgb(0 0 0 / 4%); margin-bottom: 1.2rem; }
    section.panel h2 { font-size: 1.05rem; margin: 0 0 0.8rem; display: flex; align-items: center; gap: 0.6rem; }
    table { width: 100%; border-collapse: collapse; }
    th, td { text-align: left; padding: 0.5rem 0.55rem; border-bottom: 1px solid var(--parley-border); font-size: 0.9rem; }
    th { color: var(--parley-muted); font-weight: 600; font-size: 0.78rem; text-transform: uppercase; letter-spacing: 0.03em; }
    th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; }
    tbody tr:last-child td { border-bottom: none; }
    .locked { display: flex; gap: 1rem; align-items: center; padding: 1rem; border-radius: 8px; background: #f8f9fc;
              border: 1px dashed var(--parley-border); }
    .locked .lock { color: var(--parley-muted); flex: none; }
    form button[type=submit] { width: auto; margin-top: 0; }
    .locked p { margin: 0; }
    .locked a { color: var(--parley-primary); font-weight: 600; }
    .badge { font-size: 0.72rem; font-weight: 600; padding: 0.1rem 0.5rem; border-radius: 999px; background: #eef2ff;
             color: #364fc7; text-transform: none; letter-spacing: 0; }
    .empty { color: var(--parley-muted); margin: 0.3rem 0; }
    .error { margin: 0 0 1rem; background: #fff5f5; border: 1px solid #ffc9c9; padding: 0.6rem 0.9rem; border-radius: 8px; }
    .field-error { color: var(--parley-danger); font-size: 0.85rem; margin: 0.3rem 0 0; }
  `];

  constructor() {
    super();
    const today = new Date();
    this.to = isoDay(today);
    this.from = isoDay(new Date(today.getFullYear(), today.getMonth(), today.getDate() - 29));
    this.locked = {};
    this.fieldErrors = {};
  }

  connectedCallback() {
    super.connectedCallback();
    this.load();
  }

  includes(feature) {
    return !this.plan || this.plan.features.includes(feature);
  }

  async load() {
    this.loading = true;
    this.error = null;
    this.fieldErrors = {};
    try {
      this.plan ??= await api('/api/v1/billing/plan');
      const params = new URLSearchParams({ from: this.from, to: this.to });
      const [overview, operators] = await Promise.all([
        this.fetchGated('overview', 'analytics.basic', `/api/v1/analytics/overview?${params}`),
        this.fetchGated('operators', FEATURES.operators.key, `/api/v1/analytics/operators?${params}`),
      ]);
      this.overview = overview;
      this.operators = operators;
      this.locked = {
        ...this.locked,
        overview: overview === null,
        operators: operators === null,
        export: !this.includes(FEATURES.export.key),
      };
    } catch (error) {
      this.fieldErrors = Object.fromEntries((error.errors || []).map((e) => [e.field, e.message]));
      if (!Object.keys(this.fieldErrors).length) this.error = describe(error);
    } finally {
      this.loading = false;
    }
  }

  /** The figures, or null when the plan lacks the feature (not asked at all when the plan says so, 402 otherwise). */
  async fetchGated(name, feature, path) {
    if (!this.includes(feature)) return null;
    try {
      return await api(path);
    } catch (error) {
      if (error.status === 402) return null;
      throw error;
    }
  }

  async exportCsv() {
    this.exporting = true;
    const path = `/api/v1/analytics/export.csv?${new URLSearchParams({ from: this.from, to: this.to })}`;
    try {
      let response = await download(path);
      if (response.status === 401) {
        await api('/api/v1/me'); // refreshes an expired access token
        response = await download(path);
      }
      if (!response.ok) {
        const problem = await response.json().catch(() => ({}));
        if (response.status === 402) this.locked = { ...this.locked, export: true };
        throw new Error(problem.detail || `The export failed (${response.status}).`);
      }
      const name = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') || '')?.[1] || 'conversations.csv';
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      this.error = null;
    } catch (error) {
      this.error = error.message;
    } finally {
      this.exporting = false;
    }
  }

  submit(event) {
    event.preventDefault();
    const form = new FormData(event.target);
    this.from = form.get('from');
    this.to = form.get('to');
    this.load();
  }

  render() {
    return html`
      <div class="head">
        <div class="grow"><h1>Analytics</h1>
          <p class="muted">${this.overview ? html`Conversations started ${this.overview.from} to ${this.overview.to}, days in ${this.overview.timeZone}.` : ''}</p></div>
        ${this.locked.export ? html`
          <div class="locked" data-testid="export-locked">${LOCK}
            <p>Export CSV: Available on ${FEATURES.export.plan}. <a href="#/billing">See plans</a></p></div>` : html`
          <button class="secondary" @click=${() => this.exportCsv()} ?disabled=${this.exporting || this.loading}>
            ${this.exporting ? 'Exporting…' : 'Export CSV'}</button>`}
      </div>
      <form @submit=${(e) => this.submit(e)} aria-label="Period">
        ${this.dateField('from', 'From', this.from)}
        ${this.dateField('to', 'To', this.to)}
        <button type="submit" ?disabled=${this.loading}>Show</button>
      </form>
      ${this.error ? html`<div class="error" role="alert">${this.error}</div>` : ''}
      ${this.renderOverview()}
      ${this.renderOperators()}`;
  }

  dateField(name, label, value) {
    const problem = this.fieldErrors[name];
    return html`
      <div class="field">
        <label for=${name}>${label}</label>
        <input id=${name} name=${name} type="date" .value=${value} required aria-invalid=${problem ? 'true' : 'false'}>
        ${problem ? html`<p class="field-error" id="${name}-error">${problem}</p>` : ''}
      </div>`;
  }

  renderOverview() {
    if (this.locked.overview) {
      return html`<section class="panel">${lockedNotice('overview-locked', 'The overview', 'Basic')}</section>`;
    }
    const o = this.overview;
    if (!o) return this.loading ? html`<p class="muted">Loading analytics…</p>` : '';
    return html`
      <div class="tiles">
        ${tile('conversations', 'Conversations', o.conversations, 'started in the period')}
        ${tile('messages', 'Messages', o.messages, 'from visitors and operators')}
        ${tile('median-first-response', 'Median first response', duration(o.medianFirstResponseSeconds),
          o.firstResponses ? `${o.firstResponses} live chat${o.firstResponses === 1 ? '' : 's'} answered` : 'no live chat answered')}
        ${tile('resolved', 'Resolved', o.resolved, 'in the period')}
      </div>`;
  }

  renderOperators() {
    return html`
      <section class="panel" aria-labelledby="operators-title">
        <h2 id="operators-title">Operators <span class="badge">Professional</span></h2>
        ${this.locked.operators ? lockedNotice('operators-locked', 'Figures per operator', FEATURES.operators.plan)
          : !this.operators ? '' : this.operators.operators.length === 0
            ? html`<p class="empty">No operator handled a conversation in this period.</p>` : html`
            <table aria-label="Operators">
              <thead><tr><th>Operator</th><th class="num">Conversations</th><th class="num">Median first response</th>
                <th class="num">Median resolution</th><th class="num">Messages sent</th></tr></thead>
              <tbody>${this.operators.operators.map((o) => html`
                <tr>
                  <td>${o.name || o.userId}</td>
                  <td class="num">${o.conversations}</td>
                  <td class="num">${duration(o.medianFirstResponseSeconds)}</td>
                  <td class="num">${duration(o.medianResolutionSeconds)}</td>
                  <td class="num">${o.messagesSent}</td>
                </tr>`)}</tbody>
            </table>`}
      </section>`;
  }
}

function download(path) {
  return fetch(path, { headers: { Accept: 'text/csv', Authorization: `Bearer ${session.get()?.accessToken}` } });
}

function lockedNotice(id, what, plan) {
  return html`
    <div class="locked" data-testid=${id}>
      ${LOCK}
      <p>${what}: <strong>Available on ${plan}</strong>. <a href="#/billing">Upgrade your plan</a></p>
    </div>`;
}

function tile(id, label, value, sub) {
  return html`
    <div class="tile" role="group" aria-labelledby="tile-${id}">
      <h2 id="tile-${id}">${label}</h2>
      <div class="value" data-testid=${id}>${value}</div>
      <div class="sub">${sub}</div>
    </div>`;
}

customElements.define('parley-analytics', Analytics);
