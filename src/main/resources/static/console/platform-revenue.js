import { LitElement, html, svg, css } from 'lit';
import { api, describe } from './api.js';
import { shared } from './styles.js';
import { platformStyles } from './platform-format.js';

/** Money in minor units of a currency: "EUR 1,234", with cents only when there are some below 100 ("EUR 49.50"). */
export function money(minor, currency) {
  if (minor === null || minor === undefined) return '—';
  const digits = currencyDigits(currency);
  const amount = minor / 10 ** digits;
  const fraction = Math.abs(amount) < 100 && minor % 10 ** digits !== 0 ? digits : 0;
  try {
    return new Intl.NumberFormat(undefined, {
      style: 'currency', currency, minimumFractionDigits: fraction, maximumFractionDigits: fraction,
    }).format(amount).replace(/\u00a0/g, ' ');
  } catch {
    return `${currency} ${amount.toFixed(fraction)}`;
  }
}

function currencyDigits(currency) {
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency }).resolvedOptions().maximumFractionDigits;
  } catch {
    return 2;
  }
}

/** A rate the server gives as a fraction ("0.0525") as a percentage, "5.3 %"; "—" when there is none. */
export function percent(rate) {
  if (rate === null || rate === undefined) return '—';
  return `${(Number(rate) * 100).toLocaleString(undefined, { maximumFractionDigits: 1 })} %`;
}

/** "2026-03" as "Mar 2026" (or "Mar" short), without moving it through the browser's zone. */
function monthName(ym, short = false) {
  const [y, m] = ym.split('-').map(Number);
  return new Intl.DateTimeFormat(undefined, short ? { month: 'short', timeZone: 'UTC' }
    : { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 1)));
}

