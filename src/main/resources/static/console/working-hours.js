import { html, css } from 'lit';
import { api } from './api.js';
import { SettingsSection, sectionStyles } from './settings-section.js';
import { shared } from './styles.js';

const DAYS = [['mon', 'Monday'], ['tue', 'Tuesday'], ['wed', 'Wednesday'], ['thu', 'Thursday'], ['fri', 'Friday'],
  ['sat', 'Saturday'], ['sun', 'Sunday']];
const WEEKDAYS = ['tue', 'wed', 'thu', 'fri'];
const TIMES = Array.from({ length: 97 }, (_, i) => `${String(Math.floor(i / 4)).padStart(2, '0')}:${String((i % 4) * 15).padStart(2, '0')}`);
const BROWSER_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** A stored time ("09:00", "09:00:30", "23:59:59.999999999" for midnight) as the editor shows it. */
function shown(time) {
  return time.startsWith('23:59:59.9') ? '24:00' : time.slice(0, 5);
}

function defaultWeek() {
  return Object.fromEntries(DAYS.map(([day]) => [day, ['sat', 'sun'].includes(day) ? [] : [['09:00', '17:00']]]));
}

/**
 * Opening hours: always open, or a weekly schedule (one or more ranges a day) in the tenant's time zone plus
 * holidays. Outside them the widget shows only the offline form. Shows whether the widget is open right now.
 */
export class WorkingHours extends SettingsSection {
  static section = 'hours';
  static properties = { ...SettingsSection.properties, holiday: { state: true }, now: { state: true } };
  static styles = [shared, sectionStyles, css`
    .now { display: flex; align-items: center; gap: 0.75rem; flex-wrap: wrap; }
    .badge { display: inline-block; padding: 0.2rem 0.65rem; border-radius: 999px; font-size: 0.85rem; font-weight: 600; }
    .badge.open { background: #dafbe1; color: #116329; }
    .badge.closed { background: #eef0f3; color: #4b5563; }
    select.zone { max-width: 22rem; }
    table.week { border-collapse: collapse; width: 100%; }
    .week td { padding: 0.55rem 0.5rem 0.55rem 0; vertical-align: top; border-top: 1px solid var(--parley-border); }
    .week tr:first-child td { border-top: 0; }
    .week td.day { width: 7.5rem; font-weight: 600; padding-top: 0.75rem; }
    .week td.toggle { width: 6rem; padding-top: 0.75rem; }
    .week .check { margin: 0; }
    .range { display: flex; align-items: center; gap: 0.45rem; margin-bottom: 0.4rem; }
    .range select { width: 6.5rem; padding: 0.4rem; }
    .closed-text { color: var(--parley-muted); font-size: 0.9rem; display: inline-block; padding-top: 0.5rem; }
    .holiday-add { display: flex; gap: 0.5rem; align-items: center; max-width: 24rem; }
    .holiday-add input { flex: 1; }
    ul.holidays { list-style: none; padding: 0; margin: 0.8rem 0 0; display: flex; flex-wrap: wrap; gap: 0.5rem; }
    ul.holidays li {
      display: flex; align-items: center; gap: 0.3rem; padding: 0.25rem 0.3rem 0.25rem 0.7rem; font-size: 0.88rem;
      border: 1px solid var(--parley-border); border-radius: 999px; background: var(--parley-background);
    }
    ul.holidays button { padding: 0 0.45rem; font-size: 1rem; line-height: 1.4; border-radius: 999px; }
    .empty { color: var(--parley-muted); font-size: 0.9rem; margin: 0.6rem 0 0; }
  `];

  constructor() {
    super();
    this.holiday = '';
    this.now = new Date();
  }

  connectedCallback() {
    super.connectedCallback();
    this.clock = setInterval(() => { this.now = new Date(); }, 30_000);
  }

  disconnectedCallback() {
    clearInterval(this.clock);
    super.disconnectedCallback();
  }

  load() {
    const hours = this.settings.hours;
    if (!hours?.weekly) return { mode: 'always', timezone: BROWSER_ZONE, weekly: defaultWeek(), holidays: [] };
    const weekly = Object.fromEntries(DAYS.map(([day]) => [day,
      (hours.weekly[day] || []).map(([from, until]) => [shown(from), shown(until)])]));
    return { mode: 'scheduled', timezone: hours.timezone, weekly, holidays: [...(hours.holidays || [])].sort() };
  }

