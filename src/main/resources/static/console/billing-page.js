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
    :host { display: block; padding: 1.5rem; max-width: 78rem; margin: 0 auto; box-sizing: border-box; }
    h1 { margin: 0 0 1rem; }
    .sections { display: grid; gap: 1.25rem; }
  `];

  constructor() {
    super();
    this.addEventListener('billing-changed', () => {
      for (const section of this.renderRoot.querySelectorAll('.sections > *')) section.reload?.();
    });
  }

  render() {
    return html`
      <h1>Billing</h1>
      <div class="sections">
        <parley-billing-subscription .me=${this.me} .route=${this.route}></parley-billing-subscription>
        <parley-billing-usage .me=${this.me}></parley-billing-usage>
        <parley-billing-invoices .me=${this.me}></parley-billing-invoices>
        <parley-billing-payment .me=${this.me}></parley-billing-payment>
      </div>`;
  }
}

customElements.define('parley-billing-page', BillingPage);
