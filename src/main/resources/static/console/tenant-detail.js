import { LitElement, html, css } from 'lit';
import { api, describe } from './api.js';
import { shared } from './styles.js';
import { STATUS_LABELS, ago, dateTime, errorsByField, hostsFrom, platformStyles } from './platform-format.js';
import './platform-audit-table.js';
import './tenant-subscription.js';
import './platform-tenant-invoices.js';
import './billing-usage.js';

const DEFAULT_TENANT = '00000000-0000-7000-8000-000000000001';

/** What each life-cycle action does, in words the confirmation dialog shows before it happens. */
const ACTIONS = {
  suspend: {
    button: 'Suspend tenant', confirm: 'Suspend', title: (t) => `Suspend ${t.name}?`, method: 'POST', path: 'suspend',
    explain: (t) => html`
      <p>Its ${people(t)} are signed out of it at once and cannot sign in while it is suspended. Its chat widget stops
         taking chats.</p>
      <p>Nothing is deleted: you can reactivate it at any time.</p>`,
  },
  reactivate: {
    button: 'Reactivate tenant', confirm: 'Reactivate', title: (t) => `Reactivate ${t.name}?`, method: 'POST',
    path: 'reactivate',
    explain: (t) => html`<p>Its ${people(t)} can sign in again and its chat widget takes chats again.</p>`,
  },
  restore: {
    button: 'Restore tenant', confirm: 'Restore', title: (t) => `Restore ${t.name}?`, method: 'POST', path: 'reactivate',
    explain: (t) => html`<p>The tenant becomes active again with all its data; its ${people(t)} can sign in again.</p>`,
  },
  delete: {
    button: 'Delete tenant', confirm: 'Delete', title: (t) => `Delete ${t.name}?`, method: 'DELETE', path: '',
    danger: true,
    explain: (t) => html`
      <p>${t.name} disappears from the tenant list, its ${people(t)} lose access at once and its chat widget stops.</p>
      <p>Its data is kept for a grace period and then purged for good. Until then you can restore it from the
         “Deleted” filter.</p>`,
  },
};

function people(t) {
  const n = t.activity?.operators ?? 0;
  return n === 1 ? '1 member' : `${n} members`;
}

/** When a deleted tenant's data goes, if the server says; otherwise that it can be restored until then. */
function purgeText(t) {
  const at = t.purgeAt || t.purgeAfter;
  return at ? `Its data will be purged on ${dateTime(at)}; it can be restored until then.`
    : 'Its data is kept for a grace period; it can be restored until it is purged.';
}

/**
 * One tenant for the platform owner: its activity, name and domains to edit, a new admin invitation, suspension,
 * reactivation and deletion (each confirmed first), and its recent platform audit entries.
 */