  async persist(draft) {
    const settings = draft.mode === 'always'
      ? await api('/api/v1/settings/hours', { method: 'DELETE' })
      : await api('/api/v1/settings/hours', {
        method: 'PUT', body: { timezone: draft.timezone, weekly: draft.weekly, holidays: draft.holidays },
      });
    this.stored({ settings });
  }

  fieldOf(apiField) {
    return apiField.replace(/^hours\./, '');
  }

  setDay(day, ranges) {
    this.edit({ weekly: { ...this.draft.weekly, [day]: ranges } });
    const errors = { ...this.errors };
    delete errors[`weekly.${day}`];
    this.errors = errors;
  }

  setTime(day, index, end, value) {
    const ranges = this.draft.weekly[day].map((r, i) => (i === index ? (end ? [r[0], value] : [value, r[1]]) : r));
    this.setDay(day, ranges);
  }

  addRange(day) {
    const ranges = this.draft.weekly[day];
    const last = ranges[ranges.length - 1];
    const start = last ? TIMES[Math.min(TIMES.indexOf(last[1]) + 4, 95)] || '13:00' : '09:00';
    const end = TIMES[Math.min(TIMES.indexOf(start) + 16, 96)];
    this.setDay(day, [...ranges, [start, end]]);
  }

  copyMonday() {
    const weekly = { ...this.draft.weekly };
    for (const day of WEEKDAYS) weekly[day] = this.draft.weekly.mon.map((r) => [...r]);
    this.edit({ weekly });
  }

