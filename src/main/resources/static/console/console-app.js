import { LitElement, html, css } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { html as staticHtml, unsafeStatic } from 'lit/static-html.js';
import { api, describe, session } from './api.js';
import { shared } from './styles.js';
import './sign-in.js';
import './tenant-switcher.js';
import './notification-bell.js';

/**
 * The console's pages: where each lives (hash route), who may see it, and the module that defines it, loaded
 * when first opened. The server checks every call; hiding a page only spares people a 403.
 */
const PAGES = [
  { route: 'inbox', label: 'Inbox', roles: null, tag: 'parley-inbox', module: './inbox.js' },
  { route: 'dashboard', label: 'Dashboard', roles: ['TENANT_ADMIN'], tag: 'parley-dashboard', module: './dashboard.js' },
  { route: 'analytics', label: 'Analytics', roles: ['TENANT_ADMIN'], tag: 'parley-analytics', module: './analytics.js' },
  { route: 'tasks', label: 'Tasks', roles: ['ADMIN_OPERATOR', 'TENANT_ADMIN'], tag: 'parley-tasks', module: './tasks.js' },
  { route: 'followups', label: 'Follow-ups', roles: ['ADMIN_OPERATOR', 'TENANT_ADMIN'], tag: 'parley-followups', module: './followups.js' },
  { route: 'team', label: 'Team', roles: ['TENANT_ADMIN'], tag: 'parley-team', module: './team.js' },
  { route: 'settings', label: 'Settings', roles: ['TENANT_ADMIN'], tag: 'parley-tenant-settings', module: './tenant-settings.js' },
  { route: 'billing', label: 'Billing', roles: ['TENANT_ADMIN'], tag: 'parley-billing-page', module: './billing-page.js' },
  { route: 'outbox', label: 'Mail outbox', roles: ['TENANT_ADMIN'], tag: 'parley-mail-outbox', module: './mail-outbox.js' },
  { route: 'webhooks', label: 'Webhooks', roles: ['TENANT_ADMIN'], tag: 'parley-webhooks', module: './webhooks-page.js' },
  { route: 'tenants', label: 'Tenants', roles: ['SUPER_ADMIN'], tag: 'parley-platform-tenants', module: './platform-tenants.js', platform: true },
  { route: 'audit', label: 'Audit', roles: ['SUPER_ADMIN'], tag: 'parley-platform-audit', module: './platform-audit.js', platform: true },
  { route: 'revenue', label: 'Revenue', roles: ['SUPER_ADMIN'], tag: 'parley-platform-revenue', module: './platform-revenue.js', platform: true },
  { route: 'coupons', label: 'Coupons', roles: ['SUPER_ADMIN'], tag: 'parley-platform-coupons', module: './platform-coupons.js', platform: true },
];

const ROLE_NAMES = {
  TENANT_ADMIN: 'Tenant admin',
  ADMIN_OPERATOR: 'Admin operator',
  OPERATOR: 'Operator',
  SUPER_ADMIN: 'Platform admin',
};

/** The console's shell: sign-in when signed out; otherwise who and where you are, tenant switching, sign-out. */
export class ConsoleApp extends LitElement {
  static properties = {
    me: { state: true }, error: { state: true }, look: { state: true }, route: { state: true }, loaded: { state: true },
  };
  static styles = [shared, css`
    /* Two rows: who and where you are on top, the pages below, so neither pushes the other off screen. */
    header {
      display: flex; flex-wrap: wrap; align-items: center; gap: 0.4rem 1rem; padding: 0.6rem 1.2rem 0.4rem;
      background: var(--parley-surface); border-bottom: 1px solid var(--parley-border);
    }
    .who { display: flex; flex-direction: column; line-height: 1.2; font-size: 0.85rem; text-align: right; }
    .brand { font-weight: 700; color: var(--parley-primary); margin-right: auto; }
    .brand img.logo { height: 32px; max-width: 160px; display: block; }
    main { padding: 0; }
    .card { max-width: none; margin: 0; }
    nav.pages { order: 99; flex-basis: 100%; display: flex; gap: 0.2rem; overflow-x: auto; margin: 0 -0.4rem; }
    nav.pages a {
      padding: 0.4rem 0.75rem; border-radius: 6px; color: var(--parley-text); text-decoration: none; font-size: 0.95rem;
      white-space: nowrap;
    }
    nav.pages a:hover { background: var(--parley-background); }
    nav.pages a[aria-current="page"] { background: var(--parley-primary); color: white; }
  `];