export class TenantDetail extends LitElement {
  static properties = {
    tenantId: { type: String, attribute: 'tenant-id' },
    tenant: { state: true }, error: { state: true }, edit: { state: true }, editErrors: { state: true },
    editMessage: { state: true }, saving: { state: true }, inviteEmail: { state: true }, invitation: { state: true },
    inviteError: { state: true }, inviting: { state: true }, pending: { state: true }, acting: { state: true },
    actionError: { state: true }, audit: { state: true }, copied: { state: true },
    plans: { state: true }, tenantPlan: { state: true }, planChoice: { state: true }, planSaving: { state: true },
    planMessage: { state: true }, planError: { state: true },
  };
  static styles = [shared, platformStyles, css`
    :host { padding: 0; max-width: none; }
    .back { display: inline-block; margin-bottom: 0.8rem; font-size: 0.9rem; }
    .title { display: flex; align-items: center; gap: 0.7rem; flex-wrap: wrap; }
    .title h1 { margin: 0; }
    .meta { margin: 0.35rem 0 1.2rem; }
    .figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr)); gap: 1rem; margin-bottom: 1.2rem; }
    .figure {
      background: var(--parley-surface); border: 1px solid var(--parley-border); border-radius: 10px; padding: 0.9rem 1.1rem;
    }
    .figure .label { font-size: 0.75rem; text-transform: uppercase; letter-spacing: 0.04em; color: var(--parley-muted); }
    .figure .value { font-size: 1.6rem; font-weight: 600; margin-top: 0.2rem; font-variant-numeric: tabular-nums; }
    .figure .sub { font-size: 0.8rem; }
    .columns { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 1.2rem; align-items: start; }
    section.panel {
      background: var(--parley-surface); border: 1px solid var(--parley-border); border-radius: 10px;
      padding: 1.1rem 1.3rem; margin-bottom: 1.2rem;
    }
    section.panel h2 { font-size: 1.05rem; margin: 0 0 0.3rem; }
    section.panel > p:first-of-type { margin-top: 0; }
    label { color: var(--parley-text); font-weight: 500; }
    .buttons { display: flex; gap: 0.6rem; margin-top: 1rem; flex-wrap: wrap; align-items: center; }
    form button[type=submit] { width: auto; margin-top: 0; }
    .saved { color: #1b6b34; font-size: 0.9rem; }
    .notice { margin-bottom: 1.2rem; }
    .audit-head { display: flex; align-items: baseline; justify-content: space-between; margin: 0.4rem 0 0.6rem; }
    .audit-head h2 { font-size: 1.05rem; margin: 0; }
    .plan-now { font-size: 0.9rem; margin: 0.2rem 0 0.6rem; }
    .plan-row { display: flex; gap: 0.6rem; align-items: flex-end; flex-wrap: wrap; }
    .plan-row > div { flex: 1 1 12rem; }
    .plan-row select { width: 100%; }
    .plan-row button { width: auto; margin-top: 0; white-space: nowrap; }
    @media (max-width: 60rem) { .columns { grid-template-columns: 1fr; } }
  `];

  willUpdate(changed) {
    if (changed.has('tenantId') && this.tenantId) {
      this.tenant = null;
      this.invitation = null;
      this.load();
    }
  }

  async load() {
    try {
      const [tenant, audit] = await Promise.all([
        api(`/api/v1/platform/tenants/${this.tenantId}`),
        api(`/api/v1/platform/audit?tenantId=${this.tenantId}&limit=10`),
      ]);
      this.tenant = tenant;
      this.audit = audit.items;
      this.edit = { name: tenant.name, domains: tenant.domains.join('\n') };
      this.editErrors = {};
      this.error = null;
      this.loadPlan();
    } catch (error) {
      this.error = error.status === 404 ? 'There is no tenant with this id.' : describe(error);
    }
  }

  async loadPlan() {
    try {
      const [plans, current] = await Promise.all([
        api('/api/v1/platform/plans'),
        api(`/api/v1/platform/tenants/${this.tenantId}/plan`),
      ]);
      this.plans = plans;
      this.tenantPlan = current;
      this.planChoice = current.plan.id;
      this.planError = null;
    } catch (error) {
      this.planError = describe(error);
    }
  }

  async savePlan(event) {
    event.preventDefault();
    this.planSaving = true;
    this.planMessage = null;
    this.planError = null;
    try {
      this.tenantPlan = await api(`/api/v1/platform/tenants/${this.tenantId}/plan`, {
        method: 'PUT', body: { planId: this.planChoice },
      });
      this.planMessage = `Now on ${this.tenantPlan.plan.name}.`;
      this.audit = (await api(`/api/v1/platform/audit?tenantId=${this.tenantId}&limit=10`)).items;
    } catch (error) {
      this.planError = describe(error);
    } finally {
      this.planSaving = false;
    }
  }