function currentMonth() {
  const now = new Date();
  return `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
}

function addMonths(ym, n) {
  const [y, m] = ym.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

const MOVEMENTS = [
  { key: 'newMrr', label: 'New', cls: 'new', sign: 1 },
  { key: 'expansionMrr', label: 'Expansion', cls: 'expansion', sign: 1 },
  { key: 'reactivationMrr', label: 'Reactivation', cls: 'reactivation', sign: 1 },
  { key: 'contractionMrr', label: 'Contraction', cls: 'contraction', sign: -1 },
  { key: 'churnedMrr', label: 'Churn', cls: 'churn', sign: -1 },
];

/**
 * The platform owner's revenue: KPI cards for the last month of the range (MRR, ARR, ARPA, paying customers, churn,
 * trial conversion), MRR per month, the MRR movements per month (stacked above and below zero) and the month-end MRR
 * by plan. Months are calendar months in UTC; one currency at a time.
 */
export class PlatformRevenue extends LitElement {
  static properties = {
    me: { type: Object }, route: { type: String },
    report: { state: true }, error: { state: true }, fieldErrors: { state: true }, loading: { state: true },
    from: { state: true }, to: { state: true }, currency: { state: true },
  };

  static styles = [shared, platformStyles, css`
    .tiles { display: grid; grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr)); gap: 0.9rem; margin-bottom: 1.2rem; }
    .tile { background: var(--parley-surface); border: 1px solid var(--parley-border); border-radius: 10px;
            padding: 0.9rem 1.1rem; box-shadow: 0 1px 4px rgb(0 0 0 / 4%); }
    .tile h2 { font-size: 0.8rem; font-weight: 600; color: var(--parley-muted); margin: 0 0 0.35rem;
               text-transform: uppercase; letter-spacing: 0.03em; }
    .tile .value { font-size: 1.7rem; font-weight: 700; line-height: 1.15; font-variant-numeric: tabular-nums; }
    .tile .sub { font-size: 0.85rem; color: var(--parley-muted); margin-top: 0.25rem; }
    section.panel { background: var(--parley-surface); border: 1px solid var(--parley-border); border-radius: 10px;
                    padding: 1rem 1.2rem; box-shadow: 0 1px 4px rgb(0 0 0 / 4%); margin-bottom: 1.2rem; }
    section.panel h2 { font-size: 1.05rem; margin: 0 0 0.8rem; }
    .charts { display: grid; grid-template-columns: 1fr 1fr; gap: 1.2rem; }
    @media (max-width: 1000px) { .charts { grid-template-columns: 1fr; } }
    svg { width: 100%; height: auto; display: block; }
    svg .bar { fill: var(--parley-primary); }
    svg .grid { stroke: var(--parley-border); stroke-width: 1; }
    svg .zero { stroke: var(--parley-muted); stroke-width: 1; }
    svg .line { fill: none; stroke: #1b6b34; stroke-width: 2; }
    svg text { font: 11px system-ui, sans-serif; fill: var(--parley-muted); }
    svg text.value { fill: var(--parley-text); font-weight: 600; }
    .new { fill: #2f9e44; background: #2f9e44; }
    .expansion { fill: #74b816; background: #74b816; }
    .reactivation { fill: #1c7ed6; background: #1c7ed6; }
    .contraction { fill: #f59f00; background: #f59f00; }
    .churn { fill: #e03131; background: #e03131; }
    .legend { display: flex; gap: 1rem; flex-wrap: wrap; font-size: 0.85rem; color: var(--parley-muted); margin-top: 0.5rem; }
    .legend span::before { content: ''; display: inline-block; width: 0.7rem; height: 0.7rem; border-radius: 2px;
                           margin-right: 0.3rem; vertical-align: -1px; background: inherit; }
    .legend span { background: none; }
    .swatch { display: inline-block; width: 0.7rem; height: 0.7rem; border-radius: 2px; margin-right: 0.3rem; vertical-align: -1px; }
    .error { margin: 0 0 1rem; }
    .toolbar input { width: 11rem; }
    .toolbar button[type=submit] { width: auto; margin-top: 0; align-self: flex-end; }
    td.num { white-space: nowrap; }
  `];

  constructor() {
    super();
    this.to = currentMonth();
    this.from = addMonths(this.to, -11);
    this.currency = 'EUR';
    this.fieldErrors = {};
  }

  connectedCallback() {
    super.connectedCallback();
    this.load();
  }

  async load() {
    this.loading = true;
    const params = new URLSearchParams({ from: this.from, to: this.to, currency: this.currency });
    try {
      this.report = await api(`/api/v1/platform/revenue?${params}`);
      this.error = null;
      this.fieldErrors = {};
    } catch (error) {
      this.fieldErrors = Object.fromEntries((error.errors || []).map((e) => [e.field, e.message]));
      this.error = Object.keys(this.fieldErrors).length ? null : describe(error);
    } finally {
      this.loading = false;
    }
  }

  submit(event) {
    event.preventDefault();
    const form = new FormData(event.target);
    this.from = form.get('from');
    this.to = form.get('to');
    this.currency = form.get('currency');
    this.load();
  }

  render() {
    const r = this.report;
    const currencies = [...new Set([this.currency, ...(r ? r.currencies : [])])].sort();
    return html`
      <div class="page-head">
        <div><h1>Revenue</h1>
          <p class="muted">Recurring revenue from the subscriptions ledger, by calendar month (UTC), in one currency.</p></div>
      </div>
      <form class="toolbar" @submit=${(e) => this.submit(e)} aria-label="Months and currency">
        ${this.monthField('from', 'From', this.from)}
        ${this.monthField('to', 'To', this.to)}
        <div class="field">
          <label for="currency">Currency</label>
          <select id="currency" name="currency" .value=${this.currency}>
            ${currencies.map((c) => html`<option value=${c} ?selected=${c === this.currency}>${c}</option>`)}
          </select>
        </div>
        <button type="submit" ?disabled=${this.loading}>Show</button>
      </form>
      ${this.error ? html`<div class="notice danger error" role="alert">The revenue could not be loaded: ${this.error}</div>` : ''}
      ${r ? this.renderReport(r) : (this.error ? '' : html`<p class="muted">Loading the revenue…</p>`)}`;
  }

  monthField(name, label, value) {
    const problem = this.fieldErrors[name];
    return html`
      <div class="field">
        <label for=${name}>${label}</label>
        <input id=${name} name=${name} type="month" .value=${value} required aria-invalid=${problem ? 'true' : 'false'}
          aria-describedby=${problem ? `${name}-error` : ''}>
        ${problem ? html`<p class="field-error" id="${name}-error">${problem}</p>` : ''}
      </div>`;
  }

  renderReport(r) {
    const last = r.months[r.months.length - 1];
    const c = r.currency;
    return html`
      <div class="tiles">
        ${tile('mrr', 'MRR', money(last.mrr, c), `end of ${monthName(last.month)} · ${signed(last.netNewMrr, c)} net new`)}
        ${tile('arr', 'ARR', money(last.arr, c), '12 × MRR')}
        ${tile('arpa', 'ARPA', money(last.arpa, c), 'MRR per paying customer')}
        ${tile('customers', 'Paying customers', last.customers, `${last.customersAtStart} at the start of the month`)}
        ${tile('churn', 'Churn', percent(last.logoChurnRate),
          `${last.churnedCustomers} lost · revenue churn ${percent(last.revenueChurnRate)} · NRR ${percent(last.netRevenueRetention)}`)}
        ${tile('trial-conversion', 'Trial conversion', percent(last.trialConversionRate),
          `${last.trialsStarted} started · ${last.trialsConverted} converted · ${last.trialsExpired} expired`)}
      </div>
      <div class="charts">
        <section class="panel" aria-labelledby="mrr-title">
          <h2 id="mrr-title">MRR by month</h2>
          ${mrrChart(r.months, c)}
        </section>
        <section class="panel" aria-labelledby="movements-title">
          <h2 id="movements-title">MRR movements</h2>
          ${movementsChart(r.months, c)}
          <div class="legend">${MOVEMENTS.map((m) => html`<span><i class="swatch ${m.cls}"></i>${m.label}</span>`)}</div>
        </section>
      </div>
      <section class="panel" aria-labelledby="plans-title">
        <h2 id="plans-title">MRR by plan, end of ${monthName(last.month)}</h2>
        ${last.byPlan.length === 0 ? html`<p class="empty">No paying customers at the end of ${monthName(last.month)}.</p>` : html`
          <div class="table-wrap">
            <table aria-label="MRR by plan">
              <thead><tr><th>Plan</th><th class="num">Paying customers</th><th class="num">MRR</th><th class="num">ARR</th>
                <th class="num">Share of MRR</th></tr></thead>
              <tbody>${last.byPlan.map((p) => html`
                <tr>
                  <td>${p.planName} <span class="sub">${p.planId}</span></td>
                  <td class="num">${p.customers}</td>
                  <td class="num">${money(p.mrr, c)}</td>
                  <td class="num">${money(12 * p.mrr, c)}</td>
                  <td class="num">${percent(last.mrr ? p.mrr / last.mrr : null)}</td>
                </tr>`)}</tbody>
            </table>
          </div>`}
      </section>
      <section class="panel" aria-labelledby="months-title">
        <h2 id="months-title">Month by month</h2>
        <div class="table-wrap">
          <table aria-label="Revenue by month">
            <thead><tr><th>Month</th><th class="num">MRR</th><th class="num">New</th><th class="num">Expansion</th>
              <th class="num">Reactivation</th><th class="num">Contraction</th><th class="num">Churn</th>
              <th class="num">Net new</th><th class="num">Customers</th><th class="num">Logo churn</th><th class="num">NRR</th></tr></thead>
            <tbody>${[...r.months].reverse().map((m) => html`
              <tr>
                <td class="nowrap">${monthName(m.month)}</td>
                <td class="num">${money(m.mrr, c)}</td>
                <td class="num">${money(m.newMrr, c)}</td>
                <td class="num">${money(m.expansionMrr, c)}</td>
                <td class="num">${money(m.reactivationMrr, c)}</td>
                <td class="num">${money(m.contractionMrr, c)}</td>
                <td class="num">${money(m.churnedMrr, c)}</td>
                <td class="num">${signed(m.netNewMrr, c)}</td>
                <td class="num">${m.customers}</td>
                <td class="num">${percent(m.logoChurnRate)}</td>
                <td class="num">${percent(m.netRevenueRetention)}</td>
              </tr>`)}</tbody>
          </table>
        </div>
      </section>`;
  }
}

function signed(minor, currency) {
  return `${minor > 0 ? '+' : ''}${money(minor, currency)}`;
}

function tile(id, label, value, sub) {
  return html`
    <div class="tile" role="group" aria-labelledby="tile-${id}">
      <h2 id="tile-${id}">${label}</h2>
      <div class="value" data-testid=${id}>${value}</div>
      <div class="sub">${sub}</div>
    </div>`;
}

const WIDTH = 560;
const HEIGHT = 230;
const TOP = 22;
const BOTTOM = 26;
const LEFT = 64;

/** MRR at each month's end as bars with a line through their tops, in SVG, with a text alternative. */
function mrrChart(months, currency) {
  const plot = HEIGHT - TOP - BOTTOM;
  const scale = niceCeiling(Math.max(1, ...months.map((m) => m.mrr)));
  const slot = (WIDTH - LEFT) / months.length;
  const bar = Math.min(34, slot * 0.62);
  const label = months.length <= 12;
  const points = months.map((m, i) => [LEFT + i * slot + slot / 2, TOP + plot - (m.mrr / scale) * plot]);
  const summary = months.map((m) => `${monthName(m.month)}: ${money(m.mrr, currency)}`).join(', ');
  return html`
    <svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="MRR by month: ${summary}" data-testid="mrr-chart">
      ${[0, 0.5, 1].map((f) => svg`
        <line class="grid" x1=${LEFT} x2=${WIDTH} y1=${TOP + plot - f * plot} y2=${TOP + plot - f * plot}></line>
        <text x=${LEFT - 6} y=${TOP + plot - f * plot + 4} text-anchor="end">${money(scale * f, currency)}</text>`)}
      ${months.map((m, i) => {
        const h = (m.mrr / scale) * plot;
        const x = LEFT + i * slot + (slot - bar) / 2;
        return svg`
          <g>
            <title>${monthName(m.month)}: ${money(m.mrr, currency)}</title>
            <rect class="bar" opacity="0.35" x=${x} y=${TOP + plot - h} width=${bar} height=${h} rx="3"></rect>
            ${label || i % 3 === 0 ? svg`<text x=${x + bar / 2} y=${HEIGHT - 8} text-anchor="middle">${monthName(m.month, true)}</text>` : ''}
          </g>`;
      })}
      <polyline class="line" points=${points.map((p) => p.join(',')).join(' ')}></polyline>
      ${points.map(([x, y]) => svg`<circle cx=${x} cy=${y} r="3" fill="#1b6b34"></circle>`)}
    </svg>`;
}

/** New, expansion and reactivation stacked above zero, contraction and churn below, per month. */
function movementsChart(months, currency) {
  const plot = HEIGHT - TOP - BOTTOM;
  const up = (m) => m.newMrr + m.expansionMrr + m.reactivationMrr;
  const down = (m) => m.contractionMrr + m.churnedMrr;
  const maxUp = Math.max(0, ...months.map(up));
  const maxDown = Math.max(0, ...months.map(down));
  const scale = niceCeiling(Math.max(1, maxUp + maxDown));
  const zero = TOP + (maxUp + maxDown === 0 ? plot : (maxUp / (maxUp + maxDown)) * plot);
  const unit = plot / (maxUp + maxDown || scale);
  const slot = (WIDTH - LEFT) / months.length;
  const bar = Math.min(34, slot * 0.62);
  const label = months.length <= 12;
  const summary = months.map((m) => `${monthName(m.month)}: ${MOVEMENTS.map((k) => `${k.label} ${money(m[k.key], currency)}`)
    .join(', ')}`).join('; ');
  return html`
    <svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="MRR movements by month: ${summary}" data-testid="movements-chart">
      <line class="zero" x1=${LEFT} x2=${WIDTH} y1=${zero} y2=${zero}></line>
      <text x=${LEFT - 6} y=${zero + 4} text-anchor="end">0</text>
      ${maxUp ? svg`<text x=${LEFT - 6} y=${TOP + 4} text-anchor="end">+${money(maxUp, currency)}</text>` : ''}
      ${maxDown ? svg`<text x=${LEFT - 6} y=${TOP + plot + 4} text-anchor="end">−${money(maxDown, currency)}</text>` : ''}
      ${months.map((m, i) => {
        const x = LEFT + i * slot + (slot - bar) / 2;
        let above = zero;
        let below = zero;
        return svg`
          <g>
            <title>${monthName(m.month)}: ${MOVEMENTS.map((k) => `${k.label} ${money(m[k.key], currency)}`).join(', ')}</title>
            ${MOVEMENTS.map((k) => {
              const h = m[k.key] * unit;
              if (!h) return '';
              if (k.sign > 0) {
                above -= h;
                return svg`<rect class=${k.cls} x=${x} y=${above} width=${bar} height=${h}></rect>`;
              }
              const y = below;
              below += h;
              return svg`<rect class=${k.cls} x=${x} y=${y} width=${bar} height=${h}></rect>`;
            })}
            ${label || i % 3 === 0 ? svg`<text x=${x + bar / 2} y=${HEIGHT - 8} text-anchor="middle">${monthName(m.month, true)}</text>` : ''}
          </g>`;
      })}
    </svg>`;
}

/** The smallest even round number at or above n (as on the dashboard). */
function niceCeiling(n) {
  const magnitude = 10 ** Math.floor(Math.log10(n));
  for (const step of [2, 4, 6, 8, 10]) {
    if (step * magnitude >= n) return step * magnitude;
  }
  return 10 * magnitude;
}

customElements.define('parley-platform-revenue', PlatformRevenue);
