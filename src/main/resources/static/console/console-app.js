import { LitElement, html, css } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { api, describe, session } from './api.js';
import { shared } from './styles.js';
import './sign-in.js';
import './tenant-switcher.js';
import './inbox.js';

const ROLE_NAMES = {
  TENANT_ADMIN: 'Tenant admin',
  ADMIN_OPERATOR: 'Admin operator',
  OPERATOR: 'Operator',
  SUPER_ADMIN: 'Platform admin',
};

/** The console's shell: sign-in when signed out; otherwise who and where you are, tenant switching, sign-out. */
export class ConsoleApp extends LitElement {
  static properties = { me: { state: true }, error: { state: true }, look: { state: true } };
  static styles = [shared, css`
    header {
      display: flex; align-items: center; gap: 1rem; padding: 0.7rem 1.2rem;
      background: var(--parley-surface); border-bottom: 1px solid var(--parley-border);
    }
    .brand { font-weight: 700; color: var(--parley-primary); margin-right: auto; }
    .brand img.logo { height: 32px; max-width: 160px; display: block; }
    main { padding: 0; }
    .card { max-width: none; margin: 0; }
  `];

  connectedCallback() {
    super.connectedCallback();
    this.load();
  }

  async load() {
    if (!session.get()) {
      this.me = null;
      return;
    }
    try {
      this.me = await api('/api/v1/me');
      this.error = null;
      this.look = await api('/api/v1/branding').catch(() => null);
      const primary = /^#[0-9a-f]{6}$/i.test(this.look?.primaryColor || '') ? this.look.primaryColor : '';
      document.documentElement.style.setProperty('--parley-primary', primary || '#3b5bdb');
    } catch (error) {
      this.me = null;
      if (error.status !== 401) this.error = describe(error);
    }
  }

  async signOut() {
    const current = session.get();
    try {
      await api('/api/v1/auth/logout', { method: 'POST', body: { refreshToken: current?.refreshToken } });
    } catch {
      // Signed out locally either way.
    }
    session.clear();
    this.me = null;
  }

  render() {
    if (!this.me) {
      return html`
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
        <parley-sign-in @signed-in=${() => this.load()}></parley-sign-in>`;
    }
    const { user, tenant, tenants, roles } = this.me;
    return html`
      <header>
        <span class="brand">${this.look?.logo ? html`<img class="logo" src=${this.look.logo} alt="${tenant.name} logo">` : 'Parley'}</span>
        <parley-tenant-switcher .current=${tenant} .tenants=${tenants}
            @tenant-switched=${() => this.load()}></parley-tenant-switcher>
        <strong data-testid="tenant-name">${tenant.name}</strong>
        <span class="muted" data-testid="role">${roles.map((r) => ROLE_NAMES[r] || r).join(' · ')}</span>
        <span class="muted" data-testid="user-email">${user.email}</span>
        <button class="secondary" @click=${this.signOut}>Sign out</button>
      </header>
      <main>
        ${this.me.tenant.status === 'ACTIVE' ? keyed(tenant.id, html`<parley-inbox .me=${this.me}></parley-inbox>`) : html`
          <section class="card">
            <h1>${tenant.name}</h1>
            <p>This tenant is ${tenant.status.toLowerCase()}.</p>
          </section>`}
      </main>`;
  }
}
customElements.define('parley-console', ConsoleApp);