  renderPlan() {
    const current = this.tenantPlan?.plan;
    const price = (p) => new Intl.NumberFormat(undefined, { style: 'currency', currency: p.currency })
      .format(p.monthlyPrice / 100);
    const seats = (p) => (p.includedOperators == null ? 'unlimited seats'
      : `${p.includedOperators} ${p.includedOperators === 1 ? 'seat' : 'seats'}`);
    return html`
      <section class="panel" aria-labelledby="plan-title">
        <h2 id="plan-title">Plan</h2>
        ${current ? html`
          <p class="plan-now" data-testid="tenant-plan">On <strong>${current.name}</strong> (${price(current)} a month,
            ${seats(current)})${this.tenantPlan.since ? html` since ${dateTime(this.tenantPlan.since)}` : ''}.</p>
          <form class="plan-row" @submit=${this.savePlan} novalidate>
            <div>
              <label for="tenant-plan">Change plan</label>
              <select id="tenant-plan" .value=${this.planChoice}
                  @change=${(e) => { this.planChoice = e.target.value; this.planMessage = null; }}>
                ${(this.plans || []).map((p) => html`<option value=${p.id} ?selected=${p.id === this.planChoice}>
                  ${p.name} · ${price(p)}/month</option>`)}
              </select>
            </div>
            <button type="submit" ?disabled=${this.planSaving || this.planChoice === current.id}>
              ${this.planSaving ? 'Saving…' : 'Save plan'}</button>
          </form>
          <p class="hint">Takes effect at once: seats and features follow the new plan.</p>`
          : this.planError ? '' : html`<p class="muted">Loading plan…</p>`}
        ${this.planMessage ? html`<p class="saved" role="status">${this.planMessage}</p>` : ''}
        ${this.planError ? html`<p class="error" role="alert">${this.planError}</p>` : ''}
      </section>`;
  }

  async save(event) {
    event.preventDefault();
    this.editMessage = null;
    const name = this.edit.name.trim();
    if (!name) {
      this.editErrors = { name: 'Enter the business name.' };
      return;
    }
    this.saving = true;
    try {
      await api(`/api/v1/platform/tenants/${this.tenantId}`, {
        method: 'PATCH', body: { name, domains: hostsFrom(this.edit.domains) },
      });
      await this.load();
      this.editMessage = 'Saved.';
    } catch (error) {
      const fieldOf = (f) => (f?.startsWith('domains') ? 'domains' : f === 'name' ? 'name' : null);
      const { fields, general } = errorsByField(error, fieldOf, describe);
      this.editErrors = general ? { general } : fields;
    } finally {
      this.saving = false;
    }
  }

  async invite(event) {
    event.preventDefault();
    this.inviteError = null;
    this.invitation = null;
    this.copied = false;
    this.inviting = true;
    try {
      this.invitation = await api(`/api/v1/platform/tenants/${this.tenantId}/admin-invitations`, {
        method: 'POST', body: { email: this.inviteEmail.trim() },
      });
      this.inviteEmail = '';
      this.audit = (await api(`/api/v1/platform/audit?tenantId=${this.tenantId}&limit=10`)).items;
    } catch (error) {
      this.inviteError = describe(error);
    } finally {
      this.inviting = false;
    }
  }

  async copy() {
    const input = this.renderRoot.querySelector('#admin-link');
    try {
      await navigator.clipboard.writeText(input.value);
    } catch {
      input.select();
      document.execCommand('copy');
    }
    this.copied = true;
  }

  ask(action) {
    this.pending = action;
    this.actionError = null;
    this.updateComplete.then(() => this.renderRoot.querySelector('#confirm').showModal());
  }

  async confirm() {
    const action = ACTIONS[this.pending];
    this.acting = true;
    this.editMessage = null;
    try {
      const suffix = action.path ? `/${action.path}` : '';
      await api(`/api/v1/platform/tenants/${this.tenantId}${suffix}`, { method: action.method });
      this.renderRoot.querySelector('#confirm').close();
      await this.load();
    } catch (error) {
      this.actionError = describe(error);
    } finally {
      this.acting = false;
    }
  }

