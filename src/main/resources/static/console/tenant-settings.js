import { LitElement, html, css } from 'lit';
import { api, describe } from './api.js';
import { shared } from './styles.js';
import './branding-settings.js';
import './widget-settings.js';
import './chat-settings.js';
import './working-hours.js';
import './domain-settings.js';
import './embed-snippet.js';
import './widget-preview.js';
import './reminder-settings.js';

/** The page's tabs: route (`settings/<tab>`), label, and the sections whose unsaved changes the tab shows. */
const TABS = [
  { tab: 'branding', label: 'Branding', sections: ['branding'], preview: true },
  { tab: 'widget', label: 'Widget', sections: ['widget'], preview: true },
  { tab: 'chat', label: 'Chat', sections: ['chat'] },
  { tab: 'hours', label: 'Working hours', sections: ['hours'] },
  { tab: 'installation', label: 'Installation', sections: ['domains'] },
  { tab: 'reminders', label: 'Reminders', sections: ['reminders'] },
];
const HEX = /^#[0-9a-f]{6}$/i;

/**
 * A tenant admin's settings of their own tenant, one tab per subject. Every tab keeps its draft while another is
 * open; Branding and Widget show the real widget drawing the draft beside the form, before anything is saved.
 */
export class TenantSettings extends LitElement {
  static properties = {
    me: { type: Object }, route: { type: String },
    settings: { state: true }, brand: { state: true }, logo: { state: true }, error: { state: true },
    drafts: { state: true }, dirty: { state: true }, widgetTexts: { state: true },
  };
  static styles = [shared, css`
    :host { display: block; padding: 1.5rem 2rem 2rem; max-width: 82rem; margin: 0 auto; box-sizing: border-box; }
    h1 { margin: 0 0 0.25rem; }
    .lede { margin: 0 0 1.2rem; color: var(--parley-muted); }
    nav.tabs { display: flex; gap: 0.25rem; border-bottom: 1px solid var(--parley-border); margin-bottom: 1.25rem; flex-wrap: wrap; }
    nav.tabs a {
      padding: 0.6rem 0.95rem; color: var(--parley-muted); text-decoration: none; border-bottom: 2px solid transparent;
      margin-bottom: -1px; font-weight: 500; display: inline-flex; align-items: center; gap: 0.4rem;
    }
    nav.tabs a:hover { color: var(--parley-text); }
    nav.tabs a[aria-current="page"] { color: var(--parley-primary); border-bottom-color: var(--parley-primary); }
    .dot { width: 0.5rem; height: 0.5rem; border-radius: 50%; background: #d29922; display: inline-block; }
    .layout { display: grid; grid-template-columns: minmax(0, 1fr); gap: 1.5rem; align-items: start; }
    .layout.with-preview { grid-template-columns: minmax(0, 1fr) 25rem; }
    .layout:not(.with-preview) > div { max-width: 52rem; }
    aside { position: sticky; top: 1rem; }
    [hidden] { display: none !important; }
    .state { padding: 2rem; text-align: center; color: var(--parley-muted); }
    .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
    @media (max-width: 1100px) { .layout.with-preview { grid-template-columns: minmax(0, 1fr); } aside { position: static; } }
  `];

  constructor() {
    super();
    this.drafts = {};
    this.dirty = {};
    this.onBeforeUnload = (event) => {
      if (Object.values(this.dirty).some(Boolean)) event.preventDefault();
    };
  }

  connectedCallback() {
    super.connectedCallback();
    window.addEventListener('beforeunload', this.onBeforeUnload);
    this.load();
  }

  disconnectedCallback() {
    window.removeEventListener('beforeunload', this.onBeforeUnload);
    super.disconnectedCallback();
  }

  async load() {
    try {
      const [settings, brand, look] = await Promise.all([
        api('/api/v1/settings'), api('/api/v1/settings/branding'), api('/api/v1/branding'),
      ]);
      this.settings = settings;
      this.brand = brand;
      this.logo = look.logo;
      this.error = null;
    } catch (error) {
      this.error = describe(error);
    }
  }

  tab() {
    const wanted = (this.route || '').split('/')[1];
    return TABS.find((t) => t.tab === wanted) || TABS[0];
  }

  onDraft(event) {
    const { section, draft, dirty } = event.detail;
    this.drafts = { ...this.drafts, [section]: draft };
    this.dirty = { ...this.dirty, [section]: dirty };
  }

