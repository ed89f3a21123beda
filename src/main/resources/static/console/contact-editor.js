import { LitElement, html, css } from 'lit';
import { api, describe } from './api.js';
import { shared } from './styles.js';

const FIELDS = [['name', 'Name', 'text', 200], ['email', 'Email', 'email', 320], ['phone', 'Phone', 'tel', 50]];

/**
 * A small form to correct a contact's name, email and phone (admin operators and tenant admins). Saves with
 * PATCH /api/v1/contacts/{id}, shows the server's complaint next to the field, and fires `contact-updated` with the
 * saved contact, or `contact-edit-cancelled`.
 */
export class ContactEditor extends LitElement {
  static properties = {
    contact: { type: Object }, errors: { state: true }, error: { state: true }, saving: { state: true },
  };
  static styles = [shared, css`
    :host { display: block; margin: 0.5rem 0 0.3rem; }
    form { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 0.3rem 0.7rem; align-items: start; }
    label { margin: 0 0 0.2rem; font-size: 0.8rem; }
    input { padding: 0.4rem 0.55rem; font-size: 0.9rem; }
    input[aria-invalid="true"] { border-color: var(--parley-danger); }
    .field-error { color: var(--parley-danger); font-size: 0.78rem; margin: 0.2rem 0 0; }
    .buttons { grid-column: 1 / -1; display: flex; gap: 0.5rem; justify-content: flex-end; margin-top: 0.3rem; }
    .buttons button, form button[type=submit] { width: auto; margin: 0; padding: 0.35rem 0.8rem; font-size: 0.85rem; }
    .error { grid-column: 1 / -1; margin: 0; font-size: 0.85rem; }
    @media (max-width: 40rem) { form { grid-template-columns: 1fr; } }
  `];

  constructor() {
    super();
    this.errors = {};
  }

  async save(event) {
    event.preventDefault();
    const form = new FormData(event.target);
    const change = {};
    for (const [field] of FIELDS) {
      const value = String(form.get(field) ?? '').trim();
      if (value !== (this.contact?.[field] || '')) change[field] = value;
    }
    if (Object.keys(change).length === 0) {
      this.fire('contact-edit-cancelled');
      return;
    }
    this.saving = true;
    this.errors = {};
    this.error = null;
    try {
      const saved = await api(`/api/v1/contacts/${this.contact.id}`, { method: 'PATCH', body: change });
      this.fire('contact-updated', saved);
    } catch (error) {
      this.errors = Object.fromEntries((error.errors || []).map((e) => [e.field, e.message]));
      if (!error.errors?.length) this.error = describe(error);
    } finally {
      this.saving = false;
    }
  }

  fire(name, detail) {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  render() {
    const c = this.contact || {};
    return html`
      <form @submit=${this.save} novalidate aria-label="Contact details">
        ${FIELDS.map(([field, label, type, max]) => html`
          <div>
            <label for="contact-${field}">${label}</label>
            <input id="contact-${field}" name=${field} type=${type} maxlength=${max} .value=${c[field] || ''}
                autocomplete="off" aria-invalid=${this.errors[field] ? 'true' : 'false'}
                placeholder=${field === 'phone' ? '+32 470 12 34 56' : ''}>
            ${this.errors[field] ? html`<p class="field-error">${label} ${this.errors[field]}</p>` : ''}
          </div>`)}
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
        <div class="buttons">
          <button type="button" class="secondary" @click=${() => this.fire('contact-edit-cancelled')}>Cancel</button>
          <button type="submit" ?disabled=${this.saving}>${this.saving ? 'Saving…' : 'Save contact'}</button>
        </div>
      </form>`;
  }
}
customElements.define('parley-contact-editor', ContactEditor);