  render() {
    const back = html`<a class="back" href="#/tenants">← All tenants</a>`;
    if (this.error) return html`${back}<p class="error" role="alert">${this.error}</p>`;
    if (!this.tenant) return html`${back}<p class="muted">Loading tenant…</p>`;
    const t = this.tenant;
    return html`
      ${back}
      <div class="title">
        <h1>${t.name}</h1>
        <span class="badge ${t.status}" data-testid="tenant-status">${STATUS_LABELS[t.status] || t.status}</span>
      </div>
      <p class="meta muted">${t.slug} · created ${dateTime(t.createdAt)}</p>
      ${this.renderNotice(t)}
      ${this.renderFigures(t)}
      <div class="columns">
        <div>
          ${this.renderEdit()}
          <div class="audit-head">
            <h2>Recent platform activity</h2>
            <a href="#/audit/${t.id}">See all in the audit log</a>
          </div>
          ${this.audit?.length ? html`<parley-platform-audit-table .entries=${this.audit}></parley-platform-audit-table>`
            : html`<p class="muted">No platform actions recorded for this tenant.</p>`}
        </div>
        <div>
          ${this.renderPlan()}
          <parley-tenant-subscription tenant-id=${this.tenantId}
            @subscription-changed=${() => this.loadPlan()}></parley-tenant-subscription>
          ${this.renderInvite(t)}
          ${this.renderLifeCycle(t)}
          <parley-platform-tenant-invoices tenant-id=${t.id}></parley-platform-tenant-invoices>
        </div>
      </div>
      <parley-billing-usage style="margin-top: 1.25rem" .streaming=${false} usage-path="/api/v1/platform/tenants/${this.tenantId}/usage"
        history-path="/api/v1/platform/tenants/${this.tenantId}/usage/history"></parley-billing-usage>
      ${this.renderConfirm(t)}`;
  }

  renderNotice(t) {
    if (t.status === 'SUSPENDED') {
      return html`<p class="notice warning" role="status">Suspended ${t.suspendedAt ? `since ${dateTime(t.suspendedAt)}` : ''}:
        its people cannot sign in and its widget takes no chats. Nothing is lost.</p>`;
    }
    if (t.status === 'DELETED') {
      return html`<p class="notice danger" role="status">Deleted ${t.deletedAt ? `on ${dateTime(t.deletedAt)}` : ''}.
        ${purgeText(t)}</p>`;
    }
    return '';
  }

  renderFigures(t) {
    const a = t.activity || {};
    return html`
      <div class="figures">
        <div class="figure">
          <div class="label">Operators</div>
          <div class="value" data-testid="figure-operators">${a.operators ?? 0}</div>
          <div class="sub muted">active members of the tenant</div>
        </div>
        <div class="figure">
          <div class="label">Conversations this month</div>
          <div class="value" data-testid="figure-conversations">${a.conversationsThisMonth ?? 0}</div>
          <div class="sub muted">since the 1st, UTC</div>
        </div>
        <div class="figure">
          <div class="label">Last activity</div>
          <div class="value" data-testid="figure-last-activity" title=${dateTime(a.lastActivityAt)}>${ago(a.lastActivityAt)}</div>
          <div class="sub muted">last message ${ago(a.lastMessageAt)} · last sign-in ${ago(a.lastSignInAt)}</div>
        </div>
      </div>`;
  }

  renderEdit() {
    const errors = this.editErrors || {};
    return html`
      <section class="panel" aria-labelledby="edit-title">
        <h2 id="edit-title">Details</h2>
        <form @submit=${this.save} novalidate>
          <label for="tenant-name">Business name</label>
          <input id="tenant-name" .value=${this.edit.name} aria-invalid=${errors.name ? 'true' : 'false'}
              @input=${(e) => { this.edit = { ...this.edit, name: e.target.value }; this.editMessage = null; }}>
          ${errors.name ? html`<p class="field-error">${errors.name}</p>` : ''}
          <label for="tenant-domains">Allowed domains</label>
          <textarea id="tenant-domains" rows="3" spellcheck="false" .value=${this.edit.domains}
              aria-invalid=${errors.domains ? 'true' : 'false'}
              @input=${(e) => { this.edit = { ...this.edit, domains: e.target.value }; this.editMessage = null; }}></textarea>
          ${errors.domains ? html`<p class="field-error">${errors.domains}</p>`
            : html`<p class="hint">One host per line, such as example.com or *.example.com.</p>`}
          ${errors.general ? html`<p class="error" role="alert">${errors.general}</p>` : ''}
          <div class="buttons">
            <button type="submit" ?disabled=${this.saving}>${this.saving ? 'Saving…' : 'Save changes'}</button>
            ${this.editMessage ? html`<span class="saved" role="status">${this.editMessage}</span>` : ''}
          </div>
        </form>
      </section>`;
  }

