import { LitElement, html, css } from 'lit';
import { api, describe } from './api.js';
import { shared } from './styles.js';
import {
  TYPE_NAMES, STATUS_NAMES, followUpStyles, startOfDay, startOfWeek, addDays, addMonths, sameDay, timeOnly,
  dayLong, monthLong, dayShort, weekdayShort, timeZone,
} from './followup-format.js';

const VIEWS = [['month', 'Month'], ['week', 'Week'], ['day', 'Day']];
const HOURS = Array.from({ length: 24 }, (_, h) => h);
const MONTH_CHIPS = 3;
const hourLabel = new Intl.DateTimeFormat(undefined, { hour: 'numeric' });

/**
 * Everyone's follow-ups in a calendar built with CSS grid: a month of weeks, a week or a day of hours, in the
 * operator's time zone, with today highlighted and previous / next / today navigation. Each follow-up is a chip
 * coloured by status with its time and contact; it opens the follow-up. A day's number opens that day.
 */
export class FollowUpCalendar extends LitElement {
  static properties = {
    me: { type: Object },
    view: { state: true }, anchor: { state: true }, items: { state: true }, loading: { state: true },
    error: { state: true }, mine: { state: true },
  };
  static styles = [shared, followUpStyles, css`
    .toolbar { display: flex; align-items: center; gap: 0.5rem; flex-wrap: wrap; margin-bottom: 0.9rem; }
    .toolbar h2 { margin: 0 0.6rem 0 0.4rem; font-size: 1.2rem; min-width: 12rem; }
    .toolbar button { padding: 0.35rem 0.75rem; width: auto; }
    .toolbar .spacer { flex: 1; }
    .segmented { display: inline-flex; border: 1px solid var(--parley-primary); border-radius: 6px; overflow: hidden; }
    .segmented button { border: none; border-radius: 0; background: transparent; color: var(--parley-primary); }
    .segmented button[aria-pressed="true"] { background: var(--parley-primary); color: white; }
    .toolbar label { margin: 0; display: flex; align-items: center; gap: 0.35rem; color: var(--parley-text); font-size: 0.9rem; }
    .toolbar label input { width: auto; }
    .legend { display: flex; gap: 0.8rem; font-size: 0.8rem; color: var(--parley-muted); margin-top: 0.7rem; flex-wrap: wrap; }
    .legend .badge { font-weight: 500; }
    .month { display: grid; grid-template-columns: repeat(7, minmax(0, 1fr)); border: 1px solid var(--parley-border);
             border-radius: 10px; overflow: hidden; background: var(--parley-surface); }
    .month .weekday { padding: 0.4rem 0.5rem; font-size: 0.75rem; font-weight: 600; text-transform: uppercase;
                      color: var(--parley-muted); border-bottom: 1px solid var(--parley-border); letter-spacing: 0.03em; }
    .cell { min-height: 6.6rem; border-right: 1px solid var(--parley-border); border-bottom: 1px solid var(--parley-border);
            padding: 0.25rem 0.3rem; display: flex; flex-direction: column; gap: 0.18rem; min-width: 0; }
    .cell:nth-child(7n) { border-right: none; }
    .cell.outside { background: #fafbfc; }
    .cell.outside .day { color: #adb5bd; }
    .cell.today { background: #f3f6ff; }
    .day { align-self: flex-start; background: none; border: none; color: var(--parley-text); padding: 0.1rem 0.35rem;
           border-radius: 999px; font-size: 0.82rem; font-weight: 600; cursor: pointer; width: auto; }
    .day:hover { background: var(--parley-background); }
    .today .day, .column-head.today .date { background: var(--parley-primary); color: white; }
    .more { background: none; border: none; color: var(--parley-primary); font-size: 0.75rem; padding: 0 0.35rem;
            text-align: left; cursor: pointer; width: auto; }
    .grid-scroll { position: relative; max-height: 38rem; overflow: auto; border: 1px solid var(--parley-border); border-radius: 10px;
                   background: var(--parley-surface); }
    .timegrid { display: grid; min-width: 0; }
    .column-head { position: sticky; top: 0; z-index: 1; background: var(--parley-surface); padding: 0.4rem;
                   border-bottom: 1px solid var(--parley-border); text-align: center; font-size: 0.8rem; color: var(--parley-muted); }
    .column-head .date { display: inline-block; font-size: 1rem; font-weight: 700; color: var(--parley-text);
                         padding: 0.05rem 0.45rem; border-radius: 999px; margin-left: 0.2rem; }
    .column-head.today { background: #f3f6ff; }
    .hour { font-size: 0.72rem; color: var(--parley-muted); text-align: right; padding: 0.2rem 0.4rem;
            border-bottom: 1px solid var(--parley-border); }
    .slot { min-height: 2.6rem; border-left: 1px solid var(--parley-border); border-bottom: 1px solid var(--parley-border);
            padding: 0.15rem 0.25rem; display: flex; flex-direction: column; gap: 0.15rem; min-width: 0; }
    .slot.today { background: #f8faff; }
    .timegrid .chip { font-size: 0.8rem; padding: 0.2rem 0.4rem; }
    .chip .type { opacity: 0.85; flex: none; }
    .status-line { font-size: 0.85rem; color: var(--parley-muted); margin: 0 0 0.6rem; min-height: 1.2rem; }
  `];

