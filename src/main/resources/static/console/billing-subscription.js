import { LitElement, html, css } from 'lit';
import { api, describe } from './api.js';
import { shared } from './styles.js';

/** An amount in minor units, shown in its currency: 2900 EUR → "€29.00". */
export function money(minor, currency) {
  const format = new Intl.NumberFormat(undefined, { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits;
  return format.format(minor / 10 ** digits);
}

export function day(iso) {
  return iso ? new Date(iso).toLocaleDateString(undefined, { dateStyle: 'medium' }) : '';
}

const INTERVAL = { MONTHLY: 'month', YEARLY: 'year' };

/** Feature keys in words; a key without a name here is shown as it is. */
const FEATURES = {
  'analytics.basic': 'Basic analytics', 'analytics.professional': 'Professional analytics',
  'analytics.advanced': 'Advanced analytics', branding: 'Your branding', 'widget.customisation': 'Widget customisation',
  webhooks: 'Webhooks', priority_support: 'Priority support', sla: 'SLA', 'ai-chatbot': 'AI chatbot',
  'multi-language': 'Multi-language',
};

/** A plan's (or add-on's) price for one period of the interval, and per month for comparing plans. */
const priceOf = (p, interval) => (interval === 'YEARLY' ? p.yearlyPrice : p.monthlyPrice);
const monthly = (p, interval) => (interval === 'YEARLY' ? Math.floor(p.yearlyPrice / 12) : p.monthlyPrice);

/** What to do about a limit a downgrade is over: "Remove 2 members or pending invitations", "Free 350 MB of storage". */
export function remedy(v) {
  const over = v.used - v.allowed;
  switch (v.limit) {
    case 'seats': return `Remove ${over} ${over === 1 ? 'member or pending invitation' : 'members or pending invitations'}`;
    case 'storage': return `Free ${Math.ceil(over / (1024 * 1024))} MB of storage`;
    default: return `Use ${over} less of ${v.limit}`;
  }
}

/** "Trial ends 17 Dec 2026", "Active", "Past due", "Canceled". */
export function statusLabel(s) {
  switch (s.status) {
    case 'TRIALING': return `Trial ends ${day(s.trialEnd)}`;
    case 'PAST_DUE': return 'Past due';
    case 'CANCELED': return 'Canceled';
    default: return 'Active';
  }
}

/**
 * The Billing page's subscription section: the plan and its status, the period, plan cards to upgrade or downgrade
 * (each previewed and confirmed first: what is due now, or when the change happens), monthly or yearly, a pending
 * change or cancellation to take back, cancelling, add-ons and a coupon. Fires `billing-changed` after a change.
 */
export class BillingSubscription extends LitElement {
  static properties = {
    me: { type: Object },
    sub: { state: true }, interval: { state: true }, error: { state: true }, notice: { state: true },
    busy: { state: true }, preview: { state: true }, previewError: { state: true }, confirmCancel: { state: true },
    coupon: { state: true }, couponError: { state: true }, addOnError: { state: true },
  };

  static styles = [shared, css`
    :host { display: block; }
    section.panel {
      background: var(--parley-surface); border: 1px solid var(--parley-border); border-radius: 10px;
      padding: 1.1rem 1.5rem; box-shadow: 0 1px 4px rgb(0 0 0 / 4%);
    }
    h2 { font-size: 1.05rem; margin: 0 0 0.75rem; }
    h3 { font-size: 0.95rem; margin: 1.2rem 0 0.5rem; }
    p { margin: 0 0 0.6rem; line-height: 1.45; }
    .summary { display: flex; align-items: center; gap: 0.75rem; flex-wrap: wrap; margin-bottom: 0.4rem; }
    .summary strong { font-size: 1.1rem; }
    .badge { display: inline-block; padding: 0.1rem 0.6rem; border-radius: 999px; font-size: 0.78rem; font-weight: 600;
             background: #ebfbee; color: #2b5f36; }
    .badge.TRIALING { background: #e7f0ff; color: #1c4fb8; }
    .badge.PAST_DUE { background: #fff4e6; color: #a14a00; }
    .badge.CANCELED { background: #fdecec; color: #a61e1e; }
    .hint { color: var(--parley-muted); font-size: 0.9rem; }
    .notice { background: #ebfbee; border: 1px solid #b2f2bb; color: #2b5f36; padding: 0.6rem 0.9rem; border-radius: 8px; }
    .pending { background: #fff8e6; border: 1px solid #f0c36d; color: #5c4200; padding: 0.6rem 0.9rem; border-radius: 8px;
               display: flex; gap: 0.8rem; align-items: center; flex-wrap: wrap; }
    .pending span { flex: 1 1 16rem; }
    .toggle { display: inline-flex; border: 1px solid var(--parley-border); border-radius: 8px; overflow: hidden; margin: 0.3rem 0 0.8rem; }
    .toggle label { margin: 0; padding: 0.35rem 0.9rem; cursor: pointer; color: inherit; font-size: 0.9rem; }
    .toggle input { position: absolute; opacity: 0; width: 1px; height: 1px; }
    .toggle label.on { background: var(--parley-primary); color: white; }
    .plans { display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: 0.8rem; }
    .plan { border: 1px solid var(--parley-border); border-radius: 10px; padding: 0.9rem 1rem; display: flex;
            flex-direction: column; gap: 0.35rem; }
    .plan.current { border-color: var(--parley-primary); box-shadow: 0 0 0 1px var(--parley-primary) inset; }
    .plan h4 { margin: 0; font-size: 1rem; }
    .plan .price { font-size: 1.15rem; font-weight: 600; }
    .plan ul { margin: 0.2rem 0 0.5rem; padding-left: 1.1rem; font-size: 0.88rem; color: var(--parley-muted); }
    .plan button { margin-top: auto; }
    .confirm { border: 1px solid var(--parley-primary); border-radius: 10px; padding: 0.9rem 1.1rem; margin-top: 0.9rem; }
    .confirm table { border-collapse: collapse; margin: 0.4rem 0 0.7rem; font-size: 0.92rem; }
    .confirm td { padding: 0.2rem 1rem 0.2rem 0; }
    .confirm td.amount { text-align: right; font-variant-numeric: tabular-nums; }
    .confirm tr.total td { border-top: 1px solid var(--parley-border); font-weight: 600; }
    .actions { display: flex; gap: 0.6rem; flex-wrap: wrap; margin-top: 0.5rem; }
    .addons { list-style: none; padding: 0; margin: 0; display: grid; gap: 0.45rem; }
    .addons label { display: flex; gap: 0.6rem; align-items: baseline; margin: 0; color: inherit; font-size: 0.95rem; }
    .addons input { width: auto; }
    .addons .hint { font-size: 0.85rem; }
    form.coupon { display: flex; gap: 0.6rem; align-items: flex-end; flex-wrap: wrap; }
    form.coupon > div { flex: 0 1 16rem; }
    form.coupon button { width: auto; margin-top: 0; }
    .blockers { color: var(--parley-danger); }
    .blockers strong { display: block; }
    .warnings { background: #fff8e6; border: 1px solid #f0c36d; color: #5c4200; padding: 0.5rem 0.9rem; border-radius: 8px; }
    .warnings ul { margin: 0.3rem 0 0; padding-left: 1.1rem; }
    .addons input.quantity { width: 4.5rem; padding: 0.2rem 0.4rem; }
    .addons .units { display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap; }
  `];

  constructor() {
    super();
    this.busy = false;
    this.coupon = '';
  }

  connectedCallback() {
    super.connectedCallback();
    this.load();
  }

  reload() {
    return this.load();
  }

  async load() {
    try {
      this.sub = await api('/api/v1/billing/subscription');
      if (!this.interval) this.interval = this.sub.interval;
      this.error = null;
    } catch (error) {
      this.error = describe(error);
    }
  }

  changed(notice) {
    this.notice = notice;
    this.preview = null;
    this.dispatchEvent(new CustomEvent('billing-changed', { bubbles: true, composed: true }));
  }

  async run(work) {
    this.busy = true;
    this.error = null;
    try {
      await work();
    } catch (error) {
      this.error = describe(error);
    } finally {
      this.busy = false;
    }
  }

  async ask(plan) {
    this.notice = null;
    this.previewError = null;
    this.preview = null;
    if (this.sub.status === 'CANCELED') {
      this.preview = { reactivate: true, planId: plan.id, planName: plan.name, interval: this.interval };
      return;
    }
    try {
      this.preview = await api('/api/v1/billing/subscription/preview', {
        method: 'POST', body: { planId: plan.id, interval: this.interval },
      });
    } catch (error) {
      this.previewError = describe(error);
    }
  }

  confirmChange() {
    const p = this.preview;
    return this.run(async () => {
      if (p.reactivate) {
        this.sub = await api('/api/v1/billing/subscription/reactivate', {
          method: 'POST', body: { planId: p.planId, interval: p.interval },
        });
        this.changed(`Welcome back: your subscription is active on ${p.planName}.`);
        return;
      }
      const answer = await api('/api/v1/billing/subscription', {
        method: 'PUT', body: { planId: p.planId, interval: p.interval },
      });
      this.sub = answer.subscription;
      this.changed(answer.change.timing === 'NOW' ? `Now on ${p.planName}.`
        : `${p.planName} starts on ${day(answer.change.effectiveAt)}.`);
    });
  }

  resume() {
    return this.run(async () => {
      this.sub = await api('/api/v1/billing/subscription/resume', { method: 'POST' });
      this.changed('Your subscription continues as it is.');
    });
  }

  cancel() {
    return this.run(async () => {
      this.sub = await api('/api/v1/billing/subscription/cancel', { method: 'POST' });
      this.confirmCancel = false;
      this.changed('Cancellation scheduled; you can resume until the subscription ends.');
    });
  }

  async toggleAddOn(addOn, on) {
    this.addOnError = null;
    this.busy = true;
    try {
      this.sub = on
        ? await api(`/api/v1/billing/subscription/add-ons/${addOn.id}`, { method: 'PUT', body: { quantity: 1 } })
        : await api(`/api/v1/billing/subscription/add-ons/${addOn.id}`, { method: 'DELETE' });
      this.changed(on ? `${addOn.name} added.` : `${addOn.name} removed.`);
    } catch (error) {
      this.addOnError = describe(error);
      await this.load();
    } finally {
      this.busy = false;
    }
  }

  async setQuantity(event, addOn) {
    event.preventDefault();
    this.addOnError = null;
    const quantity = Number(event.target.querySelector('input').value);
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > addOn.maxQuantity) {
      this.addOnError = `${addOn.name}: enter a whole number of units from 1 to ${addOn.maxQuantity}.`;
      return;
    }
    this.busy = true;
    try {
      this.sub = await api(`/api/v1/billing/subscription/add-ons/${addOn.id}`, { method: 'PUT', body: { quantity } });
      this.changed(`${addOn.name}: ${quantity} ${quantity === 1 ? 'unit' : 'units'}.`);
    } catch (error) {
      this.addOnError = describe(error);
      await this.load();
    } finally {
      this.busy = false;
    }
  }

  async applyCoupon(event) {
    event.preventDefault();
    this.couponError = null;
    if (!this.coupon.trim()) {
      this.couponError = 'Enter a coupon code.';
      return;
    }
    this.busy = true;
    try {
      this.sub = await api('/api/v1/billing/subscription/coupon', { method: 'POST', body: { code: this.coupon.trim() } });
      this.coupon = '';
      this.changed(`Coupon ${this.sub.coupon.code} applied.`);
    } catch (error) {
      this.couponError = describe(error);
    } finally {
      this.busy = false;
    }
  }

  render() {
    const s = this.sub;
    return html`
      <section class="panel" aria-labelledby="subscription-heading">
        <h2 id="subscription-heading">Subscription</h2>
        ${s ? this.renderBody(s) : html`<p class="hint">${this.error ? '' : 'Loading…'}</p>`}
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      </section>`;
  }

  renderBody(s) {
    const canceled = s.status === 'CANCELED';
    return html`
      ${this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : ''}
      <div class="summary" data-testid="subscription-current">
        <strong>${s.planName}</strong>
        <span>${money(s.price, s.currency)} a ${INTERVAL[s.interval]}</span>
        <span class="badge ${s.status}" data-testid="subscription-status">${statusLabel(s)}</span>
      </div>
      <p class="hint" data-testid="subscription-period">${canceled
        ? `Canceled on ${day(s.canceledAt)}. Choose a plan below to subscribe again.`
        : s.status === 'TRIALING' ? `Free until ${day(s.trialEnd)}; then billed every ${INTERVAL[s.interval]}.`
          : `Current period: ${day(s.currentPeriodStart)} – ${day(s.currentPeriodEnd)}.`}</p>
      ${this.renderPending(s)}
      <h3>Plans</h3>
      <div class="toggle" role="radiogroup" aria-label="Billing interval">
        ${['MONTHLY', 'YEARLY'].map((i) => html`
          <label class=${this.interval === i ? 'on' : ''}>
            <input type="radio" name="interval" .checked=${this.interval === i}
              @change=${() => { this.interval = i; this.preview = null; }}>${i === 'MONTHLY' ? 'Monthly' : 'Yearly'}</label>`)}
      </div>
      <div class="plans">${s.plans.map((p) => this.renderPlan(s, p))}</div>
      ${this.previewError ? html`<p class="error" role="alert">${this.previewError}</p>` : ''}
      ${this.preview ? this.renderConfirm(s, this.preview) : ''}
      ${this.renderAddOns(s)}
      ${this.renderCoupon(s)}
      ${canceled || s.cancelAtPeriodEnd ? '' : html`
        <h3>Cancel</h3>
        ${this.confirmCancel ? html`
          <div class="confirm" role="group" aria-label="Confirm cancellation">
            <p>Cancel the subscription? It stays as it is until ${day(s.status === 'TRIALING' ? s.trialEnd : s.currentPeriodEnd)}
               and ends then; you can resume it until that day.</p>
            <div class="actions">
              <button @click=${this.cancel} ?disabled=${this.busy}>Yes, cancel subscription</button>
              <button class="secondary" @click=${() => { this.confirmCancel = false; }}>Keep subscription</button>
            </div>
          </div>` : html`
          <button class="secondary" @click=${() => { this.confirmCancel = true; this.notice = null; }}>
            Cancel subscription</button>`}`}
    `;
  }

  renderPending(s) {
    if (s.cancelAtPeriodEnd) {
      return html`<div class="pending" data-testid="pending-change">
        <span>Your subscription ends on ${day(s.status === 'TRIALING' ? s.trialEnd : s.currentPeriodEnd)}.</span>
        <button @click=${this.resume} ?disabled=${this.busy}>Resume</button></div>`;
    }
    if (s.pendingChange) {
      const p = s.pendingChange;
      return html`<div class="pending" data-testid="pending-change">
        <span>Changes to ${p.planName} (${p.interval === 'YEARLY' ? 'yearly' : 'monthly'}) on ${day(p.effectiveAt)}.</span>
        <button @click=${this.resume} ?disabled=${this.busy}>Resume current plan</button></div>`;
    }
    return '';
  }

  renderPlan(s, p) {
    const current = p.id === s.planId && this.interval === s.interval && s.status !== 'CANCELED';
    const up = monthly(p, this.interval) > monthly(s.plans.find((x) => x.current) || p, s.interval);
    const action = s.status === 'CANCELED' ? 'Subscribe'
      : p.id === s.planId ? `Switch to ${this.interval === 'YEARLY' ? 'yearly' : 'monthly'}`
        : up ? 'Upgrade' : 'Downgrade';
    const seats = p.includedOperators == null ? 'Unlimited seats'
      : `${p.includedOperators} ${p.includedOperators === 1 ? 'seat' : 'seats'}`;
    const conversations = p.includedConversations == null ? 'Unlimited conversations'
      : `${p.includedConversations.toLocaleString()} conversations a month`;
    return html`
      <article class="plan ${current ? 'current' : ''}" data-plan=${p.id} aria-label=${p.name}>
        <h4>${p.name}</h4>
        <div class="price">${money(priceOf(p, this.interval), p.currency)}
          <span class="hint">/ ${INTERVAL[this.interval]}</span></div>
        <ul>
          <li>${seats}</li>
          <li>${conversations}</li>
          ${p.features.map((f) => html`<li>${FEATURES[f] || f}</li>`)}
        </ul>
        ${current ? html`<button disabled>Current plan</button>`
          : html`<button class=${up || s.status === 'CANCELED' ? '' : 'secondary'} ?disabled=${this.busy}
              aria-label="${action} ${action.startsWith('Switch') ? '' : `to ${p.name}`}"
              @click=${() => this.ask(p)}>${action}</button>`}
      </article>`;
  }

  renderConfirm(s, p) {
    if (p.reactivate) {
      const plan = s.plans.find((x) => x.id === p.planId);
      return html`<div class="confirm" role="group" aria-label="Confirm change" data-testid="plan-change-confirm">
        <p>Subscribe to <strong>${p.planName}</strong> again from today: ${money(priceOf(plan, p.interval), s.currency)}
           is due now for the first ${INTERVAL[p.interval]}.</p>
        <div class="actions">
          <button @click=${this.confirmChange} ?disabled=${this.busy}>Confirm subscription</button>
          <button class="secondary" @click=${() => { this.preview = null; }}>Back</button>
        </div></div>`;
    }
    const blocked = p.blockers.length > 0;
    const warnings = p.warnings || [];
    return html`
      <div class="confirm" role="group" aria-label="Confirm change" data-testid="plan-change-confirm">
        ${blocked ? html`
          <p class="blockers" role="alert">You cannot move to ${p.planName} yet:</p>
          <ul class="blockers" data-testid="downgrade-blockers">${p.blockers.map((b) => html`<li data-limit=${b.limit}>
            <strong>${remedy(b)}</strong>${b.message}</li>`)}</ul>`
        : p.timing === 'NOW' && p.lines.length ? html`
          <p>Move to <strong>${p.planName}</strong> now. Your next invoice adds:</p>
          <table>
            ${p.lines.map((l) => html`<tr><td>${l.description}</td><td class="amount">${money(l.amount, l.currency)}</td></tr>`)}
            <tr class="total"><td>${p.amountDue >= 0 ? 'Amount due now' : 'Credit'}</td>
              <td class="amount" data-testid="amount-due">${money(Math.abs(p.amountDue), p.currency)}</td></tr>
          </table>`
        : p.timing === 'NOW' ? html`
          <p>Move to <strong>${p.planName}</strong> now. Nothing to pay during your trial; it continues on the new plan.</p>`
        : html`
          <p>Your plan changes to <strong>${p.planName}</strong> on ${day(p.effectiveAt)}, at the end of the current
             period; until then everything stays as it is.</p>`}
        ${warnings.length ? html`<div class="warnings" data-testid="downgrade-warnings">
          <strong>What stops working on ${p.planName}</strong> (this does not stop the change):
          <ul>${warnings.map((w) => html`<li data-feature=${w.feature}>${w.message}</li>`)}</ul></div>` : ''}
        <div class="actions">
          ${blocked ? '' : html`<button @click=${this.confirmChange} ?disabled=${this.busy}>
            ${p.upgrade ? 'Confirm upgrade' : 'Confirm change'}</button>`}
          <button class="secondary" @click=${() => { this.preview = null; }}>Back</button>
        </div>
      </div>`;
  }

  renderAddOns(s) {
    if (!s.availableAddOns.length) return '';
    return html`
      <h3>Add-ons</h3>
      <ul class="addons">
        ${s.availableAddOns.map((a) => html`<li>
          <label>
            <input type="checkbox" .checked=${a.quantity > 0} ?disabled=${this.busy || s.status === 'CANCELED'}
              @change=${(e) => this.toggleAddOn(a, e.target.checked)}>
            <span>${a.name} — ${money(priceOf(a, s.interval), a.currency)} a ${INTERVAL[s.interval]}${a.maxQuantity > 1
              ? ' per unit' : ''}${a.quantity > 1 ? html` × ${a.quantity}` : ''}</span>
          </label>
          ${a.maxQuantity > 1 && a.quantity > 0 ? html`<form class="units" novalidate
              @submit=${(e) => this.setQuantity(e, a)}>
            <label for="units-${a.id}" class="hint">Units (1–${a.maxQuantity})</label>
            <input id="units-${a.id}" class="quantity" type="number" min="1" max=${a.maxQuantity} step="1"
              .value=${String(a.quantity)} ?disabled=${this.busy || s.status === 'CANCELED'}
              aria-label="${a.name} units">
            <button type="submit" class="secondary" ?disabled=${this.busy || s.status === 'CANCELED'}>Update units</button>
            ${a.storageMb ? html`<span class="hint">${(a.storageMb * a.quantity / 1024).toLocaleString()} GB in all</span>` : ''}
          </form>` : ''}
          <div class="hint">${a.description}</div>
        </li>`)}
      </ul>
      <p class="hint">Added mid-period, an add-on is charged for the rest of the period; removed, the rest is credited.</p>
      ${this.addOnError ? html`<p class="error" role="alert">${this.addOnError}</p>` : ''}`;
  }

  renderCoupon(s) {
    const c = s.coupon;
    const value = c && (c.percentOffBasisPoints != null ? `${c.percentOffBasisPoints / 100} % off`
      : `${money(c.amountOff, c.currency)} off`);
    const length = c && (c.duration === 'ONCE' ? 'for one invoice'
      : c.duration === 'FOREVER' ? 'on every invoice' : `for ${c.durationPeriods} invoices`);
    return html`
      <h3>Coupon</h3>
      ${c ? html`<p data-testid="coupon">${c.code} (${c.name}): ${value} ${length}, from ${day(c.firstPeriodStart)}.</p>`
        : s.status === 'CANCELED' ? '' : html`
        <form class="coupon" @submit=${this.applyCoupon} novalidate>
          <div>
            <label for="coupon-code">Coupon code</label>
            <input id="coupon-code" .value=${this.coupon} @input=${(e) => { this.coupon = e.target.value; }}
              autocomplete="off">
          </div>
          <button type="submit" ?disabled=${this.busy}>Apply coupon</button>
        </form>`}
      ${this.couponError ? html`<p class="error" role="alert">${this.couponError}</p>` : ''}`;
  }
}

customElements.define('parley-billing-subscription', BillingSubscription);
