import { html, css } from 'lit';
import { api, describe } from './api.js';
import { SettingsSection, sectionStyles } from './settings-section.js';
import { shared } from './styles.js';

const UNITS = [['m', 'minutes'], ['h', 'hours'], ['d', 'days']];
const UNIT_WORDS = { m: ['minute', 'minutes'], h: ['hour', 'hours'], d: ['day', 'days'] };
const MAX = 5;

/** `24h` → {amount: '24', unit: 'h'}; the API answers in these simple forms. */
function split(duration) {
  const match = /^(\d+)([mhd])$/.exec(duration || '');
  return match ? { amount: match[1], unit: match[2] } : { amount: '', unit: 'h' };
}

function spoken(duration) {
  const { amount, unit } = split(duration);
  return `${amount} ${UNIT_WORDS[unit][amount === '1' ? 0 : 1]}`;
}

/**
 * When reminders go out before a task's due time or a follow-up (up to 5, each 5 minutes to 30 days before) and
 * when a follow-up still scheduled counts as missed. Reads and saves /api/v1/settings/reminders on its own.
 */
export class ReminderSettings extends SettingsSection {
  static section = 'reminders';
  static properties = { ...SettingsSection.properties, resetting: { state: true }, loadError: { state: true } };
  static styles = [shared, sectionStyles, css`
    .offsets { display: flex; flex-direction: column; gap: 0.6rem; margin: 0 0 0.9rem; }
    .offset { display: flex; align-items: center; gap: 0.6rem; flex-wrap: wrap; }
    .offset > label, .inline > label { margin: 0; min-width: 6.5rem; font-size: 0.9rem; font-weight: 600; color: var(--parley-text); }
    .savebar button { flex-shrink: 0; }
    .offset input, .inline input { width: 6.5rem; }
    .offset select, .inline select { width: auto; background: white; }
    .offset .after, .inline .after { color: var(--parley-muted); font-size: 0.9rem; }
    .offset .field-error { flex-basis: 100%; margin-left: 7.1rem; }
    .inline { display: flex; align-items: center; gap: 0.6rem; flex-wrap: wrap; }
    .none { margin: 0 0 0.9rem; color: var(--parley-muted); font-size: 0.9rem; }
    .defaults { display: flex; align-items: center; gap: 0.75rem; flex-wrap: wrap; font-size: 0.85rem; color: var(--parley-muted); }
  `];

  connectedCallback() {
    super.connectedCallback();
    this.fetch();
  }

  async fetch() {
    try {
      // This section's own data; the page's `.settings` (chat, widget …) is not passed to it.
      this.settings = await api('/api/v1/settings/reminders');
      this.initial = null;
      this.loadError = null;
    } catch (error) {
      this.loadError = describe(error);
    }
  }

  load() {
    const missed = split(this.settings.missedAfter);
    return {
      reminders: this.settings.remindBefore.map(split),
      missedAmount: missed.amount,
      missedUnit: missed.unit,
    };
  }

  async persist(draft) {
    const body = {
      remindBefore: draft.reminders.map((r) => `${String(r.amount).trim()}${r.unit}`),
      missedAfter: `${String(draft.missedAmount).trim()}${draft.missedUnit}`,
    };
    this.settings = await api('/api/v1/settings/reminders', { method: 'PUT', body });
  }

  fieldOf(apiField) {
    const reminder = /^remindBefore\[(\d+)\]$/.exec(apiField);
    if (reminder) return `reminder-${reminder[1]}`;
    return apiField === 'missedAfter' ? 'missed' : apiField === 'remindBefore' ? 'reminders' : apiField;
  }

  /** Changes the list of reminders; their errors go, since positions may have moved. */
  editReminders(reminders) {
    this.edit({ reminders });
    const errors = { ...this.errors };
    for (const key of Object.keys(errors)) if (key.startsWith('reminder')) delete errors[key];
    this.errors = errors;
  }

  editMissed(patch) {
    this.edit(patch);
    const { missed, ...others } = this.errors;
    this.errors = others;
  }

