import { html, css } from 'lit';
import { api } from './api.js';
import { SettingsSection, sectionStyles } from './settings-section.js';
import { shared } from './styles.js';

/** How chats are handled: assignment, operators' load, automatic resolution, the offline form. */
export class ChatSettings extends SettingsSection {
  static section = 'chat';
  static styles = [shared, sectionStyles, css`
    input[type=number] { width: 8rem; }
    .choices { flex-direction: column; align-items: stretch; }
    .choice { align-items: flex-start; }
    .choice input { margin-top: 0.2rem; }
    .choice small { display: block; color: var(--parley-muted); font-size: 0.8rem; margin-top: 0.1rem; }
  `];

  load() {
    const c = { ...this.settings.defaults.chat, ...this.settings.chat };
    return {
      assignment: c.assignment, maxConcurrentChats: String(c.maxConcurrentChats),
      autoResolveHours: String(c.autoResolveHours), offlineForm: c.offlineForm,
    };
  }

  async persist() {
    const changes = this.changes();
    for (const key of ['maxConcurrentChats', 'autoResolveHours']) {
      if (!(key in changes)) continue;
      if (String(changes[key]).trim() === '') {
        throw Object.assign(new Error('Enter a whole number.'), { errors: [{ field: key, message: 'Enter a whole number.' }] });
      }
      // Whole numbers go as numbers; anything else as typed, so the API names the field that is wrong.
      changes[key] = /^\s*-?\d+\s*$/.test(changes[key]) ? Number(changes[key]) : changes[key];
    }
    const settings = await api('/api/v1/settings', { method: 'PATCH', body: { chat: changes } });
    this.stored({ settings });
  }

  number(field, label, hint, min, max) {
    return html`
      <div class="field">
        <label for=${field}>${label}</label>
        <input id=${field} type="number" inputmode="numeric" min=${min} max=${max} step="1" .value=${this.draft[field]}
            aria-invalid=${this.invalid(field)} aria-describedby="hint-${field} error-${field}"
            @input=${(e) => this.edit({ [field]: e.target.value })}>
        <p class="hint" id="hint-${field}">${hint}</p>
        ${this.fieldError(field)}
      </div>`;
  }

  render() {
    if (!this.draft) return '';
    const d = this.draft;
    return html`
      <form @submit=${this.save} novalidate>
        <section class="card" aria-labelledby="assignment-heading">
          <h2 id="assignment-heading">Assignment</h2>
          <fieldset>
            <legend class="visually-hidden">Assignment</legend>
            <div class="choices">
              <label class="choice"><input type="radio" name="assignment" .checked=${d.assignment === 'auto'}
                  @change=${() => this.edit({ assignment: 'auto' })}>
                <span>Automatic assignment<small>Each new chat goes to the least busy online operator.</small></span></label>
              <label class="choice"><input type="radio" name="assignment" .checked=${d.assignment === 'manual'}
                  @change=${() => this.edit({ assignment: 'manual' })}>
                <span>Manual assignment<small>New chats wait in the queue until an operator takes them.</small></span></label>
            </div>
            ${this.fieldError('assignment')}
          </fieldset>
          ${this.number('maxConcurrentChats', 'Maximum concurrent chats per operator',
            'Chats an operator handles at once before new ones wait (1–100). Applies to automatic assignment.', 1, 100)}
        </section>
        <section class="card" aria-labelledby="resolution-heading">
          <h2 id="resolution-heading">Inactivity and offline</h2>
          ${this.number('autoResolveHours', 'Resolve inactive chats after (hours)',
            'A chat with no message for this many hours is resolved automatically (0–720; 0 = never).', 0, 720)}
          <label class="check"><input type="checkbox" .checked=${d.offlineForm}
              @change=${(e) => this.edit({ offlineForm: e.target.checked })}>
            <span>Offer the offline form<small>When nobody is online or outside working hours, visitors leave their email
              and a message.</small></span></label>
        </section>
        ${this.renderSaveBar('Save chat settings')}
      </form>`;
  }
}
customElements.define('parley-chat-settings', ChatSettings);