  addHoliday() {
    const date = this.holiday;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      this.errors = { ...this.errors, holidays: 'Choose a date first.' };
      return;
    }
    if (!this.draft.holidays.includes(date)) this.edit({ holidays: [...this.draft.holidays, date].sort() });
    this.holiday = '';
  }

  localNow() {
    try {
      return new Intl.DateTimeFormat('en-GB', {
        timeZone: this.draft.timezone, weekday: 'long', hour: '2-digit', minute: '2-digit',
      }).format(this.now);
    } catch {
      return null;
    }
  }

  render() {
    if (!this.draft) return '';
    const d = this.draft;
    const open = this.settings.openNow;
    const zones = Intl.supportedValuesOf ? Intl.supportedValuesOf('timeZone') : [BROWSER_ZONE];
    const zoneList = zones.includes(d.timezone) ? zones : [d.timezone, ...zones];
    const localNow = this.localNow();
    return html`
      <form @submit=${this.save} novalidate>
        <section class="card" aria-labelledby="now-heading">
          <h2 id="now-heading">Right now</h2>
          <div class="now">
            <span class="badge ${open ? 'open' : 'closed'}" data-testid="open-now">${open ? 'Open now' : 'Closed now'}</span>
            <span class="muted">${open ? 'Visitors can start chats.' : 'The widget shows only the offline form.'}
              ${this.dirty ? ' (With the saved hours; save to apply your changes.)' : ''}</span>
          </div>
        </section>
        <section class="card" aria-labelledby="hours-heading">
          <h2 id="hours-heading">Working hours</h2>
          <p class="intro">Outside these hours and on holidays, new chats are not queued and the widget offers only the
            offline form; chats already open carry on.</p>
          <fieldset>
            <legend class="visually-hidden">When the widget is open</legend>
            <div class="choices">
              <label class="choice"><input type="radio" name="mode" .checked=${d.mode === 'always'}
                  @change=${() => this.edit({ mode: 'always' })}>Always open</label>
              <label class="choice"><input type="radio" name="mode" .checked=${d.mode === 'scheduled'}
                  @change=${() => this.edit({ mode: 'scheduled' })}>Open during set hours</label>
            </div>
          </fieldset>
          ${d.mode === 'scheduled' ? this.renderSchedule(zoneList, localNow) : ''}
        </section>
        ${d.mode === 'scheduled' ? this.renderHolidays() : ''}
        ${this.renderSaveBar('Save working hours')}
      </form>`;
  }

  renderSchedule(zones, localNow) {
    const d = this.draft;
    return html`
      <div class="field">
        <label for="timezone">Time zone</label>
        <select id="timezone" class="zone" aria-invalid=${this.invalid('timezone')}
            @change=${(e) => this.edit({ timezone: e.target.value })}>
          ${zones.map((zone) => html`<option value=${zone} ?selected=${zone === d.timezone}>${zone.replaceAll('_', ' ')}</option>`)}
        </select>
        ${localNow ? html`<p class="hint">It is ${localNow} there now.</p>` : ''}
        ${this.fieldError('timezone')}
      </div>
      <table class="week">
        <tbody>${DAYS.map(([day, name]) => this.renderDay(day, name))}</tbody>
      </table>
      <button type="button" class="link" @click=${this.copyMonday}>Use Monday’s hours for Tuesday to Friday</button>`;
  }

  renderDay(day, name) {
    const ranges = this.draft.weekly[day];
    const open = ranges.length > 0;
    return html`
      <tr>
        <td class="day">${name}</td>
        <td class="toggle">
          <label class="check"><input type="checkbox" aria-label="Open on ${name}" .checked=${open}
              @change=${(e) => this.setDay(day, e.target.checked ? [['09:00', '17:00']] : [])}>Open</label>
        </td>
        <td>
          ${open ? ranges.map((range, i) => this.renderRange(day, name, range, i)) : html`<span class="closed-text">Closed</span>`}
          ${open && ranges.length < 5 ? html`
            <button type="button" class="link" aria-label="Add hours on ${name}" @click=${() => this.addRange(day)}>+ Add hours</button>`
            : ''}
          ${this.fieldError(`weekly.${day}`)}
        </td>
      </tr>`;
  }

  renderRange(day, name, [from, until], i) {
    const suffix = i ? ` (${i + 1})` : '';
    const options = (value) => (TIMES.includes(value) ? TIMES : [...TIMES, value].sort());
    return html`
      <div class="range">
        <select aria-label="${name} from${suffix}" @change=${(e) => this.setTime(day, i, false, e.target.value)}>
          ${options(from).filter((t) => t !== '24:00').map((t) => html`<option ?selected=${t === from}>${t}</option>`)}
        </select>
        <span aria-hidden="true">–</span>
        <select aria-label="${name} until${suffix}" @change=${(e) => this.setTime(day, i, true, e.target.value)}>
          ${options(until).filter((t) => t !== '00:00').map((t) => html`<option ?selected=${t === until}>${t}</option>`)}
        </select>
        <button type="button" class="secondary small" aria-label="Remove ${name} ${from}–${until}"
            @click=${() => this.setDay(day, this.draft.weekly[day].filter((_, j) => j !== i))}>Remove</button>
      </div>`;
  }

  renderHolidays() {
    const format = (date) => new Intl.DateTimeFormat('en-GB', {
      weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC',
    }).format(new Date(`${date}T00:00:00Z`));
    return html`
      <section class="card" aria-labelledby="holidays-heading">
        <h2 id="holidays-heading">Holidays</h2>
        <p class="intro">Closed all day, in the time zone above.</p>
        <div class="holiday-add">
          <input type="date" aria-label="Holiday date" .value=${this.holiday} aria-invalid=${this.invalid('holidays')}
              @input=${(e) => { this.holiday = e.target.value; }}
              @keydown=${(e) => { if (e.key === 'Enter') { e.preventDefault(); this.addHoliday(); } }}>
          <button type="button" class="secondary" @click=${this.addHoliday}>Add holiday</button>
        </div>
        ${this.fieldError('holidays')}
        ${this.draft.holidays.length ? html`
          <ul class="holidays" aria-label="Holidays">
            ${this.draft.holidays.map((date) => html`
              <li>${format(date)}
                <button type="button" class="secondary" aria-label="Remove holiday ${date}"
                    @click=${() => this.edit({ holidays: this.draft.holidays.filter((h) => h !== date) })}>×</button>
              </li>`)}
          </ul>` : html`<p class="empty">No holidays.</p>`}
      </section>`;
  }
}
customElements.define('parley-working-hours', WorkingHours);
