import { LitElement, html } from 'lit';
import { shared } from './styles.js';

/** The Billing page's subscription section (being built). */
export class BillingSubscription extends LitElement {
  static properties = { me: { type: Object } };
  static styles = [shared];

  reload() {}

  render() {
    return html``;
  }
}

customElements.define('parley-billing-subscription', BillingSubscription);
