import { LitElement, html, css } from 'lit';
import { api, describe } from './api.js';
import { shared } from './styles.js';

const BRANDS = {
  visa: 'Visa', mastercard: 'Mastercard', amex: 'American Express', discover: 'Discover', diners: 'Diners Club',
  jcb: 'JCB', unionpay: 'UnionPay', cartes_bancaires: 'Cartes Bancaires', eftpos_au: 'eftpos', interac: 'Interac',
};

/** "Visa •••• 4242, expires 12/2030", from what Stripe reported of the card. */
export function cardLabel(method) {
  const brand = BRANDS[method.brand] || (method.brand ? method.brand[0].toUpperCase() + method.brand.slice(1) : 'Card');
  const digits = method.last4 ? ` •••• ${method.last4}` : '';
  const expiry = method.expMonth && method.expYear ? `, expires ${method.expMonth}/${method.expYear}` : '';
  return `${brand}${digits}${expiry}`;
}

/**
 * A tenant admin's payment method: bank transfer (the default) or a card saved with Stripe. The card is typed on
 * Stripe's own Checkout page only; Parley learns brand, last four digits and expiry when Stripe reports the setup.
 * `route` `billing/card-saved` is where Stripe sends the admin back to: the card appears once Stripe confirms it.
 */
export class BillingPayment extends LitElement {
  static properties = {
    route: { type: String },
    method: { state: true }, error: { state: true }, busy: { state: true }, notice: { state: true },
  };

  static styles = [shared, css`
    :host { display: block; }
    .current { display: flex; align-items: center; gap: 0.75rem; flex-wrap: wrap; margin: 0 0 0.9rem; }
    .current strong { font-size: 1.05rem; }
    .badge { display: inline-block; padding: 0.1rem 0.55rem; border-radius: 999px; font-size: 0.78rem; font-weight: 600;
             background: #e7f0ff; color: #1c4fb8; }
    .actions { display: flex; gap: 0.6rem; flex-wrap: wrap; }
    p { margin: 0 0 0.8rem; line-height: 1.45; }
    .hint { color: var(--parley-muted); font-size: 0.9rem; }
    .notice { background: #ebfbee; border: 1px solid #b2f2bb; color: #2b5f36; padding: 0.6rem 0.9rem; border-radius: 8px; }
    .off { background: #fff8e6; border: 1px solid #f0c36d; color: #5c4200; padding: 0.6rem 0.9rem; border-radius: 8px; }
    .error { margin: 0.8rem 0 0; }
  `];

  constructor() {
    super();
    this.route = '';
    this.busy = false;
    this.polls = 0;
  }

  connectedCallback() {
    super.connectedCallback();
    if (this.route === 'billing/card-saved') this.notice = 'Stripe has your card; it shows here as soon as Stripe confirms it.';
    if (this.route === 'billing/card-cancelled') this.notice = 'No card was added; invoices stay on bank transfer.';
    this.load();
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.timer);
  }

  async load() {
    try {
      this.method = await api('/api/v1/billing/payment-method');
      this.error = null;
      if (this.route === 'billing/card-saved' && this.method.provider === 'stripe') {
        this.notice = 'Card saved: each invoice is charged to it from now on.';
      }
      // Back from Stripe before its webhook arrived: look again a few times.
      if (this.route === 'billing/card-saved' && this.method.provider !== 'stripe' && this.polls < 10) {
        this.polls += 1;
        this.timer = setTimeout(() => this.load(), 1500);
      }
    } catch (error) {
      this.error = describe(error);
    }
  }

  async addCard() {
    this.busy = true;
    this.error = null;
    try {
      const { url } = await api('/api/v1/billing/payment-method/checkout', { method: 'POST' });
      window.location.assign(url);
    } catch (error) {
      this.error = describe(error);
      this.busy = false;
    }
  }

  async removeCard() {
    this.busy = true;
    this.error = null;
    try {
      this.method = await api('/api/v1/billing/payment-method', { method: 'DELETE' });
      this.notice = 'The card is removed; invoices are paid by bank transfer.';
    } catch (error) {
      this.error = describe(error);
    } finally {
      this.busy = false;
    }
  }

  render() {
    const m = this.method;
    if (!m) return html`${this.error ? html`<p class="error" role="alert">${this.error}</p>` : html`<p class="hint">Loading…</p>`}`;
    const card = m.provider === 'stripe';
    return html`
      ${this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : ''}
      <div class="current" data-testid="payment-method">
        <strong>${card ? cardLabel(m) : 'Bank transfer (manual)'}</strong>
        ${card ? html`<span class="badge">Charged automatically</span>` : ''}
      </div>
      <p class="hint">${card
        ? 'Each invoice is charged to this card through Stripe when it is issued.'
        : 'Each invoice is paid by bank transfer, with the invoice number as the reference.'}</p>
      ${m.stripeEnabled ? html`
        <div class="actions">
          <button @click=${this.addCard} ?disabled=${this.busy}>${card ? 'Replace card' : 'Add card with Stripe'}</button>
          ${card ? html`<button class="secondary" @click=${this.removeCard} ?disabled=${this.busy}>Remove card</button>` : ''}
        </div>` : html`
        <p class="off" data-testid="stripe-off">Card payments are not available: Stripe is not set up on this installation.</p>
        ${card ? html`<div class="actions"><button class="secondary" @click=${this.removeCard} ?disabled=${this.busy}>Remove card</button></div>` : ''}`}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
    `;
  }
}

customElements.define('parley-billing-payment', BillingPayment);