  renderInvite(t) {
    const active = t.status === 'ACTIVE';
    return html`
      <section class="panel" aria-labelledby="invite-title">
        <h2 id="invite-title">Admin invitation</h2>
        <p class="muted hint">A new invitation for a tenant admin, for example when the first one was lost.</p>
        <form @submit=${this.invite} novalidate>
          <label for="invite-email">Admin's email</label>
          <input id="invite-email" type="email" .value=${this.inviteEmail || ''} ?disabled=${!active}
              @input=${(e) => { this.inviteEmail = e.target.value; }}>
          ${active ? '' : html`<p class="hint">Reactivate the tenant before inviting to it.</p>`}
          ${this.inviteError ? html`<p class="error" role="alert">${this.inviteError}</p>` : ''}
          <div class="buttons">
            <button type="submit" ?disabled=${!active || this.inviting || !(this.inviteEmail || '').trim()}>
              ${this.inviting ? 'Sending…' : 'Resend admin invitation'}</button>
          </div>
        </form>
        ${this.invitation ? html`
          <div role="status">
            <p>Parley does not send email yet. <strong>Send this link to the admin</strong> (${this.invitation.email}).</p>
            <label for="admin-link">Invitation link</label>
            <div class="link-box">
              <input id="admin-link" readonly .value=${this.invitation.link} @focus=${(e) => e.target.select()}>
              <button type="button" class="secondary" @click=${this.copy}>${this.copied ? 'Copied' : 'Copy link'}</button>
            </div>
            <p class="hint">Expires ${dateTime(this.invitation.expiresAt)}.</p>
          </div>` : ''}
      </section>`;
  }

  renderLifeCycle(t) {
    if (t.id === DEFAULT_TENANT) {
      return html`
        <section class="panel" aria-labelledby="life-title">
          <h2 id="life-title">Status</h2>
          <p class="muted">The default tenant is the platform's own workspace: it cannot be suspended or deleted.</p>
        </section>`;
    }
    const actions = { ACTIVE: ['suspend', 'delete'], SUSPENDED: ['reactivate', 'delete'], DELETED: ['restore'] }[t.status] || [];
    return html`
      <section class="panel" aria-labelledby="life-title">
        <h2 id="life-title">Status</h2>
        <p class="muted hint">${{
          ACTIVE: 'Active: its people work and its widget takes chats.',
          SUSPENDED: 'Suspended: nobody can use it until it is reactivated.',
          DELETED: purgeText(t),
        }[t.status]}</p>
        <div class="buttons">
          ${actions.map((name) => html`
            <button class=${ACTIONS[name].danger ? 'danger secondary' : 'secondary'} @click=${() => this.ask(name)}>
              ${ACTIONS[name].button}</button>`)}
        </div>
      </section>`;
  }

  renderConfirm(t) {
    const action = ACTIONS[this.pending];
    return html`
      <dialog id="confirm" role="alertdialog" aria-labelledby="confirm-title" aria-describedby="confirm-text">
        ${action ? html`
          <div class="dialog-body">
            <h2 id="confirm-title">${action.title(t)}</h2>
            <div id="confirm-text">${action.explain(t)}</div>
            ${this.actionError ? html`<p class="error" role="alert">${this.actionError}</p>` : ''}
          </div>
          <div class="actions">
            <button type="button" class="secondary" @click=${() => this.renderRoot.querySelector('#confirm').close()}>Cancel</button>
            <button type="button" class=${action.danger ? 'danger' : ''} ?disabled=${this.acting}
                @click=${this.confirm}>${action.confirm}</button>
          </div>` : ''}
      </dialog>`;
  }
}
customElements.define('parley-tenant-detail', TenantDetail);
