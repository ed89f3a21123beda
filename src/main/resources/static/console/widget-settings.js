import { html, css } from 'lit';
import { api } from './api.js';
import { SettingsSection, sectionStyles } from './settings-section.js';
import { shared } from './styles.js';
import { WIDGET_LANGUAGES } from './widget-languages.js';

const ICONS = [['chat', 'Chat bubble'], ['question', 'Question mark'], ['headset', 'Headset'], ['envelope', 'Envelope']];
const PRECHAT = [['name', 'name'], ['email', 'email']];

/** How the widget looks and behaves on the tenant's site: position, launcher, pre-chat form, language, avatars, sound. */
export class WidgetSettings extends SettingsSection {
  static section = 'widget';
  static styles = [shared, sectionStyles, css`
    table { border-collapse: collapse; font-size: 0.9rem; }
    th, td { text-align: left; padding: 0.35rem 1.25rem 0.35rem 0; }
    th { font-weight: 600; color: var(--parley-muted); font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.03em; }
    td input { width: auto; margin: 0; }
    select { max-width: 18rem; }
  `];

  load() {
    const w = { ...this.settings.defaults.widget, ...this.settings.widget };
    return {
      position: w.position, launcherIcon: w.launcherIcon, launcherLabel: w.launcherLabel ?? '',
      prechatFields: [...w.prechatFields], prechatRequired: [...w.prechatRequired], language: w.language,
      showOperatorAvatars: w.showOperatorAvatars, sound: w.sound,
    };
  }

  async persist() {
    const settings = await api('/api/v1/settings', { method: 'PATCH', body: { widget: this.changes() } });
    this.stored({ settings });
  }

  /** Asking for a field and requiring it go together: required means asked, not asked means not required. */
  setPrechat(field, kind, on) {
    let asked = this.draft.prechatFields.filter((f) => f !== field);
    let required = this.draft.prechatRequired.filter((f) => f !== field);
    if (kind === 'ask' && on) asked = [...asked, field];
    if (kind === 'require' && on) { asked = [...asked, field]; required = [...required, field]; }
    if (kind === 'require' && !on && this.draft.prechatFields.includes(field)) asked = [...asked, field];
    const order = (list) => PRECHAT.map(([f]) => f).filter((f) => list.includes(f));
    this.edit({ prechatFields: order(asked), prechatRequired: order(required) });
  }

  render() {
    if (!this.draft) return '';
    const d = this.draft;
    // A code set through the API that the console does not offer stays selectable, saying what the widget speaks.
    const spoken = (code) => (WIDGET_LANGUAGES.find(([c]) => c.split('-')[0] === code.split('-')[0]) || WIDGET_LANGUAGES[0])[1];
    const languages = WIDGET_LANGUAGES.some(([code]) => code === d.language) ? WIDGET_LANGUAGES
      : [...WIDGET_LANGUAGES, [d.language, `${d.language} (the widget speaks ${spoken(d.language)})`]];
    return html`
      <form @submit=${this.save} novalidate>
        <section class="card" aria-labelledby="launcher-heading">
          <h2 id="launcher-heading">Launcher</h2>
          <p class="intro">The button visitors click to open the chat.</p>
          <fieldset>
            <legend>Position</legend>
            <div class="choices">
              ${[['right', 'Bottom right'], ['left', 'Bottom left']].map(([value, label]) => html`
                <label class="choice"><input type="radio" name="position" .checked=${d.position === value}
                    @change=${() => this.edit({ position: value })}>${label}</label>`)}
            </div>
            ${this.fieldError('position')}
          </fieldset>
          <fieldset>
            <legend>Launcher icon</legend>
            <div class="choices">
              ${ICONS.map(([value, label]) => html`
                <label class="choice"><input type="radio" name="launcherIcon" .checked=${d.launcherIcon === value}
                    @change=${() => this.edit({ launcherIcon: value })}>${label}</label>`)}
            </div>
            ${this.fieldError('launcherIcon')}
          </fieldset>
          <div class="field">
            <label for="launcherLabel">Launcher label</label>
            <input id="launcherLabel" type="text" maxlength="40" placeholder="e.g. Chat with us" .value=${d.launcherLabel}
                aria-invalid=${this.invalid('launcherLabel')} aria-describedby="hint-launcherLabel error-launcherLabel"
                @input=${(e) => this.edit({ launcherLabel: e.target.value })}>
            <p class="hint" id="hint-launcherLabel">Shown beside the icon. Empty: the icon alone.</p>
            ${this.fieldError('launcherLabel')}
          </div>
        </section>
        <section class="card" aria-labelledby="prechat-heading">
          <h2 id="prechat-heading">Pre-chat form</h2>
          <p class="intro">What visitors are asked before their first message. Ask for nothing to let them start at once.</p>
          <table>
            <thead><tr><th scope="col">Field</th><th scope="col">Ask</th><th scope="col">Required</th></tr></thead>
            <tbody>
              ${PRECHAT.map(([field, label]) => html`
                <tr>
                  <td>${label[0].toUpperCase() + label.slice(1)}</td>
                  <td><input type="checkbox" aria-label="Ask for ${label}" .checked=${d.prechatFields.includes(field)}
                      @change=${(e) => this.setPrechat(field, 'ask', e.target.checked)}></td>
                  <td><input type="checkbox" aria-label="Require ${label}" .checked=${d.prechatRequired.includes(field)}
                      @change=${(e) => this.setPrechat(field, 'require', e.target.checked)}></td>
                </tr>`)}
            </tbody>
          </table>
          ${this.fieldError('prechatFields')}${this.fieldError('prechatRequired')}
        </section>
        <section class="card" aria-labelledby="behaviour-heading">
          <h2 id="behaviour-heading">Language and behaviour</h2>
          <div class="field">
            <label for="language">Widget language</label>
            <select id="language" aria-invalid=${this.invalid('language')} aria-describedby="hint-language error-language"
                @change=${(e) => this.edit({ language: e.target.value })}>
              ${languages.map(([code, name]) => html`<option value=${code} ?selected=${code === d.language}>${name}</option>`)}
            </select>
            <p class="hint" id="hint-language">The language of the widget’s own buttons, labels and messages. Your texts
              (Branding) are shown as you wrote them.</p>
            ${this.fieldError('language')}
          </div>
          <label class="check"><input type="checkbox" .checked=${d.showOperatorAvatars}
              @change=${(e) => this.edit({ showOperatorAvatars: e.target.checked })}>
            <span>Show operators’ avatars<small>Operators’ initials beside their messages.</small></span></label>
          <label class="check"><input type="checkbox" .checked=${d.sound}
              @change=${(e) => this.edit({ sound: e.target.checked })}>
            <span>Play a sound on new messages<small>A short tone when an operator answers.</small></span></label>
        </section>
        ${this.renderSaveBar('Save widget settings')}
      </form>`;
  }
}
customElements.define('parley-widget-settings', WidgetSettings);
