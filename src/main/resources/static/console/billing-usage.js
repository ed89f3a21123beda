import { LitElement, html, svg, css } from 'lit';
import { api, describe } from './api.js';
import { shared } from './styles.js';
import { NotificationStream } from './notification-stream.js';

const MB = 1024 * 1024;
const WIDTH = 640;
const HEIGHT = 180;
const LEFT = 40;
const TOP = 22;
const BOTTOM = 26;

function day(instant) {
  return new Date(instant).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

function monthOf(instant, short) {
  return new Date(instant).toLocaleDateString('en-GB', { month: short ? 'short' : 'long', year: 'numeric', timeZone: 'UTC' });
}

function number(value) {
  return Number(value).toLocaleString('en-GB');
}

function megabytes(bytes) {
  if (bytes == null) return '–';
  const mb = bytes / MB;
  return mb < 10 ? `${mb.toFixed(mb === 0 ? 0 : 2)} MB` : `${number(Math.round(mb))} MB`;
}

/** Percent of the allowance, as the server computes it (floor), for a count that arrived on the stream. */
function percentOf(used, included) {
  if (included == null) return null;
  if (included === 0) return used === 0 ? 0 : 100;
  return Math.min(10000, Math.floor((used * 100) / included));
}

/**
 * The Billing page's usage section: this period's monthly active conversations, operators and storage against the
 * plan (amber from 80 %, red from 100 %), kept live by /api/v1/billing/usage/stream, and the history by period as a
 * bar chart (with a text alternative) and a table.
 */
export class BillingUsage extends LitElement {
  static properties = {
    me: { type: Object },
    /** Where to read; the platform console points these at a tenant's platform endpoints and turns streaming off. */
    usagePath: { type: String, attribute: 'usage-path' },
    historyPath: { type: String, attribute: 'history-path' },
    streaming: { type: Boolean },
    usage: { state: true },
    history: { state: true },
    live: { state: true },
    error: { state: true },
  };

  static styles = [shared, css`
    section.panel {
      background: var(--parley-surface); border: 1px solid var(--parley-border); border-radius: 10px;
      padding: 1.1rem 1.5rem; box-shadow: 0 1px 4px rgb(0 0 0 / 4%);
    }
    h2 { font-size: 1.05rem; margin: 0 0 0.25rem; display: flex; align-items: center; gap: 0.6rem; }
    h3 { font-size: 0.95rem; margin: 1.4rem 0 0.5rem; }
    .live { font-size: 0.75rem; font-weight: 500; padding: 0.1rem 0.5rem; border-radius: 999px;
      background: #e3f4e8; color: #1b6b34; }
    .live.offline { background: #eee; color: var(--parley-muted); }
    .meters { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: 1rem; margin-top: 0.9rem; }
    .meter-card { border: 1px solid var(--parley-border); border-radius: 8px; padding: 0.8rem 1rem; }
    .meter-card .label { font-size: 0.85rem; color: var(--parley-muted); }
    .meter-card .figure { font-size: 1.35rem; font-weight: 600; margin: 0.2rem 0 0.45rem; }
    .meter-card .figure small { font-size: 0.85rem; font-weight: 400; color: var(--parley-muted); }
    .bar { height: 0.55rem; border-radius: 999px; background: #eceef1; overflow: hidden; }
    .bar > span { display: block; height: 100%; background: #2f7d4f; border-radius: 999px; }
    .warn .bar > span { background: #c98a00; }
    .over .bar > span { background: #c0392b; }
    .percent { font-size: 0.85rem; margin-top: 0.35rem; }
    .warn .percent { color: #8a5d00; }
    .over .percent { color: #a12b1f; font-weight: 600; }
    .thresholds { font-size: 0.85rem; margin: 0.8rem 0 0; color: var(--parley-muted); }
    .note { font-size: 0.85rem; margin-top: 0.35rem; color: #a12b1f; }
    svg { width: 100%; height: auto; display: block; max-width: 46rem; }
    svg .bar-rect { fill: var(--parley-primary); }
    svg .bar-rect.current { fill: #2f7d4f; }
    svg .grid { stroke: var(--parley-border); stroke-width: 1; }
    svg .allowance { stroke: #c0392b; stroke-width: 1; stroke-dasharray: 4 3; }
    svg text { font: 11px system-ui, sans-serif; fill: var(--parley-muted); }
    svg text.value { fill: var(--parley-text); font-weight: 600; }
    table { border-collapse: collapse; width: 100%; max-width: 46rem; font-size: 0.9rem; margin-top: 0.6rem; }
    th, td { text-align: left; padding: 0.4rem 0.6rem; border-bottom: 1px solid var(--parley-border); }
    td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
  `];

  constructor() {
    super();
    this.usage = null;
    this.history = [];
    this.live = false;
    this.error = '';
    this.usagePath = '/api/v1/billing/usage';
    this.historyPath = '/api/v1/billing/usage/history';
    this.streaming = true;
  }

  connectedCallback() {
    super.connectedCallback();
    this.reload();
    if (!this.streaming) return;
    this.stream = new NotificationStream('/api/v1/billing/usage/stream');
    this.stream.addEventListener('usage', (e) => this.counted(e.detail));
    this.stream.addEventListener('resync', () => this.reload());
    this.stream.addEventListener('status', (e) => { this.live = e.detail === 'live'; });
    this.stream.connect();
  }

  updated(changed) {
    // Another tenant's page in the platform console reuses this element with other paths.
    if (changed.has('usagePath') && changed.get('usagePath') !== undefined) this.reload();
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.stream?.close();
  }

  async reload() {
    try {
      const [usage, history] = await Promise.all([
        api(this.usagePath),
        api(`${this.historyPath}?months=12`),
      ]);
      this.usage = usage;
      this.history = history.periods;
      this.error = '';
    } catch (error) {
      this.error = describe(error);
    }
  }

  /** A count from the stream: the meter moves at once; a new period (or a threshold crossed) reloads everything. */
  counted(event) {
    const usage = this.usage;
    if (!usage || event.periodStart !== usage.periodStart) {
      this.reload();
      return;
    }
    const meter = usage.conversations;
    if (event.conversations <= meter.used) return;
    const percent = percentOf(event.conversations, meter.included);
    const crossed = [80, 100, 120].some((t) => (meter.percent ?? 0) < t && (percent ?? 0) >= t);
    const over = meter.included == null ? 0 : Math.max(0, event.conversations - meter.included);
    this.usage = { ...usage, conversations: { ...meter, used: event.conversations, percent, over } };
    this.history = this.history.map((p, i) => (i === 0 ? { ...p, conversations: event.conversations } : p));
    if (crossed) this.reload();
  }

  render() {
    const u = this.usage;
    return html`
      <section class="panel" aria-labelledby="usage-heading">
        <h2 id="usage-heading">Usage
          ${!this.streaming ? '' : html`<span class="live ${this.live ? '' : 'offline'}" title=${this.live ? 'Updates as visitors write' : 'Reconnecting'}>
            ${this.live ? 'Live' : 'Offline'}</span>`}
        </h2>
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
        ${u ? html`
          <p class="muted">Billing period ${day(u.periodStart)} – ${day(u.periodEnd)} · ${u.planName} plan</p>
          <div class="meters">
            ${this.meter('Conversations', 'conversations', u.conversations, number,
              'monthly active conversations: each conversation with a visitor message in the period counts once')}
            ${this.meter('Operators', 'operators', u.operators, number, 'active members of the team')}
            ${this.meter('Storage', 'storage', u.storage, megabytes, 'logos and files')}
          </div>
          ${u.thresholds.length ? html`
            <p class="thresholds">Thresholds reached this period:
              ${u.thresholds.map((t, i) => html`${i ? ', ' : ''}${t.metric} ${t.percent} % (${day(t.reachedAt)})`)}.
              ${this.streaming ? 'Every tenant admin was told in the console and by email.' : ''}</p>` : ''}
          ${this.renderHistory(u)}` : html`<p class="muted">Loading usage…</p>`}
      </section>`;
  }

  meter(label, key, m, format, hint) {
    const level = m.percent == null ? '' : m.percent >= 100 ? 'over' : m.percent >= 80 ? 'warn' : '';
    const width = m.percent == null ? 0 : Math.min(100, m.percent);
    const of = m.included == null ? 'unlimited' : `of ${format(m.included)}`;
    return html`
      <div class="meter-card ${level}" data-testid="meter-${key}">
        <div class="label" title=${hint}>${label}</div>
        <div class="figure">${format(m.used)} <small>${of}</small></div>
        <div class="bar" role="meter" aria-label=${label} aria-valuemin="0"
             aria-valuemax=${m.included ?? m.used} aria-valuenow=${m.used}
             aria-valuetext=${m.included == null ? `${format(m.used)}, unlimited` : `${format(m.used)} of ${format(m.included)} (${m.percent} %)`}>
          <span style="width: ${width}%"></span>
        </div>
        <div class="percent">${m.percent == null ? 'No limit on your plan' : `${m.percent} % of the allowance`}</div>
        ${m.over > 0 && key === 'conversations' ? html`
          <div class="note">${format(m.over)} over the allowance: billed as overage on the next invoice.</div>` : ''}
        ${m.over > 0 && key !== 'conversations' ? html`
          <div class="note">${format(m.over)} over the allowance: upgrade the plan to stay within it.</div>` : ''}
      </div>`;
  }

  renderHistory(u) {
    const periods = [...this.history].reverse();
    if (!periods.length) return '';
    const included = u.conversations.included;
    const highest = Math.max(1, ...periods.map((p) => p.conversations));
    // The allowance line only when it is in the bars' range; far above them it would flatten every bar.
    const showAllowance = included != null && included <= highest * 1.5;
    const max = showAllowance ? Math.max(highest, included) : highest;
    const plot = HEIGHT - TOP - BOTTOM;
    const slot = (WIDTH - LEFT) / Math.max(periods.length, 6);
    const bar = Math.min(44, slot * 0.6);
    const y = (v) => TOP + plot - (v / max) * plot;
    const summary = periods.map((p) => `${monthOf(p.periodStart)}: ${number(p.conversations)}`).join('; ');
    return html`
      <h3 id="usage-history-heading">Conversations by period</h3>
      ${included != null && !showAllowance ? html`<p class="muted">The plan includes ${number(included)} a period.</p>` : ''}
      <svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" data-testid="usage-chart"
           aria-label="Monthly active conversations by period: ${summary}">
        <line class="grid" x1=${LEFT} x2=${WIDTH} y1=${TOP + plot} y2=${TOP + plot}></line>
        <text x=${LEFT - 6} y=${TOP + 4} text-anchor="end">${number(max)}</text>
        <text x=${LEFT - 6} y=${TOP + plot + 4} text-anchor="end">0</text>
        ${showAllowance ? svg`
          <line class="allowance" x1=${LEFT} x2=${WIDTH} y1=${y(included)} y2=${y(included)}></line>
          <text x=${WIDTH - 4} y=${y(included) - 4} text-anchor="end">allowance ${number(included)}</text>` : ''}
        ${periods.map((p, i) => {
          const x = LEFT + i * slot + (slot - bar) / 2;
          const top = y(p.conversations);
          return svg`
            <rect class="bar-rect ${i === periods.length - 1 ? 'current' : ''}" x=${x} y=${top} width=${bar}
                  height=${TOP + plot - top}></rect>
            <text class="value" x=${x + bar / 2} y=${top - 5} text-anchor="middle">${number(p.conversations)}</text>
            <text x=${x + bar / 2} y=${HEIGHT - 8} text-anchor="middle">${monthOf(p.periodStart, true)}</text>`;
        })}
      </svg>
      <table aria-labelledby="usage-history-heading">
        <thead><tr><th>Period</th><th class="num">Conversations</th><th class="num">Operators</th>
          <th class="num">Storage</th></tr></thead>
        <tbody>
          ${this.history.map((p) => html`
            <tr>
              <td>${day(p.periodStart)} – ${day(p.periodEnd)}</td>
              <td class="num">${number(p.conversations)}</td>
              <td class="num">${p.operators == null ? '–' : number(p.operators)}</td>
              <td class="num">${megabytes(p.storageBytes)}</td>
            </tr>`)}
        </tbody>
      </table>`;
  }
}

customElements.define('parley-billing-usage', BillingUsage);
