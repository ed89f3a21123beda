import { LitElement, html, css } from 'lit';
import { api, describe } from './api.js';
import { shared } from './styles.js';
import { STATUS, downloadPdf, invoiceStyles, money, period } from './invoice-format.js';

/**
 * The Billing page's invoices and billing details (tenant admins): every issued invoice and credit note with its
 * status, a PDF download, "Pay now" for an open invoice whose card payment failed, and the details invoices are
 * addressed to (company, address, country, VAT id, tax rate, the email they are sent to). A credit balance (credit
 * notes and carried-forward credit) is shown above the table; the next invoice uses it.
 */
export class BillingInvoices extends LitElement {
  static properties = {
    me: { type: Object },
    invoices: { state: true }, balances: { state: true }, profile: { state: true }, error: { state: true }, profileError: { state: true },
    saved: { state: true }, busy: { state: true }, notice: { state: true },
  };

  static styles = [shared, invoiceStyles, css`
    :host { display: grid; gap: 1.25rem; }
    section.panel {
      background: var(--parley-surface); border: 1px solid var(--parley-border); border-radius: 10px;
      padding: 1.1rem 1.5rem; box-shadow: 0 1px 4px rgb(0 0 0 / 4%);
    }
    section.panel > h2 { font-size: 1.05rem; margin: 0 0 0.75rem; }
    form.details { display: grid; grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr)); gap: 0.8rem 1rem; }
    form.details label { display: grid; gap: 0.25rem; font-size: 0.88rem; font-weight: 600; }
    form.details .wide { grid-column: 1 / -1; }
    form.details .buttons { grid-column: 1 / -1; display: flex; gap: 0.75rem; align-items: center; }
    form.details .buttons button { width: auto; flex: 0 0 auto; }
    p.balance { margin: 0 0 0.75rem; font-weight: 600; }
  `];

  connectedCallback() {
    super.connectedCallback();
    this.reload();
  }

  reload() {
    this.loadInvoices();
    this.loadProfile();
  }

  async loadInvoices() {
    try {
      const [invoices, balance] = await Promise.all([api('/api/v1/billing/invoices'), api('/api/v1/billing/balance')]);
      this.invoices = invoices.items;
      this.balances = balance.balances;
      this.error = null;
    } catch (error) {
      this.error = describe(error);
    }
  }

  async loadProfile() {
    try {
      this.profile = await api('/api/v1/billing/profile');
    } catch (error) {
      this.profileError = describe(error);
    }
  }

  async download(invoice) {
    try {
      await downloadPdf(`/api/v1/billing/invoices/${invoice.id}/pdf`, `${invoice.number}.pdf`);
    } catch (error) {
      this.error = error.message;
    }
  }

  async pay(invoice) {
    this.busy = true;
    this.notice = null;
    try {
      const paid = await api(`/api/v1/billing/invoices/${invoice.id}/pay`, { method: 'POST' });
      this.notice = paid.status === 'PAID' ? `Invoice ${paid.number} is paid.` : `Payment of ${paid.number} is being processed.`;
      this.error = null;
      this.dispatchEvent(new CustomEvent('billing-changed', { bubbles: true, composed: true }));
    } catch (error) {
      this.error = describe(error);
    } finally {
      this.busy = false;
      this.loadInvoices();
    }
  }

  async saveProfile(event) {
    event.preventDefault();
    const form = new FormData(event.target);
    const body = Object.fromEntries(['billingEmail', 'companyName', 'address', 'country', 'vatId']
      .map((k) => [k, form.get(k)?.trim() || null]));
    const rate = form.get('taxRate')?.trim();
    body.taxRate = rate ? Number(rate) : 0;
    this.saved = false;
    try {
      this.profile = await api('/api/v1/billing/profile', { method: 'PUT', body });
      this.profileError = null;
      this.saved = true;
    } catch (error) {
      this.profileError = describe(error);
    }
  }

  render() {
    return html`
      <section class="panel" aria-labelledby="invoices-heading">
        <h2 id="invoices-heading">Invoices</h2>
        ${this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : ''}
        ${this.balances?.length ? html`<p class="balance" data-testid="credit-balance">Credit balance:
          ${this.balances.map((b) => money(b.amount, b.currency)).join(', ')}, applied to your next invoice.</p>` : ''}
        ${this.renderInvoices()}
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      </section>
      <section class="panel" aria-labelledby="billing-details-heading">
        <h2 id="billing-details-heading">Invoice address and tax</h2>
        ${this.renderProfile()}
      </section>`;
  }

  renderInvoices() {
    if (!this.invoices) return html`<p class="hint">Loading…</p>`;
    if (!this.invoices.length) return html`<p class="hint">No invoices yet: the first one comes at the end of your first billing period.</p>`;
    return html`
      <table data-testid="invoices">
        <thead><tr><th>Number</th><th>Period</th><th class="amount">Total</th><th>Status</th><th></th></tr></thead>
        <tbody>${this.invoices.map((i) => html`
          <tr data-number=${i.number}>
            <td>${i.kind === 'CREDIT_NOTE' ? 'Credit note ' : ''}${i.number}</td>
            <td>${period(i)}</td>
            <td class="amount">${money(i.total, i.currency)}${i.appliedBalance ? html`<br><span class="hint"
              data-testid="applied-balance">${money(-i.appliedBalance, i.currency)} from your credit balance,
              ${money(i.amountDue, i.currency)} due</span>` : ''}</td>
            <td><span class="status ${i.status}">${STATUS[i.status] || i.status}</span>
              ${i.status === 'OPEN' && i.overdue ? html`<span class="overdue">overdue</span>` : ''}</td>
            <td><div class="row-actions">
              ${i.status === 'OPEN' && i.lastPaymentError ? html`
                <button ?disabled=${this.busy} @click=${() => this.pay(i)}
                  title=${`The card payment failed: ${i.lastPaymentError}`}>Pay now</button>` : ''}
              <button class="link" @click=${() => this.download(i)}>Download PDF</button>
            </div></td>
          </tr>`)}</tbody>
      </table>`;
  }

  renderProfile() {
    const p = this.profile;
    if (!p) return html`${this.profileError ? html`<p class="error" role="alert">${this.profileError}</p>` : html`<p class="hint">Loading…</p>`}`;
    return html`
      <p class="hint">Invoices are addressed to these details and mailed to the billing email (without one, to every admin).</p>
      <form class="details" @submit=${this.saveProfile} @input=${() => { this.saved = false; }} novalidate>
        <label>Billing email<input name="billingEmail" type="email" .value=${p.billingEmail || ''}></label>
        <label>Company name<input name="companyName" .value=${p.companyName || ''}></label>
        <label class="wide">Address<textarea name="address" rows="3" .value=${p.address || ''}></textarea></label>
        <label>Country (ISO code, e.g. DE)<input name="country" maxlength="2" .value=${p.country || ''}></label>
        <label>VAT id<input name="vatId" .value=${p.vatId || ''}></label>
        <label>Tax rate (%)<input name="taxRate" inputmode="decimal" .value=${String(p.taxRate ?? 0)}></label>
        <div class="buttons">
          <button type="submit">Save billing details</button>
          ${this.saved ? html`<span class="notice" role="status">Billing details saved.</span>` : ''}
        </div>
      </form>
      ${this.profileError ? html`<p class="error" role="alert">${this.profileError}</p>` : ''}`;
  }
}

customElements.define('parley-billing-invoices', BillingInvoices);
