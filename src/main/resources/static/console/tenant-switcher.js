import { LitElement, html, css } from 'lit';
import { api, describe, session } from './api.js';
import { shared } from './styles.js';

/** Lets a person who belongs to several tenants switch between them without signing in again. */
export class TenantSwitcher extends LitElement {
  static properties = { current: { type: Object }, tenants: { type: Array }, error: { state: true } };
  static styles = [shared, css`
    :host { display: inline-flex; align-items: center; gap: 0.5rem; }
    select { width: auto; min-width: 12rem; }
    .error { margin: 0; }
  `];

  async change(event) {
    const tenantId = event.target.value;
    try {
      const signedIn = await api('/api/v1/auth/switch-tenant', { method: 'POST', body: { tenantId } });
      session.set(signedIn);
      this.dispatchEvent(new CustomEvent('tenant-switched', { bubbles: true, composed: true, detail: signedIn }));
    } catch (error) {
      this.error = describe(error);
      event.target.value = this.current.id;
    }
  }

  render() {
    if (!this.tenants || this.tenants.length < 2) {
      return html``;
    }
    return html`
      <label class="visually-hidden" for="tenant" hidden>Tenant</label>
      <select id="tenant" aria-label="Tenant" @change=${this.change}>
        ${this.tenants.map((t) => html`
          <option value=${t.id} ?selected=${t.id === this.current?.id}>${t.name}</option>`)}
      </select>
      ${this.error ? html`<span class="error" role="alert">${this.error}</span>` : ''}`;
  }
}
customElements.define('parley-tenant-switcher', TenantSwitcher);
