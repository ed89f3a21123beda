import { LitElement, html, css } from 'lit';
import { api, describe } from './api.js';
import { shared } from './styles.js';
import { SLUG, slugFrom, hostsFrom, dateTime, errorsByField, platformStyles } from './platform-format.js';
import { WIDGET_LANGUAGES } from './widget-languages.js';

/** Every IANA time zone this browser knows, with UTC. */
function timeZones() {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
}

function browserZone() {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return timeZones().includes(zone) ? zone : 'UTC';
}

/** Where a server complaint about a field belongs in this form. */
function fieldOf(serverField) {
  if (!serverField) return null;
  if (serverField.startsWith('domains')) return 'domains';
  if (serverField === 'settings.timezone') return 'timezone';
  if (serverField.startsWith('settings.widget') || serverField === 'widget.language') return 'language';
  return ['name', 'slug', 'adminEmail'].includes(serverField) ? serverField : null;
}

/**
 * The provisioning flow in a dialog: name, slug (suggested from the name), allowed domains, the first admin's
 * email and initial settings. On success it shows the admin's invitation link to pass on, and fires
 * `tenant-provisioned` with the tenant.
 */
export class TenantProvision extends LitElement {
  static properties = {
    values: { state: true }, errors: { state: true }, general: { state: true }, busy: { state: true },
    result: { state: true }, copied: { state: true },
  };
  static styles = [shared, platformStyles, css`
    :host { display: contents; padding: 0; }
    form { margin: 0; }
    label { color: var(--parley-text); font-weight: 500; }
    .row { display: grid; grid-template-columns: 1fr 1fr; gap: 0 1rem; }
    form button[type=submit] { width: auto; margin: 0; }
    .success p { margin: 0.5rem 0; }
    .success .check { color: #1b6b34; font-weight: 600; }
  `];

  constructor() {
    super();
    this.zones = timeZones();
    this.reset();
  }

  reset() {
    this.values = { name: '', slug: '', domains: '', adminEmail: '', timezone: browserZone(), language: 'en' };
    this.slugEdited = false;
    this.errors = {};
    this.general = null;
    this.result = null;
    this.copied = false;
  }

  open() {
    this.reset();
    this.updateComplete.then(() => this.renderRoot.querySelector('dialog').showModal());
  }

  close() {
    this.renderRoot.querySelector('dialog').close();
  }

  openTenant(id) {
    this.close();
    location.hash = `#/tenants/${id}`;
  }

  set(field, value) {
    const values = { ...this.values, [field]: value };
    if (field === 'name' && !this.slugEdited) values.slug = slugFrom(value);
    if (field === 'slug') this.slugEdited = value !== '';
    this.values = values;
    if (this.errors[field] || (field === 'name' && this.errors.slug)) {
      this.errors = { ...this.errors, [field]: null, ...(field === 'name' && !this.slugEdited ? { slug: null } : {}) };
    }
  }

