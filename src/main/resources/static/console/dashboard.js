import { LitElement, html, svg, css } from 'lit';
import { api, describe } from './api.js';
import { shared } from './styles.js';
import './task-counts-card.js';

const REFRESH_MS = 30_000;
const STATUS_NAMES = { QUEUED: 'Waiting', ASSIGNED: 'With an operator', RESOLVED: 'Resolved' };
const PRESENCE_NAMES = { ONLINE: 'Online', AWAY: 'Away', OFFLINE: 'Offline' };

const time = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A duration in seconds as people say it: "45 s", "3 min 20 s", "2 h 5 min", "1 d 4 h". */
export function duration(seconds) {
  if (seconds === null || seconds === undefined) return '—';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
  if (s < 86400) return `${Math.floor(s / 3600)} h${Math.floor((s % 3600) / 60) ? ` ${Math.floor((s % 3600) / 60)} min` : ''}`;
  return `${Math.floor(s / 86400)} d${Math.floor((s % 86400) / 3600) ? ` ${Math.floor((s % 86400) / 3600)} h` : ''}`;
}

/** A calendar date of the tenant (yyyy-mm-dd) shown as "3 Mar", without moving it through the browser's zone. */
function shortDay(iso, options = { day: 'numeric', month: 'short' }) {
  const [y, m, d] = iso.split('-').map(Number);
  return new Intl.DateTimeFormat(undefined, { ...options, timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

/**
 * The tenant admin's dashboard: this tenant's conversations today and this month (in the tenant's time zone),
 * what is open now, response and resolution times, who is online, a 14-day chart and the latest conversations.
 * It polls every 30 seconds rather than opening a realtime connection, which would mark the admin online and
 * route chats to them.
 */
export class Dashboard extends LitElement {
  static properties = {
    me: { type: Object }, route: { type: String },
    data: { state: true }, error: { state: true }, loading: { state: true },
  };

  static styles = [shared, css`
    :host { padding: 1.5rem; max-width: 84rem; margin: 0 auto; box-sizing: border-box; }
    .head { display: flex; align-items: center; gap: 1rem; flex-wrap: wrap; margin-bottom: 1.2rem; }
    .head h1 { margin: 0; }
    .head .muted { flex: 1; font-size: 0.9rem; }
    .head button { padding: 0.4rem 0.9rem; }
    .tiles { display: grid; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); gap: 0.9rem; margin-bottom: 1.2rem; }
    .tile { background: var(--parley-surface); border: 1px solid var(--parley-border); border-radius: 10px;
            padding: 0.9rem 1.1rem; box-shadow: 0 1px 4px rgb(0 0 0 / 4%); }
    .tile h2 { font-size: 0.8rem; font-weight: 600; color: var(--parley-muted); margin: 0 0 0.35rem;
               text-transform: uppercase; letter-spacing: 0.03em; }
    .tile .value { font-size: 1.9rem; font-weight: 700; line-height: 1.15; font-variant-numeric: tabular-nums; }
    .tile .value small { font-size: 1rem; font-weight: 500; color: var(--parley-muted); }
    .tile .sub { font-size: 0.85rem; color: var(--parley-muted); margin-top: 0.25rem; }
    section.panel { background: var(--parley-surface); border: 1px solid var(--parley-border); border-radius: 10px;
                    padding: 1rem 1.2rem; box-shadow: 0 1px 4px rgb(0 0 0 / 4%); min-width: 0; }
    section.panel h2 { font-size: 1.05rem; margin: 0 0 0.8rem; }
    .chart { margin-bottom: 1.2rem; }
    svg { width: 100%; height: auto; display: block; }
    svg .bar { fill: var(--parley-primary); }
    svg .bar.today { fill: var(--parley-primary); opacity: 0.65; }
    svg .grid { stroke: var(--parley-border); stroke-width: 1; }
    svg text { font: 11px system-ui, sans-serif; fill: var(--parley-muted); }
    svg text.value { fill: var(--parley-text); font-weight: 600; }
    .columns { display: grid; grid-template-columns: minmax(0, 2fr) minmax(16rem, 1fr); gap: 1.2rem; }
    @media (max-width: 900px) { .columns { grid-template-columns: 1fr; } }
    table { width: 100%; border-collapse: collapse; table-layout: fixed; }
    th, td { text-align: left; padding: 0.5rem 0.55rem; border-bottom: 1px solid var(--parley-border); font-size: 0.9rem;
             overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    th { color: var(--parley-muted); font-weight: 600; font-size: 0.78rem; text-transform: uppercase; letter-spacing: 0.03em; }
    tbody tr:last-child td { border-bottom: none; }
    td a { color: var(--parley-primary); text-decoration: none; font-weight: 600; }
    td a:hover { text-decoration: underline; }
    .status { display: inline-block; padding: 0.08rem 0.5rem; border-radius: 999px; font-size: 0.76rem; font-weight: 600; }
    .status.QUEUED { background: #fff3bf; color: #9c6b00; }
    .status.ASSIGNED { background: #dbe4ff; color: #364fc7; }
    .status.RESOLVED { background: #e6fcf5; color: #0ca678; }
    ul.people { list-style: none; margin: 0; padding: 0; }
    ul.people li { display: flex; align-items: center; gap: 0.5rem; padding: 0.45rem 0; border-bottom: 1px solid var(--parley-border);
                   font-size: 0.9rem; }
    ul.people li:last-child { border-bottom: none; }
    ul.people .name { flex: 1; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .dot { width: 0.55rem; height: 0.55rem; border-radius: 50%; background: #adb5bd; flex: none; }
    .dot.ONLINE { background: #2f9e44; }
    .dot.AWAY { background: #f59f00; }
    .empty { color: var(--parley-muted); margin: 0.3rem 0; }
    .error { margin: 0 0 1rem; background: #fff5f5; border: 1px solid #ffc9c9; padding: 0.6rem 0.9rem; border-radius: 8px;
             display: flex; gap: 1rem; align-items: center; }
    .error button { padding: 0.3rem 0.8rem; }
  `];

  constructor() {
    super();
    this.loading = true;
    this.onVisible = () => { if (document.visibilityState === 'visible') this.load(); };
  }

  connectedCallback() {
    super.connectedCallback();
    this.load();
    this.timer = setInterval(() => { if (document.visibilityState === 'visible') this.load(); }, REFRESH_MS);
    document.addEventListener('visibilitychange', this.onVisible);
  }

  disconnectedCallback() {
    clearInterval(this.timer);
    document.removeEventListener('visibilitychange', this.onVisible);
    super.disconnectedCallback();
  }

  async load() {
    this.loading = true;
    try {
      this.data = await api('/api/v1/dashboard');
      this.error = null;
    } catch (error) {
      this.error = describe(error);
    } finally {
      this.loading = false;
    }
  }

  render() {
    const d = this.data;
    return html`
      <div class="head">
        <h1>Dashboard</h1>
        <span class="muted" data-testid="dashboard-scope">${d ? html`Today is ${shortDay(d.today, { dateStyle: 'full' })}
          in ${d.timeZone} · updated at ${time.format(new Date(d.generatedAt))}` : ''}</span>
        <button class="secondary" @click=${() => this.load()} ?disabled=${this.loading}>Refresh</button>
      </div>
      ${this.error ? html`<div class="error" role="alert"><span>The dashboard could not be loaded: ${this.error}</span>
        <button class="secondary" @click=${() => this.load()}>Try again</button></div>` : ''}
      ${d ? this.renderFigures(d) : (this.error ? '' : html`<p class="muted">Loading the dashboard…</p>`)}`;
  }

  renderFigures(d) {
    const avg = d.last7Days;
    return html`
      <div class="tiles">
        ${tile('conversations-today', 'Conversations today', d.conversations.today,
          `${plural(d.conversations.today - d.offlineMessages.today, 'live chat')} · ${d.offlineMessages.today} offline`)}
        ${tile('conversations-month', 'Conversations this month', d.conversations.thisMonth,
          shortDay(d.today, { month: 'long', year: 'numeric' }))}
        ${tile('open-now', 'Open now', d.open.queued + d.open.assigned,
          `${d.open.queued} waiting · ${d.open.assigned} with an operator`)}
        ${tile('resolved-today', 'Resolved today', d.resolvedToday, 'since midnight')}
        ${tile('first-response', 'Average first response', duration(avg.firstResponseSeconds),
          avg.firstResponses ? `last 7 days · ${plural(avg.firstResponses, 'chat')}` : 'last 7 days · no replies yet')}
        ${tile('resolution-time', 'Average resolution time', duration(avg.resolutionSeconds),
          avg.resolutions ? `last 7 days · ${plural(avg.resolutions, 'chat')}` : 'last 7 days · none resolved')}
        ${tile('operators-online', 'Operators online', html`${d.operators.online}<small> / ${d.operators.total}</small>`,
          `${d.operators.total - d.operators.online} not taking chats`)}
        ${tile('offline-messages', 'Offline messages today', d.offlineMessages.today,
          `${d.offlineMessages.thisMonth} this month · ${d.offlineMessages.waiting} waiting`)}
      </div>
      <parley-task-counts-card></parley-task-counts-card>
      <section class="panel chart" aria-labelledby="chart-title">
        <h2 id="chart-title">Conversations per day, last 14 days</h2>
        ${chart(d.perDay)}
      </section>
      <div class="columns">
        <section class="panel" aria-labelledby="recent-title">
          <h2 id="recent-title">Recent conversations</h2>
          ${d.recent.length === 0 ? html`<p class="empty">No conversations yet. They appear here as visitors start chatting.</p>` : html`
            <table aria-label="Recent conversations">
              <colgroup><col style="width: 3.5rem"><col style="width: 22%"><col style="width: 9.5rem"><col style="width: 20%">
                <col style="width: 6.5rem"><col></colgroup>
              <thead><tr><th>#</th><th>Visitor</th><th>Status</th><th>Operator</th><th>Started</th><th>Last message</th></tr></thead>
              <tbody>
                ${d.recent.map((c) => html`
                  <tr>
                    <td><a href="#/inbox/${c.id}" aria-label="Open conversation #${c.number} in the inbox">#${c.number}</a></td>
                    <td title=${c.visitorName}>${c.visitorName}</td>
                    <td><span class="status ${c.status}">${c.offline && c.status === 'QUEUED' ? 'Offline message' : STATUS_NAMES[c.status]}</span></td>
                    <td>${c.assigneeName || html`<span class="muted">—</span>`}</td>
                    <td title=${dateTime.format(new Date(c.createdAt))}>${started(c.createdAt, d.today, d.timeZone)}</td>
                    <td title=${c.lastMessagePreview || ''}>${c.lastMessagePreview || ''}</td>
                  </tr>`)}
              </tbody>
            </table>`}
        </section>
        <section class="panel" aria-labelledby="people-title">
          <h2 id="people-title">Team now</h2>
          ${d.operators.people.length === 0 ? html`<p class="empty">No active members.</p>` : html`
            <ul class="people" aria-label="Team presence">
              ${d.operators.people.map((p) => html`
                <li>
                  <span class="dot ${p.presence}" aria-hidden="true"></span>
                  <span class="name">${p.name}</span>
                  <span class="muted">${PRESENCE_NAMES[p.presence]}${p.openChats ? ` · ${plural(p.openChats, 'chat')}` : ''}</span>
                </li>`)}
            </ul>`}
        </section>
      </div>`;
  }
}

/** When a conversation started: the time if it was today in the tenant's zone, else the day. */
function started(at, today, zone) {
  const instant = new Date(at);
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(instant);
  return day === today
    ? new Intl.DateTimeFormat(undefined, { timeStyle: 'short', timeZone: zone }).format(instant)
    : new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: zone }).format(instant);
}

function plural(n, word) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function tile(id, label, value, sub) {
  return html`
    <div class="tile" role="group" aria-labelledby="tile-${id}">
      <h2 id="tile-${id}">${label}</h2>
      <div class="value" data-testid=${id}>${value}</div>
      <div class="sub">${sub}</div>
    </div>`;
}

/** A bar chart of conversations per day, drawn in SVG (no chart library), with a text alternative. */
function chart(days) {
  const width = 840;
  const height = 210;
  const top = 22;
  const bottom = 26;
  const left = 34;
  const plot = height - top - bottom;
  const max = Math.max(1, ...days.map((d) => d.conversations));
  const scale = niceCeiling(max);
  const slot = (width - left) / days.length;
  const bar = Math.min(38, slot * 0.62);
  const summary = days.map((d) => `${shortDay(d.date)}: ${d.conversations}`).join(', ');
  const lines = [0, 0.5, 1].map((f) => ({ y: top + plot - f * plot, label: Math.round(scale * f) }));
  return html`
    <svg viewBox="0 0 ${width} ${height}" role="img" aria-label="Conversations per day: ${summary}" data-testid="per-day-chart">
      ${lines.map((l) => svg`
        <line class="grid" x1=${left} x2=${width} y1=${l.y} y2=${l.y}></line>
        <text x=${left - 6} y=${l.y + 4} text-anchor="end">${l.label}</text>`)}
      ${days.map((d, i) => {
        const h = (d.conversations / scale) * plot;
        const x = left + i * slot + (slot - bar) / 2;
        const y = top + plot - h;
        const last = i === days.length - 1;
        return svg`
          <g>
            <title>${shortDay(d.date, { weekday: 'short', day: 'numeric', month: 'short' })}: ${plural(d.conversations, 'conversation')}</title>
            <rect class="bar ${last ? 'today' : ''}" x=${x} y=${y} width=${bar} height=${Math.max(h, d.conversations ? 2 : 0)} rx="3"></rect>
            ${d.conversations ? svg`<text class="value" x=${x + bar / 2} y=${y - 5} text-anchor="middle">${d.conversations}</text>` : ''}
            <text x=${x + bar / 2} y=${height - 8} text-anchor="middle">${last ? 'Today' : shortDay(d.date)}</text>
          </g>`;
      })}
    </svg>`;
}

/** The smallest even round number at or above n, so the axis reads 0, 2, 4 or 0, 10, 20, never 0, 3.5, 7. */
function niceCeiling(n) {
  const magnitude = 10 ** Math.floor(Math.log10(n));
  for (const step of [2, 4, 6, 8, 10]) {
    if (step * magnitude >= n) return step * magnitude;
  }
  return 10 * magnitude;
}

customElements.define('parley-dashboard', Dashboard);