  constructor() {
    super();
    this.view = 'month';
    this.anchor = startOfDay(new Date());
    this.items = [];
    this.mine = false;
  }

  connectedCallback() {
    super.connectedCallback();
    this.load();
  }

  /** The first and last (exclusive) moments shown. */
  range() {
    if (this.view === 'day') return [startOfDay(this.anchor), addDays(startOfDay(this.anchor), 1)];
    if (this.view === 'week') {
      const start = startOfWeek(this.anchor);
      return [start, addDays(start, 7)];
    }
    const start = startOfWeek(new Date(this.anchor.getFullYear(), this.anchor.getMonth(), 1));
    return [start, addDays(start, 42)];
  }

  async load() {
    const [from, to] = this.range();
    const token = Symbol('load');
    this.pending = token;
    this.loading = true;
    try {
      const items = [];
      let cursor = null;
      for (let page = 0; page < 20; page++) {
        const params = new URLSearchParams({ from: from.toISOString(), to: to.toISOString(), limit: '200' });
        if (this.mine) params.set('assignee', 'me');
        if (cursor) params.set('cursor', cursor);
        const answer = await api(`/api/v1/followups?${params}`);
        items.push(...answer.items);
        cursor = answer.nextCursor;
        if (!cursor) break;
      }
      if (this.pending !== token) return;
      this.items = items;
      this.error = null;
    } catch (error) {
      if (this.pending === token) this.error = describe(error);
    } finally {
      if (this.pending === token) this.loading = false;
    }
  }

  show(view, anchor = this.anchor) {
    this.view = view;
    this.anchor = startOfDay(anchor);
    this.load();
  }

  step(direction) {
    if (this.view === 'month') this.show('month', addMonths(this.anchor, direction));
    else this.show(this.view, addDays(this.anchor, direction * (this.view === 'week' ? 7 : 1)));
  }

  title() {
    if (this.view === 'day') return dayLong.format(this.anchor);
    if (this.view === 'week') {
      const start = startOfWeek(this.anchor);
      return `${dayShort.format(start)} – ${dayShort.format(addDays(start, 6))} ${addDays(start, 6).getFullYear()}`;
    }
    return monthLong.format(this.anchor);
  }

  on(day) {
    return this.items.filter((f) => sameDay(new Date(f.scheduledAt), day));
  }

  updated(changed) {
    // Working hours first: a day or week opens scrolled to 7:00.
    if (this.view !== 'month' && (changed.has('view') || changed.has('anchor'))) {
      const scroller = this.renderRoot.querySelector('.grid-scroll');
      const seven = this.renderRoot.querySelector('[data-hour="7"]');
      if (scroller && seven) scroller.scrollTop = seven.offsetTop - 44;
    }
  }

