import { LitElement, html } from 'lit';
import { platformStyles } from './platform-format.js';
import './tenant-list.js';
import './tenant-detail.js';

/** The platform owner's Tenants page: the list at `tenants`, one tenant at `tenants/<id>`. */
export class PlatformTenants extends LitElement {
  static properties = { me: { type: Object }, route: { type: String } };
  static styles = platformStyles;

  render() {
    const id = (this.route || '').split('/')[1];
    return id ? html`<parley-tenant-detail .tenantId=${id}></parley-tenant-detail>`
      : html`<parley-tenant-list></parley-tenant-list>`;
  }
}
customElements.define('parley-platform-tenants', PlatformTenants);
