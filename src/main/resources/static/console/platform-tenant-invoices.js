import { LitElement, html, css } from 'lit';
import { api, describe } from './api.js';
import { shared } from './styles.js';
import { STATUS, downloadPdf, invoiceStyles, money, period } from './invoice-format.js';

/**
 * The super-admin's Invoices panel on a tenant's page: the tenant's invoices and credit notes, with Mark paid (a bank
 * transfer arrived), Void (an open invoice issued by mistake), Credit note (an amount and a reason) and Invoice now
 * (bill the pending proration items at once).
 */
export class PlatformTenantInvoices extends LitElement {
  static properties = {
    tenantId: { type: String, attribute: 'tenant-id' },
    invoices: { state: true }, error: { state: true }, notice: { state: true }, busy: { state: true },
    crediting: { state: true }, balances: { state: true },
  };

  static styles = [shared, invoiceStyles, css`
    :host { display: block; }
    section.panel {
      background: var(--parley-surface); border: 1px solid var(--parley-border); border-radius: 10px;
      padding: 1rem 1.25rem; margin-top: 1rem;
    }
    h2 { font-size: 1.05rem; margin: 0 0 0.6rem; }
    form.credit { display: flex; gap: 0.5rem; flex-wrap: wrap; align-items: end; margin: 0.6rem 0; }
    form.credit label { display: grid; gap: 0.2rem; font-size: 0.85rem; font-weight: 600; }
    .head { display: flex; justify-content: space-between; align-items: center; gap: 0.5rem; }
  `];

  updated(changed) {
    if (changed.has('tenantId') && this.tenantId) this.load();
  }

  async load() {
    try {
      const [invoices, balance] = await Promise.all([api(`/api/v1/platform/tenants/${this.tenantId}/invoices`),
        api(`/api/v1/platform/tenants/${this.tenantId}/balance`)]);
      this.invoices = invoices.items;
      this.balances = balance.balances;
      this.error = null;
    } catch (error) {
      this.error = describe(error);
    }
  }

  async act(invoice, action, label) {
    this.busy = true;
    try {
      const after = await api(`/api/v1/platform/invoices/${invoice.id}/${action}`, { method: 'POST' });
      this.notice = `${invoice.number}: ${label} (${STATUS[after.status] || after.status}).`;
      this.error = null;
    } catch (error) {
      this.error = describe(error);
    } finally {
      this.busy = false;
      this.load();
    }
  }

  async invoiceNow() {
    this.busy = true;
    try {
      const issued = await api(`/api/v1/platform/tenants/${this.tenantId}/invoice-now`, { method: 'POST' });
      this.notice = `Invoice ${issued.number} issued for ${money(issued.total, issued.currency)}.`;
      this.error = null;
    } catch (error) {
      this.error = describe(error);
    } finally {
      this.busy = false;
      this.load();
    }
  }

  async credit(event, invoice) {
    event.preventDefault();
    const form = new FormData(event.target);
    const digits = new Intl.NumberFormat('en', { style: 'currency', currency: invoice.currency }).resolvedOptions().maximumFractionDigits;
    const amount = Math.round(Number(form.get('amount')) * 10 ** digits);
    this.busy = true;
    try {
      const note = await api(`/api/v1/platform/invoices/${invoice.id}/credit-note`, {
        method: 'POST', body: { amount, reason: form.get('reason'), refund: form.get('refund') || 'BALANCE' },
      });
      this.notice = `Credit note ${note.number} of ${money(note.total, note.currency)} issued for ${invoice.number}.`;
      this.crediting = null;
      this.error = null;
    } catch (error) {
      this.error = describe(error);
    } finally {
      this.busy = false;
      this.load();
    }
  }

  render() {
    return html`
      <section class="panel" aria-labelledby="tenant-invoices-title">
        <div class="head">
          <h2 id="tenant-invoices-title">Invoices</h2>
          <button class="secondary" ?disabled=${this.busy} @click=${this.invoiceNow}
            title="Bill the tenant's pending proration items now">Invoice now</button>
        </div>
        ${this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : ''}
        <p class="hint" data-testid="tenant-credit-balance">Credit balance: ${this.balances?.length
          ? this.balances.map((b) => money(b.amount, b.currency)).join(', ') : 'none'}</p>
        ${this.renderTable()}
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      </section>`;
  }

  renderTable() {
    if (!this.invoices) return html`<p class="hint">Loading…</p>`;
    if (!this.invoices.length) return html`<p class="hint">No invoices yet.</p>`;
    return html`
      <table data-testid="tenant-invoices">
        <thead><tr><th>Number</th><th>Period</th><th class="amount">Total</th><th>Status</th><th></th></tr></thead>
        <tbody>${this.invoices.map((i) => html`
          <tr data-number=${i.number}>
            <td>${i.kind === 'CREDIT_NOTE' ? 'Credit note ' : ''}${i.number}</td>
            <td>${period(i)}</td>
            <td class="amount">${money(i.total, i.currency)}${i.appliedBalance ? html`<br><span class="hint"
              >${money(-i.appliedBalance, i.currency)} from balance</span>` : ''}${i.amountDue && i.amountDue !== i.total
              ? html`<br><span class="hint">${money(i.amountDue, i.currency)} due</span>` : ''}</td>
            <td><span class="status ${i.status}">${STATUS[i.status] || i.status}</span>
              ${i.status === 'OPEN' && i.overdue ? html`<span class="overdue">overdue</span>` : ''}</td>
            <td><div class="row-actions">
              ${['OPEN', 'UNCOLLECTIBLE'].includes(i.status) && i.kind === 'INVOICE' ? html`
                <button ?disabled=${this.busy} @click=${() => this.act(i, 'mark-paid', 'marked paid')}>Mark paid</button>` : ''}
              ${i.status === 'OPEN' && i.kind === 'INVOICE' ? html`
                <button class="secondary" ?disabled=${this.busy} @click=${() => this.act(i, 'void', 'voided')}>Void</button>` : ''}
              ${i.kind === 'INVOICE' && i.status !== 'VOID' ? html`
                <button class="secondary" ?disabled=${this.busy} @click=${() => { this.crediting = i.id; }}>Credit note</button>` : ''}
              <button class="link" @click=${() => downloadPdf(`/api/v1/platform/invoices/${i.id}/pdf`, `${i.number}.pdf`)
                .catch((e) => { this.error = e.message; })}>PDF</button>
            </div>
            ${this.crediting === i.id ? html`
              <form class="credit" @submit=${(e) => this.credit(e, i)}>
                <label>Amount (${i.currency})<input name="amount" inputmode="decimal" required size="8"></label>
                <label>Reason<input name="reason" required maxlength="250"></label>
                <label>What is owed back<select name="refund">
                  <option value="BALANCE">to the credit balance</option>
                  <option value="OUTSIDE">refunded outside Parley</option></select></label>
                <button type="submit" ?disabled=${this.busy}>Issue credit note</button>
                <button type="button" class="secondary" @click=${() => { this.crediting = null; }}>Cancel</button>
              </form>` : ''}
            </td>
          </tr>`)}</tbody>
      </table>`;
  }
}

customElements.define('parley-platform-tenant-invoices', PlatformTenantInvoices);