  render() {
    return html`
      <div class="toolbar">
        <button class="secondary" aria-label="Previous ${this.view}" @click=${() => this.step(-1)}>‹</button>
        <button class="secondary" @click=${() => this.show(this.view, new Date())}>Today</button>
        <button class="secondary" aria-label="Next ${this.view}" @click=${() => this.step(1)}>›</button>
        <h2 data-testid="calendar-title" aria-live="polite">${this.title()}</h2>
        <span class="spacer"></span>
        <label><input type="checkbox" .checked=${this.mine} @change=${(e) => { this.mine = e.target.checked; this.load(); }}>
          Only mine</label>
        <div class="segmented" role="group" aria-label="Calendar view">
          ${VIEWS.map(([key, label]) => html`
            <button aria-pressed=${this.view === key ? 'true' : 'false'} @click=${() => this.show(key)}>${label}</button>`)}
        </div>
      </div>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      <p class="status-line" aria-live="polite">${this.loading ? 'Loading follow-ups…'
        : this.items.length === 0 ? 'No follow-ups in this period.' : `${this.items.length} follow-up${this.items.length === 1 ? '' : 's'} · times in ${timeZone}`}</p>
      ${this.view === 'month' ? this.renderMonth() : this.renderTimeGrid(this.view === 'week' ? 7 : 1)}
      <div class="legend" aria-label="Legend">
        ${Object.entries(STATUS_NAMES).map(([key, label]) => html`<span class="badge ${key}">${label}</span>`)}
      </div>`;
  }

  renderMonth() {
    const [start] = this.range();
    const today = new Date();
    const days = Array.from({ length: 42 }, (_, i) => addDays(start, i));
    return html`
      <div class="month" role="grid" aria-label="Month of ${monthLong.format(this.anchor)}" data-testid="month">
        ${days.slice(0, 7).map((d) => html`<div class="weekday" role="columnheader">${weekdayShort.format(d)}</div>`)}
        ${days.map((day) => {
          const items = this.on(day);
          const classes = ['cell', day.getMonth() !== this.anchor.getMonth() ? 'outside' : '', sameDay(day, today) ? 'today' : ''];
          return html`
            <div class=${classes.join(' ')} role="gridcell" data-day=${day.getDate()}
                aria-current=${sameDay(day, today) ? 'date' : 'false'}>
              <button class="day" aria-label="Open ${dayLong.format(day)}" @click=${() => this.show('day', day)}>${day.getDate()}</button>
              ${items.slice(0, MONTH_CHIPS).map((f) => this.chip(f, false))}
              ${items.length > MONTH_CHIPS ? html`<button class="more" @click=${() => this.show('day', day)}>+${items.length - MONTH_CHIPS} more</button>` : ''}
            </div>`;
        })}
      </div>`;
  }

  renderTimeGrid(columns) {
    const start = columns === 7 ? startOfWeek(this.anchor) : startOfDay(this.anchor);
    const days = Array.from({ length: columns }, (_, i) => addDays(start, i));
    const today = new Date();
    return html`
      <div class="grid-scroll" data-testid="${columns === 7 ? 'week' : 'day'}">
        <div class="timegrid" role="grid" aria-label=${this.title()}
            style="grid-template-columns: 4.2rem repeat(${columns}, minmax(0, 1fr))">
          <div class="column-head"></div>
          ${days.map((d) => html`
            <div class="column-head ${sameDay(d, today) ? 'today' : ''}" role="columnheader">
              ${weekdayShort.format(d)}<button class="date day" aria-label="Open ${dayLong.format(d)}"
                  @click=${() => this.show('day', d)}>${d.getDate()}</button>
            </div>`)}
          ${HOURS.map((hour) => html`
            <div class="hour" data-hour=${hour}>${hourLabel.format(new Date(2000, 0, 1, hour))}</div>
            ${days.map((d) => html`
              <div class="slot ${sameDay(d, today) ? 'today' : ''}" role="gridcell">
                ${this.on(d).filter((f) => new Date(f.scheduledAt).getHours() === hour).map((f) => this.chip(f, true))}
              </div>`)}`)}
        </div>
      </div>`;
  }

  chip(f, wide) {
    const at = new Date(f.scheduledAt);
    const who = f.contactName || 'Contact erased';
    const label = `${TYPE_NAMES[f.type]} with ${who} at ${timeOnly.format(at)}, ${STATUS_NAMES[f.status].toLowerCase()}, assigned to ${f.assigneeName}`;
    return html`
      <a class="chip ${f.status}" href="#/followups/${f.id}" title=${label} aria-label=${label} data-id=${f.id}>
        <span class="time">${timeOnly.format(at)}</span>
        ${wide ? html`<span class="type">${TYPE_NAMES[f.type]} ·</span>` : ''}
        <span class="who">${who}${wide ? ` · ${f.assigneeName}` : ''}</span>
      </a>`;
  }
}
customElements.define('parley-followup-calendar', FollowUpCalendar);
