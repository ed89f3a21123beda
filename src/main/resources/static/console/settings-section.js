import { LitElement, html, css } from 'lit';
import { describe } from './api.js';
import { shared } from './styles.js';

/** Styles every section of the settings page shares: cards, field rows, hints, field errors and the save bar. */
export const sectionStyles = css`
  :host { display: block; }
  /* Whatever is scrolled or tabbed into view stops above the sticky save bar. */
  * { scroll-margin-bottom: 5.5rem; }
  .card {
    max-width: none; margin: 0 0 1rem; padding: 1.25rem 1.5rem;
  }
  h2 { font-size: 1.05rem; margin: 0 0 0.75rem; }
  h2 + .intro { margin-top: -0.5rem; }
  .intro { margin: 0 0 1rem; color: var(--parley-muted); font-size: 0.9rem; line-height: 1.45; }
  .field { margin-bottom: 1rem; }
  .field:last-child { margin-bottom: 0; }
  .field > label, legend { display: block; font-size: 0.9rem; font-weight: 600; color: var(--parley-text); margin: 0 0 0.35rem; }
  .hint { font-size: 0.8rem; color: var(--parley-muted); margin: 0.3rem 0 0; line-height: 1.4; }
  textarea {
    width: 100%; box-sizing: border-box; padding: 0.55rem 0.7rem; font: inherit; resize: vertical; min-height: 4.2rem;
    border: 1px solid var(--parley-border); border-radius: 6px;
  }
  input[aria-invalid="true"], textarea[aria-invalid="true"], select[aria-invalid="true"] {
    border-color: var(--parley-danger); box-shadow: 0 0 0 1px var(--parley-danger);
  }
  .field-error { color: var(--parley-danger); font-size: 0.82rem; margin: 0.3rem 0 0; }
  fieldset { border: 0; padding: 0; margin: 0 0 1rem; min-width: 0; }
  .choices { display: flex; flex-wrap: wrap; gap: 0.5rem; }
  .choice {
    display: flex; align-items: center; gap: 0.45rem; margin: 0; padding: 0.45rem 0.75rem; font-size: 0.9rem;
    border: 1px solid var(--parley-border); border-radius: 6px; color: var(--parley-text); cursor: pointer;
    background: var(--parley-surface);
  }
  .choice:has(input:checked) { border-color: var(--parley-primary); box-shadow: 0 0 0 1px var(--parley-primary); }
  .choice input, .check input { width: auto; margin: 0; }
  .check { display: flex; align-items: flex-start; gap: 0.5rem; margin: 0 0 0.6rem; font-size: 0.9rem; color: var(--parley-text); }
  .check input { margin-top: 0.2rem; }
  .check small { display: block; color: var(--parley-muted); font-size: 0.8rem; margin-top: 0.1rem; }
  .row { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: 1rem; }
  .savebar {
    display: flex; align-items: center; gap: 0.75rem; justify-content: flex-end;
    padding: 0.9rem 1.5rem; margin: 0 0 1rem; border: 1px solid var(--parley-border); border-radius: 10px;
    background: var(--parley-surface); position: sticky; bottom: 0.75rem; box-shadow: 0 2px 12px rgb(0 0 0 / 6%);
  }
  .savebar .status { margin-right: auto; font-size: 0.9rem; }
  .savebar button, form .savebar button[type=submit] { width: auto; min-width: 6.5rem; margin: 0; white-space: nowrap; }
  .unsaved { color: #9a6700; font-weight: 600; }
  .unsaved::before { content: ''; display: inline-block; width: 0.5rem; height: 0.5rem; border-radius: 50%;
    background: #d29922; margin-right: 0.4rem; vertical-align: middle; }
  .saved { color: #1a7f37; font-weight: 600; }
  .savebar .error { margin: 0; }
  .warning {
    display: flex; gap: 0.5rem; align-items: flex-start; margin: 0.5rem 0 0; padding: 0.55rem 0.75rem;
    background: #fff8e6; border: 1px solid #f0c36d; border-radius: 6px; color: #6b4a00; font-size: 0.85rem; line-height: 1.4;
  }
  .warning::before { content: '⚠'; font-weight: 700; }
  button.link { background: none; border: 0; color: var(--parley-primary); padding: 0.2rem 0.3rem; text-decoration: underline; }
  button.danger { background: var(--parley-danger); border-color: var(--parley-danger); }
  button.small { padding: 0.3rem 0.65rem; font-size: 0.85rem; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;

/**
 * What every section of the settings page does the same way: a draft of its fields next to what was saved
 * (unsaved changes shown), a Save button, a saved confirmation, and the API's field errors beside the fields.
 * A section implements `load()` (the saved values, from `.settings`) and `persist(draft)` (the API calls,
 * then `stored(...)` with what the API answered, so that `load()` reads the new values).
 * It fires `section-draft` ({section, draft, dirty}) whenever the draft changes, for the preview and the tabs,
 * and `settings-saved` ({settings?, brand?}) after a save, so the page and the other sections see the new values.
 */
export class SettingsSection extends LitElement {
  static properties = {
    settings: { type: Object },
    draft: { state: true }, saved: { state: true }, saving: { state: true }, error: { state: true },
    errors: { state: true },
  };
  static styles = [shared, sectionStyles];

  /** The section's name in events (`branding`, `widget` …). */
  static section = '';

  constructor() {
    super();
    this.initial = null;
    this.draft = null;
    this.errors = {};
    this.saved = false;
  }

  willUpdate(changed) {
    // The saved values are taken in once (and after each save), so a reload of the page data keeps the draft.
    if (changed.has('settings') && this.settings && this.initial === null) this.reset();
  }

  /** Takes the saved values as both the baseline and the draft. */
  reset() {
    this.initial = this.load();
    this.draft = structuredClone(this.initial);
    this.errors = {};
    this.error = null;
    this.notify();
  }

  get dirty() {
    return this.initial !== null && JSON.stringify(this.draft) !== JSON.stringify(this.initial);
  }

  /** Changes fields of the draft; a field's error goes away once it is edited. */
  edit(patch) {
    this.draft = { ...this.draft, ...patch };
    this.saved = false;
    this.error = null;
    const errors = { ...this.errors };
    for (const key of Object.keys(patch)) delete errors[key];
    this.errors = errors;
    this.notify();
  }

  /** The draft's fields that differ from what is saved. */
  changes(fields = Object.keys(this.draft)) {
    const out = {};
    for (const key of fields) {
      if (JSON.stringify(this.draft[key]) !== JSON.stringify(this.initial[key])) out[key] = this.draft[key];
    }
    return out;
  }

  notify() {
    this.dispatchEvent(new CustomEvent('section-draft', {
      bubbles: true, composed: true,
      detail: { section: this.constructor.section, draft: this.draft, dirty: this.dirty },
    }));
  }

  async save(event) {
    event?.preventDefault();
    if (!this.dirty || this.saving) return;
    this.saving = true;
    this.saved = false;
    this.error = null;
    this.errors = {};
    try {
      await this.persist(this.draft);
      this.initial = this.load();
      this.draft = structuredClone(this.initial);
      this.saved = true;
      this.notify();
    } catch (error) {
      this.fail(error);
    } finally {
      this.saving = false;
    }
  }

  /** Takes in what the API answered to a save, and tells the page. */
  stored(detail) {
    if (detail.settings) this.settings = detail.settings;
    this.dispatchEvent(new CustomEvent('settings-saved', { bubbles: true, composed: true, detail }));
  }

  /** Shows an API error: field errors beside their fields (by the API's field name), anything else in the bar. */
  fail(error) {
    const errors = {};
    for (const e of error.errors || []) errors[this.fieldOf(e.field)] = e.message;
    this.errors = errors;
    const placed = Object.keys(errors).length > 0;
    this.error = placed ? 'Some fields need another look (see the messages beside them).' : describe(error);
  }

  /** The draft field an API field name belongs to (`widget.title` → `title`); sections may refine it. */
  fieldOf(apiField) {
    return apiField.replace(/^(widget|chat|hours)\./, '');
  }

  discard() {
    this.draft = structuredClone(this.initial);
    this.errors = {};
    this.error = null;
    this.saved = false;
    this.notify();
  }

  /** Attributes for an input that may carry a field error. */
  invalid(field) {
    return this.errors[field] ? 'true' : 'false';
  }

  fieldError(field) {
    const message = this.errors[field];
    if (!message) return '';
    const sentence = message.charAt(0).toUpperCase() + message.slice(1) + (/[.!?]$/.test(message) ? '' : '.');
    return html`<p class="field-error" id="error-${field}" role="alert">${sentence}</p>`;
  }

  renderSaveBar(label = 'Save') {
    let status = '';
    if (this.saving) status = html`<span class="muted">Saving…</span>`;
    else if (this.error) status = html`<p class="error" role="alert">${this.error}</p>`;
    else if (this.dirty) status = html`<span class="unsaved" data-testid="unsaved">Unsaved changes</span>`;
    else if (this.saved) status = html`<span class="saved" role="status">Saved</span>`;
    return html`
      <div class="savebar">
        <span class="status">${status}</span>
        ${this.dirty ? html`<button type="button" class="secondary" @click=${this.discard}>Discard changes</button>` : ''}
        <button type="submit" ?disabled=${!this.dirty || this.saving}>${label}</button>
      </div>`;
  }
}