  /** The same checks as the server, so most mistakes are caught before sending. */
  validate() {
    const v = this.values;
    const errors = {};
    if (!v.name.trim()) errors.name = 'Enter the business name.';
    if (!SLUG.test(v.slug)) {
      errors.slug = 'Use 1 to 63 lower-case letters, digits or dashes, not starting or ending with a dash.';
    }
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v.adminEmail.trim())) errors.adminEmail = 'Enter the admin\'s email address.';
    if (!this.zones.includes(v.timezone)) errors.timezone = 'Choose a time zone from the list, such as Europe/Paris.';
    return errors;
  }

  async submit(event) {
    event.preventDefault();
    this.general = null;
    this.errors = this.validate();
    if (Object.keys(this.errors).length) {
      this.focusFirstError();
      return;
    }
    const v = this.values;
    this.busy = true;
    try {
      const result = await api('/api/v1/platform/tenants', {
        method: 'POST',
        body: {
          name: v.name.trim(), slug: v.slug, domains: hostsFrom(v.domains), adminEmail: v.adminEmail.trim(),
          settings: { timezone: v.timezone, widget: { language: v.language } },
        },
      });
      this.result = result;
      this.dispatchEvent(new CustomEvent('tenant-provisioned', { detail: result, bubbles: true, composed: true }));
    } catch (error) {
      const { fields, general } = errorsByField(error, fieldOf, describe);
      this.errors = fields;
      this.general = general;
      this.focusFirstError();
    } finally {
      this.busy = false;
    }
  }

  async focusFirstError() {
    await this.updateComplete;
    this.renderRoot.querySelector('[aria-invalid="true"]')?.focus();
  }

  async copy() {
    const input = this.renderRoot.querySelector('#invitation-link');
    try {
      await navigator.clipboard.writeText(input.value);
    } catch {
      input.select();
      document.execCommand('copy');
    }
    this.copied = true;
  }

  field(id, label, input, hint) {
    const error = this.errors[id];
    return html`
      <label for=${id}>${label}</label>
      ${input}
      ${error ? html`<p class="field-error" id="${id}-error">${error}</p>` : hint ? html`<p class="hint">${hint}</p>` : ''}`;
  }

  render() {
    return html`
      <dialog aria-labelledby="provision-title" @close=${() => { this.result = null; }}>
        ${this.result ? this.renderResult() : this.renderForm()}
      </dialog>`;
  }

  renderForm() {
    const v = this.values;
    const invalid = (id) => (this.errors[id] ? 'true' : 'false');
    const describedBy = (id) => (this.errors[id] ? `${id}-error` : '');
    return html`
      <form @submit=${this.submit} novalidate>
        <div class="dialog-body">
          <h2 id="provision-title">New tenant</h2>
          <p class="muted hint">Creates the tenant, its widget domains and an invitation for its first admin.</p>
          ${this.field('name', 'Business name', html`
            <input id="name" .value=${v.name} autocomplete="off" aria-invalid=${invalid('name')}
                aria-describedby=${describedBy('name')} @input=${(e) => this.set('name', e.target.value)}>`)}
          ${this.field('slug', 'Slug', html`
            <input id="slug" .value=${v.slug} autocomplete="off" spellcheck="false" aria-invalid=${invalid('slug')}
                aria-describedby=${describedBy('slug')} @input=${(e) => this.set('slug', e.target.value.trim())}>`,
            'Lower-case letters, digits and dashes. Suggested from the name; it never changes once created.')}
          ${this.field('domains', 'Allowed domains', html`
            <textarea id="domains" rows="3" spellcheck="false" .value=${v.domains} aria-invalid=${invalid('domains')}
                aria-describedby=${describedBy('domains')} placeholder="example.com&#10;*.example.com"
                @input=${(e) => this.set('domains', e.target.value)}></textarea>`,
            'One host per line: the sites where the chat widget may run. You can add them later.')}
          ${this.field('adminEmail', 'First admin\'s email', html`
            <input id="adminEmail" type="email" .value=${v.adminEmail} autocomplete="off"
                aria-invalid=${invalid('adminEmail')} aria-describedby=${describedBy('adminEmail')}
                @input=${(e) => this.set('adminEmail', e.target.value)}>`)}
          <div class="row">
            <div>
              ${this.field('timezone', 'Time zone', html`
                <input id="timezone" list="zones" .value=${v.timezone} autocomplete="off" spellcheck="false"
                    aria-invalid=${invalid('timezone')} aria-describedby=${describedBy('timezone')}
                    @input=${(e) => this.set('timezone', e.target.value.trim())}>
                <datalist id="zones">${this.zones.map((z) => html`<option value=${z}></option>`)}</datalist>`)}
            </div>
            <div>
              ${this.field('language', 'Widget language', html`
                <select id="language" .value=${v.language} @change=${(e) => this.set('language', e.target.value)}>
                  ${WIDGET_LANGUAGES.map(([code, name]) => html`
                    <option value=${code} ?selected=${code === v.language}>${name} (${code})</option>`)}
                </select>`)}
            </div>
          </div>
          ${this.general ? html`<p class="error" role="alert">${this.general}</p>` : ''}
        </div>
        <div class="actions">
          <button type="button" class="secondary" @click=${this.close}>Cancel</button>
          <button type="submit" ?disabled=${this.busy}>${this.busy ? 'Creating…' : 'Create tenant'}</button>
        </div>
      </form>`;
  }

  renderResult() {
    const { tenant, created, invitation } = this.result;
    return html`
      <div class="dialog-body success" role="status">
        <h2 id="provision-title">${created ? `${tenant.name} is ready` : `${tenant.name} already exists`}</h2>
        ${created ? html`
          <p class="check">The tenant, its domains and its admin's invitation were created.</p>
          <p>Parley does not send email yet. <strong>Send this link to the admin</strong>
             (${invitation.email}): it lets them choose a password and sign in.</p>
          <label for="invitation-link">Invitation link</label>
          <div class="link-box">
            <input id="invitation-link" readonly .value=${invitation.link} @focus=${(e) => e.target.select()}>
            <button type="button" class="secondary" @click=${this.copy}>${this.copied ? 'Copied' : 'Copy link'}</button>
          </div>
          <p class="hint">The link works once and expires ${dateTime(invitation.expiresAt)}.</p>`
        : html`
          <p>A tenant with this slug and name was provisioned before, so nothing new was created and no invitation
             was sent. To invite its admin again, open the tenant.</p>`}
      </div>
      <div class="actions">
        <button type="button" class="secondary" @click=${() => this.openTenant(tenant.id)}>Open tenant</button>
        <button type="button" @click=${this.close}>Done</button>
      </div>`;
  }
}
customElements.define('parley-tenant-provision', TenantProvision);
