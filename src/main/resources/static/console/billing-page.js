import { LitElement, html, css } from 'lit';
import { shared } from './styles.js';
import './billing-payment.js';

/** A tenant admin's billing: one section per subject (the payment method so far). */
export class BillingPage extends LitElement {
  static properties = { me: { type: Object }, route: { type: String } };

  static styles = [shared, css`
    :host { display: block; padding: 1.5rem 2rem 2rem; max-width: 60rem; margin: 0 auto; box-sizing: border-box; }
    h1 { margin: 0 0 1.2rem; }
    section {
      background: var(--parley-surface); border: 1px solid var(--parley-border); border-radius: 10px;
      padding: 1.1rem 1.5rem; margin: 0 0 1rem; box-shadow: 0 1px 4px rgb(0 0 0 / 4%);
    }
    h2 { font-size: 1.05rem; margin: 0 0 0.75rem; }
  `];

  render() {
    return html`
      <h1>Billing</h1>
      <section aria-labelledby="payment-method-heading">
        <h2 id="payment-method-heading">Payment method</h2>
        <parley-billing-payment .route=${this.route || ''}></parley-billing-payment>
      </section>
    `;
  }
}

customElements.define('parley-billing-page', BillingPage);
