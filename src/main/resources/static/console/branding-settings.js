import { html, css } from 'lit';
import { api, describe } from './api.js';
import { SettingsSection, sectionStyles } from './settings-section.js';
import { shared } from './styles.js';

const HEX = /^#[0-9a-f]{6}$/i;
const DEFAULT_COLOR = '#3b5bdb';
const LOGO_TYPES = ['image/png', 'image/jpeg', 'image/svg+xml'];
const MAX_LOGO_BYTES = 1024 * 1024;
const COLOURS = [
  { field: 'primaryColor', label: 'Primary colour', words: 'primary colour',
    hint: 'The launcher, the chat header and the visitor’s messages; the console’s buttons.' },
  { field: 'accentColor', label: 'Accent colour', words: 'accent colour',
    hint: 'The widget’s buttons (Send, Start chat). Empty: the primary colour.' },
];

/** WCAG 2 contrast of white text on a #RRGGBB colour, as the server computes it. */
export function contrastWithWhite(hex) {
  const channel = (i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return 1.05 / (luminance + 0.05);
}

/**
 * The tenant's look: logo (uploaded at once, refused with the server's reason), primary and accent colours with
 * the WCAG AA contrast warning while choosing, and the widget's texts. Saving makes the console wear it at once.
 */
export class BrandingSettings extends SettingsSection {
  static section = 'branding';
  static properties = {
    ...SettingsSection.properties,
    brand: { type: Object }, logo: { type: String }, widgetTexts: { type: Object },
    logoBusy: { state: true }, logoMessage: { state: true }, logoError: { state: true }, confirmRemove: { state: true },
    plan: { state: true },
  };
  static styles = [shared, sectionStyles, css`
    .logo-row { display: flex; align-items: center; gap: 1.25rem; flex-wrap: wrap; }
    .logo-box {
      width: 11rem; height: 4.5rem; border: 1px dashed var(--parley-border); border-radius: 8px; display: flex;
      align-items: center; justify-content: center; background: var(--parley-background); overflow: hidden;
    }
    .logo-box img { max-width: 90%; max-height: 80%; }
    .logo-box span { font-size: 0.8rem; color: var(--parley-muted); }
    .logo-actions { display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap; }
    label.button {
      display: inline-block; margin: 0; padding: 0.45rem 0.9rem; border-radius: 6px; cursor: pointer; font-size: 0.9rem;
      background: var(--parley-primary); color: white; border: 1px solid var(--parley-primary);
    }
    label.button:focus-within { outline: 2px solid var(--parley-primary); outline-offset: 2px; }
    .confirm { display: flex; gap: 0.5rem; align-items: center; font-size: 0.9rem; }
    .colour { display: flex; gap: 0.6rem; align-items: center; }
    .colour input[type=text] { width: 8rem; font-family: ui-monospace, SFMono-Regular, Menlo, monospace; }
    input[type=color] { width: 2.6rem; height: 2.3rem; padding: 0.15rem; cursor: pointer; flex: none; }
    .sample {
      display: inline-flex; align-items: center; gap: 0.4rem; padding: 0.35rem 0.7rem; border-radius: 6px;
      color: white; font-size: 0.85rem; font-weight: 600; white-space: nowrap;
    }
    .sample small { font-weight: 400; opacity: 0.9; }
    .notice { font-size: 0.85rem; margin: 0.6rem 0 0; }
    .ok { color: #1a7f37; }
    .locked { border-left: 4px solid #b7791f; }
    .locked h2 { display: flex; align-items: center; gap: 0.5rem; }
    .locked .badge {
      font-size: 0.75rem; font-weight: 600; padding: 0.15rem 0.5rem; border-radius: 999px;
      background: #fdf3e1; color: #8a4b00; border: 1px solid #f0d9a8;
    }
  `];

  connectedCallback() {
    super.connectedCallback();
    // The server refuses branding on a plan without it (402); this only explains it before anyone tries.
    api('/api/v1/billing/plan').then((plan) => { this.plan = plan; }).catch(() => { this.plan = null; });
  }

  /** True when the tenant's plan does not include branding (logo and colours). */
  get locked() {
    return Boolean(this.plan && !this.plan.features.includes('branding'));
  }

  willUpdate(changed) {
    if ((changed.has('settings') || changed.has('brand')) && this.settings && this.brand && this.initial === null) {
      this.reset();
    }
  }

  load() {
    const widget = this.settings.widget || {};
    const defaults = this.settings.defaults.widget;
    return {
      primaryColor: this.brand.primaryColor || '',
      accentColor: this.brand.accentColor || '',
      title: widget.title ?? defaults.title,
      greeting: widget.greeting ?? '',
      offlineMessage: widget.offlineMessage ?? '',
      prechatIntro: widget.prechatIntro ?? '',
    };
  }

  async persist(draft) {
    const texts = this.changes(['title', 'greeting', 'offlineMessage', 'prechatIntro']);
    const colours = this.changes(['primaryColor', 'accentColor']);
    if (Object.keys(texts).length) {
      const settings = await api('/api/v1/settings', { method: 'PATCH', body: { widget: texts } });
      this.initial = { ...this.initial, ...texts }; // saved, even if the colours are refused below
      this.stored({ settings });
    }
    if (Object.keys(colours).length) {
      const brand = await api('/api/v1/settings/branding', {
        method: 'PUT', body: { primaryColor: draft.primaryColor || null, accentColor: draft.accentColor || null },
      });
      this.brand = brand;
      this.stored({ brand });
      // The console wears the new colours at once.
      this.dispatchEvent(new CustomEvent('console-changed', { bubbles: true, composed: true }));
    }
  }

  /** The contrast warning for a colour: the API's for the saved colour, computed here while choosing. */
  warning({ field, words }) {
    const value = this.draft[field];
    if (!HEX.test(value)) return null;
    if (value.toLowerCase() === (this.brand[field] || '').toLowerCase()) {
      return (this.brand.warnings || []).find((w) => w.includes(words)) || null;
    }
    const ratio = contrastWithWhite(value);
    if (ratio >= 4.5) return null;
    return `White text on the ${words} ${value.toLowerCase()} has a contrast of ${ratio.toFixed(1)}:1, `
      + 'below the 4.5:1 WCAG AA asks for; pick a darker colour.';
  }

  async upload(event) {
    const input = event.target;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    this.logoMessage = null;
    this.logoError = null;
    if (!LOGO_TYPES.includes(file.type)) {
      this.logoError = 'A logo must be a PNG, a JPEG or an SVG image.';
      return;
    }
    if (file.size > MAX_LOGO_BYTES) {
      this.logoError = `This file is ${(file.size / 1024 / 1024).toFixed(1)} MB; a logo can be at most 1 MB.`;
      return;
    }
    this.logoBusy = true;
    try {
      await api('/api/v1/settings/logo', { method: 'PUT', raw: file, contentType: file.type });
      await this.logoChanged('Logo uploaded.');
    } catch (error) {
      this.logoError = describe(error);
    } finally {
      this.logoBusy = false;
    }
  }

  async removeLogo() {
    this.confirmRemove = false;
    this.logoBusy = true;
    this.logoMessage = null;
    this.logoError = null;
    try {
      await api('/api/v1/settings/logo', { method: 'DELETE' });
      await this.logoChanged('Logo removed.');
    } catch (error) {
      this.logoError = describe(error);
    } finally {
      this.logoBusy = false;
    }
  }

  async logoChanged(message) {
    const look = await api('/api/v1/branding');
    this.logo = look.logo;
    this.logoMessage = message;
    this.dispatchEvent(new CustomEvent('settings-saved', { bubbles: true, composed: true, detail: { logo: look.logo } }));
    this.dispatchEvent(new CustomEvent('console-changed', { bubbles: true, composed: true }));
  }

  render() {
    if (!this.draft) return '';
    return html`
      <form @submit=${this.save} novalidate>
        ${this.locked ? this.renderLocked() : html`
          ${this.renderLogo()}
          <section class="card" aria-labelledby="colours-heading">
            <h2 id="colours-heading">Colours</h2>
            <p class="intro">Text on these colours is white: keep them dark enough to read (WCAG AA asks for a contrast
              of at least 4.5:1).</p>
            <div class="row">${COLOURS.map((c) => this.renderColour(c))}</div>
          </section>`}
        <section class="card" aria-labelledby="texts-heading">
          <h2 id="texts-heading">Texts</h2>
          <p class="intro">What visitors read in the widget.</p>
          ${this.renderText('title', 'Widget title', 'input', 80, 'The chat window’s heading.')}
          ${this.renderText('greeting', 'Greeting', 'textarea', 500,
            'The first thing a visitor reads when opening the chat. Empty: the widget’s own, in its language.')}
          ${this.renderText('offlineMessage', 'Offline message', 'textarea', 500,
            'Above the offline form, when nobody is available or outside working hours. Empty: the widget’s own, in its language.')}
          ${this.renderText('prechatIntro', 'Pre-chat intro', 'textarea', 500,
            'Above the pre-chat form (when it asks for a name or email). Empty: the greeting.')}
        </section>
        ${this.renderSaveBar('Save branding')}
      </form>`;
  }

  renderLocked() {
    return html`
      <section class="card locked" aria-labelledby="locked-heading" data-testid="branding-locked">
        <h2 id="locked-heading">Logo and colours <span class="badge">Professional</span></h2>
        <p>Branding is part of Professional. Your plan is ${this.plan.name}: the widget and this console wear
          Parley’s colours.</p>
        <p class="muted">Ask the platform owner to move your workspace to Professional or Enterprise to upload a logo
          and choose your colours. The widget’s texts below stay yours to change on every plan.</p>
      </section>`;
  }

  renderLogo() {
    return html`
      <section class="card" aria-labelledby="logo-heading">
        <h2 id="logo-heading">Logo</h2>
        <p class="intro">Shown in the widget’s header and at the top of this console. PNG, JPEG or SVG, at most 1 MB;
          it is saved as soon as you choose it.</p>
        <div class="logo-row">
          <div class="logo-box">
            ${this.logo ? html`<img src=${this.logo} alt="Current logo">` : html`<span>No logo yet</span>`}
          </div>
          <div class="logo-actions">
            <label class="button">${this.logo ? 'Replace logo' : 'Upload logo'}
              <input class="visually-hidden" type="file" accept=${LOGO_TYPES.join(',')} ?disabled=${this.logoBusy}
                  @change=${this.upload}>
            </label>
            ${this.logo && !this.confirmRemove ? html`
              <button type="button" class="secondary" ?disabled=${this.logoBusy}
                  @click=${() => { this.confirmRemove = true; }}>Remove logo</button>` : ''}
            ${this.confirmRemove ? html`
              <span class="confirm" role="group" aria-label="Confirm removing the logo">
                Remove the logo from the widget and the console?
                <button type="button" class="danger small" @click=${this.removeLogo}>Yes, remove it</button>
                <button type="button" class="secondary small" @click=${() => { this.confirmRemove = false; }}>Keep it</button>
              </span>` : ''}
          </div>
        </div>
        ${this.logoBusy ? html`<p class="notice muted">Uploading…</p>` : ''}
        ${this.logoError ? html`<p class="notice error" role="alert">${this.logoError}</p>` : ''}
        ${this.logoMessage ? html`<p class="notice ok" role="status">${this.logoMessage}</p>` : ''}
      </section>`;
  }

  renderColour(colour) {
    const { field, label, hint } = colour;
    const value = this.draft[field];
    const effective = HEX.test(value) ? value.toLowerCase()
      : field === 'accentColor' && HEX.test(this.draft.primaryColor) ? this.draft.primaryColor.toLowerCase() : DEFAULT_COLOR;
    const warning = this.warning(colour);
    return html`
      <div class="field">
        <label for=${field}>${label}</label>
        <div class="colour">
          <input type="color" aria-label="${label} picker" .value=${effective}
              @input=${(e) => this.edit({ [field]: e.target.value })}>
          <input id=${field} type="text" maxlength="7" spellcheck="false" placeholder=${effective}
              .value=${value} aria-invalid=${this.invalid(field)} aria-describedby="hint-${field} error-${field}"
              @input=${(e) => this.edit({ [field]: e.target.value.trim() })}>
          <span class="sample" style="background: ${effective}" aria-hidden="true">Aa
            <small>${contrastWithWhite(effective).toFixed(1)}:1</small></span>
        </div>
        <p class="hint" id="hint-${field}">${hint}</p>
        ${this.fieldError(field)}
        ${warning ? html`<p class="warning" role="status" data-testid="contrast-${field}">${warning}</p>` : ''}
      </div>`;
  }

  renderText(field, label, kind, max, hint) {
    const value = this.draft[field];
    const onInput = (e) => this.edit({ [field]: e.target.value });
    // Where the admin wrote nothing the visitor reads the widget's own text (an empty intro: the greeting).
    const placeholder = (field === 'prechatIntro' ? this.draft.greeting || this.widgetTexts?.greeting
      : this.widgetTexts?.[field]) || '';
    return html`
      <div class="field">
        <label for=${field}>${label}</label>
        ${kind === 'input'
          ? html`<input id=${field} type="text" maxlength=${max} .value=${value} aria-invalid=${this.invalid(field)}
              aria-describedby="hint-${field} error-${field}" @input=${onInput}>`
          : html`<textarea id=${field} maxlength=${max} rows="2" .value=${value} placeholder=${placeholder}
              aria-invalid=${this.invalid(field)}
              aria-describedby="hint-${field} error-${field}" @input=${onInput}></textarea>`}
        <p class="hint" id="hint-${field}">${hint}</p>
        ${this.fieldError(field)}
      </div>`;
  }
}
customElements.define('parley-branding-settings', BrandingSettings);
