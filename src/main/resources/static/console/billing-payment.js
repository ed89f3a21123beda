import { LitElement, html } from 'lit';
import { shared } from './styles.js';

/** The Billing page's payment section (being built). */
export class BillingPayment extends LitElement {
  static properties = { me: { type: Object } };
  static styles = [shared];

  reload() {}

  render() {
    return html``;
  }
}

customElements.define('parley-billing-payment', BillingPayment);
