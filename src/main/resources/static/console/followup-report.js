import { LitElement, html, css } from 'lit';
import { api, describe } from './api.js';
import { shared } from './styles.js';
import {
  TYPE_NAMES, CHANNEL_NAMES, followUpStyles, isoDay, parseDay, addDays, startOfDay, percent, timeZone,
} from './followup-format.js';

/**
 * How the team's follow-ups turned out over a period (follow-ups scheduled in it): completed, missed and cancelled
 * counts and rates by type, channel and operator, and how many completed follow-ups led to a resolved conversation.
 */
export class FollowUpReport extends LitElement {
  static properties = {
    from: { state: true }, to: { state: true }, report: { state: true }, error: { state: true }, loading: { state: true },
  };
  static styles = [shared, followUpStyles, css`
    form.range { display: flex; gap: 0.8rem; align-items: end; flex-wrap: wrap; margin-bottom: 1rem; }
    form.range label { margin: 0 0 0.25rem; font-size: 0.8rem; }
    form.range input { width: 11rem; }
    form.range .muted { font-size: 0.85rem; padding-bottom: 0.6rem; }
    .tiles { display: grid; grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr)); gap: 0.8rem; margin-bottom: 1.2rem; }
    .tile { background: var(--parley-surface); border: 1px solid var(--parley-border); border-radius: 10px; padding: 0.8rem 1rem; }
    .tile h3 { font-size: 0.75rem; text-transform: uppercase; letter-spacing: 0.03em; color: var(--parley-muted); margin: 0 0 0.3rem; }
    .tile .value { font-size: 1.7rem; font-weight: 700; font-variant-numeric: tabular-nums; }
    .tile .sub { font-size: 0.82rem; color: var(--parley-muted); }
    section.panel { margin-bottom: 1.2rem; }
    section.panel h2 { font-size: 1.05rem; margin: 0 0 0.6rem; }
    tbody th { text-transform: none; letter-spacing: 0; font-size: 0.92rem; color: var(--parley-text); font-weight: 600; }
    thead th:first-child { width: 28%; }
    .definition { font-size: 0.85rem; color: var(--parley-muted); margin: 0 0 1rem; line-height: 1.45; }
  `];

  constructor() {
    super();
    const today = startOfDay(new Date());
    this.from = isoDay(addDays(today, -29));
    this.to = isoDay(today);
  }

  connectedCallback() {
    super.connectedCallback();
    this.load();
  }

  async load() {
    const from = parseDay(this.from);
    const to = parseDay(this.to);
    if (!from || !to) return;
    // Only the latest period's answer is shown: an earlier request that answers late must not replace it.
    const generation = (this.generation = (this.generation || 0) + 1);
    this.loading = true;
    try {
      const params = new URLSearchParams({ from: from.toISOString(), to: addDays(to, 1).toISOString() });
      const report = await api(`/api/v1/followups/report?${params}`);
      if (generation !== this.generation) return;
      this.report = report;
      this.error = null;
    } catch (error) {
      if (generation === this.generation) this.error = describe(error);
    } finally {
      if (generation === this.generation) this.loading = false;
    }
  }

  render() {
    const r = this.report;
    return html`
      <form class="range" @submit=${(e) => { e.preventDefault(); this.load(); }} aria-label="Report period">
        <div><label for="rp-from">From</label>
          <input id="rp-from" type="date" .value=${this.from} @change=${(e) => { this.from = e.target.value; this.load(); }}></div>
        <div><label for="rp-to">To</label>
          <input id="rp-to" type="date" .value=${this.to} @change=${(e) => { this.to = e.target.value; this.load(); }}></div>
        <span class="muted">Follow-ups scheduled in this period, days in ${timeZone}.</span>
      </form>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      ${!r ? html`<p class="empty">${this.loading ? 'Loading the report…' : ''}</p>` : html`
        <div class="tiles">
          ${this.tile('Scheduled in the period', r.overall.total, `${r.overall.scheduled} still ahead`, 'total')}
          ${this.tile('Completed', r.overall.completed, percent(r.overall.completedRate), 'completed')}
          ${this.tile('Missed', r.overall.missed, percent(r.overall.missedRate), 'missed')}
          ${this.tile('Cancelled', r.overall.cancelled, percent(r.overall.cancelledRate), 'cancelled')}
          ${this.tile('Led to a resolution', r.overall.ledToResolution, `${percent(r.overall.resolutionRate)} of completed`, 'resolved')}
        </div>
        <p class="definition">Rates are shares of the follow-ups already decided (completed, missed or cancelled).
          A completed follow-up led to a resolution when its outcome is "Resolved", or when its conversation is resolved
          and was resolved after the follow-up was completed.</p>
        ${this.table('By type', 'Type', r.byType, (g) => TYPE_NAMES[g.key] || g.key)}
        ${this.table('By channel', 'Channel', r.byChannel, (g) => CHANNEL_NAMES[g.key] || g.key)}
        ${this.table('By operator', 'Operator', r.byOperator, (g) => g.label)}`}`;
  }

  tile(title, value, sub, id) {
    return html`<div class="tile"><h3>${title}</h3><div class="value" data-testid="report-${id}">${value}</div>
      <div class="sub">${sub}</div></div>`;
  }

  table(title, dimension, groups, name) {
    return html`
      <section class="panel">
        <h2>${title}</h2>
        ${groups.length === 0 ? html`<p class="empty">No follow-ups in this period.</p>` : html`
          <table aria-label=${title}>
            <thead><tr><th scope="col">${dimension}</th><th class="num">Total</th><th class="num">Completed</th><th class="num">Missed</th>
              <th class="num">Cancelled</th><th class="num">Scheduled</th><th class="num">Completion rate</th>
              <th class="num">Missed rate</th><th class="num">Led to resolution</th></tr></thead>
            <tbody>
              ${groups.map((g) => html`
                <tr>
                  <th scope="row">${name(g)}</th>
                  <td class="num">${g.total}</td><td class="num">${g.completed}</td><td class="num">${g.missed}</td>
                  <td class="num">${g.cancelled}</td><td class="num">${g.scheduled}</td>
                  <td class="num">${percent(g.completedRate)}</td><td class="num">${percent(g.missedRate)}</td>
                  <td class="num">${g.ledToResolution}</td>
                </tr>`)}
            </tbody>
          </table>`}
      </section>`;
  }
}
customElements.define('parley-followup-report', FollowUpReport);