  changeReminder(index, patch) {
    this.editReminders(this.draft.reminders.map((r, i) => (i === index ? { ...r, ...patch } : r)));
  }

  async useDefaults() {
    this.resetting = true;
    try {
      this.settings = await api('/api/v1/settings/reminders', { method: 'DELETE' });
      this.reset();
      this.saved = true;
    } catch (error) {
      this.error = describe(error);
    } finally {
      this.resetting = false;
    }
  }

  render() {
    if (this.loadError) return html`<p class="error" role="alert">${this.loadError}</p>`;
    if (!this.draft) return html`<p class="muted">Loading reminder settings…</p>`;
    const d = this.draft;
    const defaults = this.settings.defaults;
    return html`
      <form @submit=${this.save} novalidate>
        <section class="card" aria-labelledby="reminders-heading">
          <h2 id="reminders-heading">Reminders before due times</h2>
          <p class="intro">Before a task is due or a follow-up is scheduled, its assignee is reminded in the console and
            by email. Up to ${MAX} reminders, each between 5 minutes and 30 days before.</p>
          ${d.reminders.length ? '' : html`<p class="none">No reminders: nobody is reminded before a due time.</p>`}
          <div class="offsets">
            ${d.reminders.map((r, i) => this.renderReminder(r, i))}
          </div>
          ${this.fieldError('reminders')}
          <button type="button" class="secondary small" ?disabled=${d.reminders.length >= MAX}
              @click=${() => this.editReminders([...d.reminders, { amount: '', unit: 'h' }])}>Add a reminder</button>
        </section>
        <section class="card" aria-labelledby="missed-heading">
          <h2 id="missed-heading">Missed follow-ups</h2>
          <p class="intro">A follow-up still scheduled this long after its time is marked missed.</p>
          <div class="field">
            <div class="inline">
              <label for="missed">Missed after</label>
              <input id="missed" type="number" inputmode="numeric" min="1" step="1" .value=${d.missedAmount}
                  aria-invalid=${this.invalid('missed')} aria-describedby="error-missed"
                  @input=${(e) => this.editMissed({ missedAmount: e.target.value })}>
              <select aria-label="Missed after unit" .value=${d.missedUnit}
                  @change=${(e) => this.editMissed({ missedUnit: e.target.value })}>
                ${UNITS.map(([value, label]) => html`<option value=${value} ?selected=${value === d.missedUnit}>${label}</option>`)}
              </select>
              <span class="after">after the follow-up's time</span>
            </div>
            ${this.fieldError('missed')}
          </div>
        </section>
        <p class="defaults">
          <span>Defaults of this installation: ${defaults.remindBefore.map(spoken).join(' and ') || 'no reminders'} before;
            missed after ${spoken(defaults.missedAfter)}.</span>
          ${this.settings.custom ? html`<button type="button" class="link" ?disabled=${this.resetting}
              @click=${this.useDefaults}>Use the defaults</button>` : ''}
        </p>
        ${this.renderSaveBar('Save reminder settings')}
      </form>`;
  }

  renderReminder(r, i) {
    const field = `reminder-${i}`;
    return html`
      <div class="offset">
        <label for=${field}>Reminder ${i + 1}</label>
        <input id=${field} type="number" inputmode="numeric" min="1" step="1" .value=${r.amount}
            aria-invalid=${this.invalid(field)} aria-describedby="error-${field}"
            @input=${(e) => this.changeReminder(i, { amount: e.target.value })}>
        <select aria-label="Reminder ${i + 1} unit" .value=${r.unit} @change=${(e) => this.changeReminder(i, { unit: e.target.value })}>
          ${UNITS.map(([value, label]) => html`<option value=${value} ?selected=${value === r.unit}>${label}</option>`)}
        </select>
        <span class="after">before</span>
        <button type="button" class="link" aria-label="Remove reminder ${i + 1}"
            @click=${() => this.editReminders(this.draft.reminders.filter((_, j) => j !== i))}>Remove</button>
        ${this.fieldError(field)}
      </div>`;
  }
}

customElements.define('parley-reminder-settings', ReminderSettings);
