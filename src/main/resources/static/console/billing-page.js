import { LitElement, html, css } from 'lit';
import { shared } from './styles.js';
import './billing-subscription.js';
import './billing-usage.js';
import './billing-invoices.js';
import './billing-payment.js';

/**
 * The tenant admin's Billing page: the subscription (plan, interval, add-ons, coupon, plan changes), live usage of
 * the period with history, invoices and billing details, and the payment method. Each section is its own element;
 * a section that changes the subscription fires `billing-changed`, and the page tells the others to reload.
 */
export class BillingPage extends LitElement {
  static properties = { me: { type: Object }, route: { type: String } };

  static styles = [shared, css`
    :host { display: block; padding: 1.5rem 2rem 2rem; max-width: 78rem; margin: 0 auto; box-sizing: border-box; }
    h1 { margin: 0 0 1.2rem; }
    .sections { display: grid; gap: 1.25rem; }
    section.panel {
      background: var(--parley-surface); border: 1px solid var(--parley-border); border-radius: 10px;
      padding: 1.1rem 1.5rem; box-shadow: 0 1px 4px rgb(0 0 0 / 4%);
    }
    section.panel > h2 { font-size: 1.05rem; margin: 0 0 0.75rem; }
  `];

  constructor() {
    super();
    this.addEventListener('billing-changed', () => {
      for (const section of this.renderRoot.querySelectorAll('.sections > *, .sections > section > *')) {
        section.reload?.();
      }
    });
  }

  render() {
    return html`
      <h1>Billing</h1>
      <div class="sections">
        <parley-billing-subscription .me=${this.me} .route=${this.route || ''}></parley-billing-subscription>
        <parley-billing-usage .me=${this.me}></parley-billing-usage>
        <parley-billing-invoices .me=${this.me}></parley-billing-invoices>
        <section class="panel" aria-labelledby="payment-method-heading">
          <h2 id="payment-method-heading">Payment method</h2>
          <parley-billing-payment .route=${this.route || ''}></parley-billing-payment>
        </section>
      </div>`;
  }
}

customElements.define('parley-billing-page', BillingPage);