  constructor() {
    super();
    this.loaded = new Set();
    this.onHashChange = () => { this.route = this.currentRoute(); };
  }

  connectedCallback() {
    super.connectedCallback();
    this.route = this.currentRoute();
    window.addEventListener('hashchange', this.onHashChange);
    this.load();
  }

  updated() {
    // Pages that fill the window (the inbox) size themselves below the header, whose height depends on the width.
    const header = this.renderRoot.querySelector('header');
    if (header && header !== this.measured) {
      this.measured = header;
      this.headerSize ??= new ResizeObserver(([entry]) => document.documentElement.style
        .setProperty('--parley-header-height', `${Math.ceil(entry.borderBoxSize[0].blockSize)}px`));
      this.headerSize.disconnect();
      this.headerSize.observe(header);
    }
  }

  disconnectedCallback() {
    this.headerSize?.disconnect();
    window.removeEventListener('hashchange', this.onHashChange);
    super.disconnectedCallback();
  }

  currentRoute() {
    return decodeURIComponent(location.hash.replace(/^#\/?/, '')) || 'inbox';
  }

  /** The pages this person may open in the current tenant. */
  pages() {
    const roles = this.me?.roles || [];
    return PAGES.filter((p) => !p.roles || p.roles.some((r) => roles.includes(r)));
  }

  /** The page for the route (its first segment; the rest is the page's own, e.g. `tenants/<id>`). */
  page() {
    const pages = this.pages();
    const first = this.route.split('/')[0];
    return pages.find((p) => p.route === first || this.route.startsWith(`${p.route}/`)) || pages[0];
  }

  async ensureLoaded(page) {
    if (this.loaded.has(page.module)) return;
    try {
      await import(page.module);
      this.loaded = new Set([...this.loaded, page.module]);
    } catch (error) {
      this.error = `The ${page.label} page could not be loaded: ${error.message}`;
    }
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
        ${this.renderNav()}
        ${keyed(tenant.id, html`<parley-notification-bell></parley-notification-bell>`)}
        <parley-tenant-switcher .current=${tenant} .tenants=${tenants}
            @tenant-switched=${() => this.load()}></parley-tenant-switcher>
        <strong data-testid="tenant-name">${tenant.name}</strong>
        <span class="who">
          <span class="muted" data-testid="user-email">${user.email}</span>
          <span class="muted" data-testid="role">${roles.map((r) => ROLE_NAMES[r] || r).join(' · ')}</span>
        </span>
        <button class="secondary" @click=${this.signOut}>Sign out</button>
      </header>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      <main>${this.renderPage()}</main>`;
  }

  renderNav() {
    const pages = this.pages();
    if (pages.length < 2) return '';
    const current = this.page();
    return html`
      <nav class="pages" aria-label="Console">
        ${pages.map((p) => html`
          <a href="#/${p.route}" aria-current=${p === current ? 'page' : 'false'}>${p.label}</a>`)}
      </nav>`;
  }

  renderPage() {
    const { tenant } = this.me;
    const page = this.page();
    // Platform pages work whatever the state of the tenant one is signed in to; tenant pages need it active.
    if (tenant.status !== 'ACTIVE' && !page.platform) {
      return html`
        <section class="card">
          <h1>${tenant.name}</h1>
          <p>This tenant is ${tenant.status.toLowerCase()}.</p>
        </section>`;
    }
    if (!this.loaded.has(page.module)) {
      this.ensureLoaded(page);
      return html`<p class="muted" style="padding: 1rem">Loading…</p>`;
    }
    // Keyed by tenant and page: switching tenants rebuilds the page, sockets included, for the new tenant.
    return keyed(`${tenant.id}:${page.route}`, staticHtml`<${unsafeStatic(page.tag)} .me=${this.me}
        .route=${this.route} @console-changed=${() => this.load()}></${unsafeStatic(page.tag)}>`);
  }
}
customElements.define('parley-console', ConsoleApp);
