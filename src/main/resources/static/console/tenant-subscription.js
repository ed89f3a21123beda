import { LitElement, html, css } from 'lit';
import { api, describe } from './api.js';
import { shared } from './styles.js';
import { day, money, statusLabel } from './billing-subscription.js';

/**
 * The platform owner's view of one tenant's subscription (plan, status, period, pending change, add-ons, coupon) and
 * an override: plan, status and trial end set directly, with nothing prorated; audited.
 */
export class TenantSubscription extends LitElement {
  static properties = {
    tenantId: { type: String, attribute: 'tenant-id' },
    sub: { state: true }, plans: { state: true }, form: { state: true }, error: { state: true },
    message: { state: true }, saving: { state: true },
  };

  static styles = [shared, css`
    section.panel {
      background: var(--parley-surface); border: 1px solid var(--parley-border); border-radius: 10px;
      padding: 1.1rem 1.3rem; margin-bottom: 1.2rem;
    }
    label { color: var(--parley-text); font-weight: 500; }
    h2 { font-size: 1.05rem; margin: 0 0 0.3rem; }
    p { margin: 0.2rem 0 0.6rem; font-size: 0.92rem; }
    .row { display: flex; gap: 0.6rem; align-items: flex-end; flex-wrap: wrap; }
    .row > div { flex: 1 1 10rem; }
    .row button { width: auto; margin-top: 0; white-space: nowrap; }
    .saved { color: #2b5f36; }
    .hint { color: var(--parley-muted); font-size: 0.88rem; }
  `];

  connectedCallback() {
    super.connectedCallback();
    this.load();
  }

  async load() {
    try {
      const [sub, plans] = await Promise.all([
        api(`/api/v1/platform/tenants/${this.tenantId}/subscription`), api('/api/v1/platform/plans')]);
      this.sub = sub;
      this.plans = plans;
      this.form = { planId: sub.planId, status: sub.status, trialEnd: (sub.trialEnd || '').slice(0, 10) };
      this.error = null;
    } catch (error) {
      this.error = describe(error);
    }
  }

  async save(event) {
    event.preventDefault();
    this.saving = true;
    this.message = null;
    this.error = null;
    try {
      const body = { planId: this.form.planId, status: this.form.status };
      if (this.form.status === 'TRIALING' && this.form.trialEnd) body.trialEnd = new Date(`${this.form.trialEnd}T00:00:00Z`).toISOString();
      this.sub = await api(`/api/v1/platform/tenants/${this.tenantId}/subscription`, { method: 'PUT', body });
      this.message = `Subscription set: ${this.sub.planName}, ${statusLabel(this.sub)}.`;
      this.dispatchEvent(new CustomEvent('subscription-changed', { bubbles: true, composed: true }));
    } catch (error) {
      this.error = describe(error);
    } finally {
      this.saving = false;
    }
  }

  render() {
    const s = this.sub;
    const set = (field) => (e) => { this.form = { ...this.form, [field]: e.target.value }; this.message = null; };
    return html`
      <section class="panel" aria-labelledby="subscription-title">
        <h2 id="subscription-title">Subscription</h2>
        ${s ? html`
          <p data-testid="tenant-subscription"><strong>${s.planName}</strong>, ${money(s.price, s.currency)} a
            ${s.interval === 'YEARLY' ? 'year' : 'month'} · ${statusLabel(s)} · period ${day(s.currentPeriodStart)} –
            ${day(s.currentPeriodEnd)}${s.cancelAtPeriodEnd ? ' · ends at the period’s end' : ''}${s.pendingChange
              ? ` · changes to ${s.pendingChange.planName} on ${day(s.pendingChange.effectiveAt)}` : ''}</p>
          <p class="hint">Add-ons: ${s.addOns.length ? s.addOns.map((a) => `${a.name} × ${a.quantity}`).join(', ') : 'none'}
            · Coupon: ${s.coupon ? s.coupon.code : 'none'}</p>
          <form class="row" @submit=${this.save} novalidate>
            <div><label for="override-plan">Plan</label>
              <select id="override-plan" @change=${set('planId')}>
                ${(this.plans || []).map((p) => html`<option value=${p.id} ?selected=${p.id === this.form.planId}>${p.name}</option>`)}
              </select></div>
            <div><label for="override-status">Status</label>
              <select id="override-status" @change=${set('status')}>
                ${['TRIALING', 'ACTIVE', 'PAST_DUE', 'CANCELED'].map((st) => html`
                  <option value=${st} ?selected=${st === this.form.status}>${st.replace('_', ' ').toLowerCase()}</option>`)}
              </select></div>
            ${this.form.status === 'TRIALING' ? html`<div><label for="override-trial">Trial ends</label>
              <input id="override-trial" type="date" .value=${this.form.trialEnd} @input=${set('trialEnd')}></div>` : ''}
            <button type="submit" ?disabled=${this.saving}>${this.saving ? 'Saving…' : 'Override subscription'}</button>
          </form>
          <p class="hint">Applies at once, without proration or an invoice; recorded in the audit trail.</p>`
          : this.error ? '' : html`<p class="muted">Loading subscription…</p>`}
        ${this.message ? html`<p class="saved" role="status">${this.message}</p>` : ''}
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      </section>`;
  }
}

customElements.define('parley-tenant-subscription', TenantSubscription);