  onSaved(event) {
    const { settings, brand, logo } = event.detail;
    if (settings) this.settings = settings;
    if (brand) this.brand = brand;
    if (logo !== undefined) this.logo = logo;
  }

  /** The widget's own greeting and offline message in the draft's language, as the preview drew them. */
  onPreviewDefaults(event) {
    const texts = event.detail;
    if (texts.greeting !== this.widgetTexts?.greeting || texts.offlineMessage !== this.widgetTexts?.offlineMessage) {
      this.widgetTexts = texts; // only on a change: setting it redraws the preview, which answers again
    }
  }

  /** What the preview draws: the saved settings, their defaults, and every unsaved change of both tabs. */
  previewConfig() {
    const defaults = this.settings.defaults.widget;
    const widget = { ...defaults, ...this.settings.widget, ...(this.drafts.widget || {}) };
    const branding = this.drafts.branding || {};
    const colour = (value, saved) => (HEX.test(value || '') ? value : saved);
    const primary = colour(branding.primaryColor, this.brand.primaryColor) || '#3b5bdb';
    const text = (field) => (branding[field] ?? widget[field]) || defaults[field] || null;
    return {
      title: text('title'),
      greeting: text('greeting'), // none written: the widget's own, in the draft's language
      offlineMessage: text('offlineMessage'),
      prechatIntro: (branding.prechatIntro ?? widget.prechatIntro) || null,
      prechatFields: widget.prechatFields,
      prechatRequired: widget.prechatRequired,
      position: widget.position,
      launcherIcon: widget.launcherIcon,
      launcherLabel: widget.launcherLabel || null,
      language: widget.language,
      showOperatorAvatars: widget.showOperatorAvatars,
      sound: widget.sound,
      offlineForm: true,
      primaryColor: primary,
      accentColor: colour(branding.accentColor, this.brand.accentColor) || primary,
      logoUrl: this.logo || null,
    };
  }

  render() {
    if (this.error && !this.settings) return html`<p class="error" role="alert">${this.error}</p>`;
    if (!this.settings || !this.brand) return html`<p class="state">Loading settings…</p>`;
    const current = this.tab();
    return html`
      <h1>Settings</h1>
      <p class="lede">How ${this.me?.tenant?.name || 'your workspace'} looks and works for visitors and operators.</p>
      <nav class="tabs" aria-label="Settings sections">
        ${TABS.map((t) => {
          const unsaved = t.sections.some((s) => this.dirty[s]);
          return html`<a href="#/settings/${t.tab}" aria-current=${t === current ? 'page' : 'false'}>${t.label}
            ${unsaved ? html`<span class="dot" title="Unsaved changes"></span><span class="visually-hidden">(unsaved changes)</span>` : ''}</a>`;
        })}
      </nav>
      <div class="layout ${current.preview ? 'with-preview' : ''}" @section-draft=${this.onDraft} @settings-saved=${this.onSaved}
          @preview-defaults=${this.onPreviewDefaults}>
        <div>
          <parley-branding-settings ?hidden=${current.tab !== 'branding'} .settings=${this.settings} .brand=${this.brand}
              .logo=${this.logo} .widgetTexts=${this.widgetTexts}></parley-branding-settings>
          <parley-widget-settings ?hidden=${current.tab !== 'widget'} .settings=${this.settings}></parley-widget-settings>
          <parley-chat-settings ?hidden=${current.tab !== 'chat'} .settings=${this.settings}></parley-chat-settings>
          <parley-working-hours ?hidden=${current.tab !== 'hours'} .settings=${this.settings}></parley-working-hours>
          <parley-reminder-settings ?hidden=${current.tab !== 'reminders'}></parley-reminder-settings>
          <div ?hidden=${current.tab !== 'installation'}>
            <parley-embed-snippet .widgetKey=${this.settings.widgetKey}></parley-embed-snippet>
            <parley-domain-settings .settings=${this.settings}></parley-domain-settings>
          </div>
        </div>
        <aside ?hidden=${!current.preview} aria-label="Live preview">
          <parley-widget-preview .config=${this.previewConfig()} .operatorName=${this.me?.user?.name || ''}></parley-widget-preview>
        </aside>
      </div>`;
  }
}
customElements.define('parley-tenant-settings', TenantSettings);
