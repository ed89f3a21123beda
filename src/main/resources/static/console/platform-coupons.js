import { LitElement, html, css } from 'lit';
import { api, describe } from './api.js';
import { shared } from './styles.js';
import { date, errorsByField, platformStyles } from './platform-format.js';
import { money } from './platform-revenue.js';

const DURATIONS = { ONCE: 'Once', REPEATING: 'Several periods', FOREVER: 'Forever' };

/** "25 % off", "EUR 5 off". */
export function discount(c) {
  return c.percentOffBasisPoints != null
    ? `${(c.percentOffBasisPoints / 100).toLocaleString(undefined, { maximumFractionDigits: 2 })} % off`
    : `${money(c.amountOff, c.currency)} off`;
}

/** "Once", "3 periods", "Forever". */
export function duration(c) {
  if (c.duration === 'REPEATING') return `${c.durationPeriods} ${c.durationPeriods === 1 ? 'period' : 'periods'}`;
  return DURATIONS[c.duration] || c.duration;
}

/** Active, expired (its redeem-by date passed) or used up (its redemption limit reached). */
export function couponStatus(c, now = Date.now()) {
  if (c.redeemBy && new Date(c.redeemBy).getTime() <= now) return { key: 'EXPIRED', label: 'Expired' };
  if (c.maxRedemptions != null && c.timesRedeemed >= c.maxRedemptions) return { key: 'USED_UP', label: 'Used up' };
  return { key: 'ACTIVE', label: 'Active' };
}

/** The form field a server complaint belongs to. */
function fieldOf(serverField) {
  if (serverField === 'percentOff' || serverField === 'amountOff') return 'value';
  return ['code', 'name', 'currency', 'duration', 'durationPeriods', 'redeemBy', 'maxRedemptions']
    .includes(serverField) ? serverField : null;
}

/** Minor units of a currency from what a person typed ("5", "5.50"); null when it is no amount. */
function minorUnits(text, currency) {
  if (!/^\d+([.,]\d{1,3})?$/.test(text.trim())) return null;
  let digits = 2;
  try {
    digits = new Intl.NumberFormat(undefined, { style: 'currency', currency }).resolvedOptions().maximumFractionDigits;
  } catch { /* an unknown currency: the server names it */ }
  return Math.round(Number(text.trim().replace(',', '.')) * 10 ** digits);
}

/**
 * The platform owner's coupons: every coupon with its discount, duration, redemptions and expiry, a form to create
 * one (the server's complaints shown at their fields), and expiring a coupon at once (its redeem-by date set to now;
 * redemptions made stay).
 */
export class PlatformCoupons extends LitElement {
  static properties = {
    coupons: { state: true }, error: { state: true }, notice: { state: true }, busy: { state: true },
    values: { state: true }, errors: { state: true }, general: { state: true }, expiring: { state: true },
  };

  static styles = [shared, platformStyles, css`
    form.create {
      background: var(--parley-surface); border: 1px solid var(--parley-border); border-radius: 10px;
      padding: 1rem 1.3rem; margin-bottom: 1.4rem;
    }
    form.create h2 { font-size: 1.05rem; margin: 0 0 0.7rem; }
    .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr)); gap: 0.2rem 1rem; }
    .grid > div { display: flex; flex-direction: column; margin-bottom: 0.6rem; }
    label { color: var(--parley-text); font-weight: 500; font-size: 0.88rem; }
    form.create button[type=submit] { width: auto; margin-top: 0.3rem; }
    .badge.EXPIRED { background: #fde6e6; color: #a61b1b; }
    .badge.USED_UP { background: #fff1d6; color: #8a5300; }
    code { font-weight: 600; }
    .notice { margin-bottom: 1rem; }
  `];

  constructor() {
    super();
    this.coupons = null;
    this.busy = false;
    this.reset();
  }

  reset() {
    this.values = {
      code: '', name: '', kind: 'percent', value: '', currency: 'EUR', duration: 'ONCE', durationPeriods: '',
      redeemBy: '', maxRedemptions: '',
    };
    this.errors = {};
    this.general = null;
  }

  connectedCallback() {
    super.connectedCallback();
    this.load();
  }

  async load() {
    try {
      this.coupons = await api('/api/v1/platform/coupons');
      this.error = null;
    } catch (error) {
      this.error = describe(error);
    }
  }

  set(field, value) {
    this.values = { ...this.values, [field]: value };
    if (this.errors[field]) this.errors = { ...this.errors, [field]: null };
  }

  /** The request body, or null with `errors` set for what can be told here (the server checks everything). */
  body() {
    const v = this.values;
    const errors = {};
    const body = { code: v.code.trim(), name: v.name.trim(), duration: v.duration };
    if (!body.code) errors.code = 'Enter a code.';
    if (!body.name) errors.name = 'Enter a name.';
    if (v.kind === 'percent') {
      const percent = Number(v.value.trim().replace(',', '.'));
      if (!v.value.trim() || Number.isNaN(percent)) errors.value = 'Enter a percentage such as 20.';
      else body.percentOff = percent;
    } else {
      body.currency = v.currency.trim().toUpperCase();
      const amount = minorUnits(v.value, body.currency);
      if (amount === null) errors.value = 'Enter an amount such as 5.00.';
      else body.amountOff = amount;
    }
    if (v.duration === 'REPEATING') {
      if (!/^\d+$/.test(v.durationPeriods.trim())) errors.durationPeriods = 'Enter for how many periods.';
      else body.durationPeriods = Number(v.durationPeriods);
    }
    // A redeem-by day counts to its end, in UTC.
    if (v.redeemBy) body.redeemBy = `${v.redeemBy}T23:59:59Z`;
    if (v.maxRedemptions.trim()) {
      if (!/^\d+$/.test(v.maxRedemptions.trim())) errors.maxRedemptions = 'Enter a whole number, or leave it empty.';
      else body.maxRedemptions = Number(v.maxRedemptions);
    }
    this.errors = errors;
    return Object.keys(errors).length ? null : body;
  }

  async create(event) {
    event.preventDefault();
    this.notice = null;
    this.general = null;
    const body = this.body();
    if (!body) return;
    this.busy = true;
    try {
      const created = await api('/api/v1/platform/coupons', { method: 'POST', body });
      this.reset();
      this.notice = `Coupon ${created.code} created.`;
      await this.load();
    } catch (error) {
      const sorted = errorsByField(error, fieldOf, describe);
      if (error.code === 'COUPON_EXISTS') sorted.fields.code = error.message;
      this.errors = sorted.fields;
      this.general = Object.keys(sorted.fields).length ? null : sorted.general;
    } finally {
      this.busy = false;
    }
  }

  async expire(c) {
    this.busy = true;
    this.notice = null;
    try {
      await api(`/api/v1/platform/coupons/${encodeURIComponent(c.code)}`, {
        method: 'PUT', body: { name: c.name, redeemBy: new Date().toISOString(), maxRedemptions: c.maxRedemptions },
      });
      this.expiring = null;
      this.notice = `Coupon ${c.code} expired: it cannot be redeemed any more; tenants who redeemed it keep it.`;
      await this.load();
    } catch (error) {
      this.error = describe(error);
    } finally {
      this.busy = false;
    }
  }

  render() {
    return html`
      <div class="page-head">
        <div><h1>Coupons</h1>
          <p class="muted">Discounts tenants redeem on the Billing page: one coupon per tenant at a time.</p></div>
      </div>
      ${this.notice ? html`<div class="notice" role="status">${this.notice}</div>` : ''}
      ${this.renderForm()}
      ${this.error ? html`<div class="notice danger" role="alert">${this.error}</div>` : ''}
      ${this.coupons ? this.renderTable(this.coupons) : (this.error ? '' : html`<p class="muted">Loading coupons…</p>`)}`;
  }

  field(name, label, input, hint = '') {
    const problem = this.errors[name];
    return html`<div>
      <label for="coupon-${name}">${label}</label>
      ${input}
      ${problem ? html`<p class="field-error" id="coupon-${name}-error" role="alert">${problem}</p>`
        : hint ? html`<p class="hint">${hint}</p>` : ''}
    </div>`;
  }

  text(name, type = 'text', attrs = {}) {
    return html`<input id="coupon-${name}" name=${name} type=${type} .value=${this.values[name]}
      aria-invalid=${this.errors[name] ? 'true' : 'false'} placeholder=${attrs.placeholder || ''}
      @input=${(e) => this.set(name, e.target.value)}>`;
  }

  renderForm() {
    const v = this.values;
    return html`
      <form class="create" @submit=${(e) => this.create(e)} novalidate aria-label="New coupon">
        <h2>New coupon</h2>
        <div class="grid">
          ${this.field('code', 'Code', this.text('code', 'text', { placeholder: 'LAUNCH20' }), 'Letters, digits, - or _')}
          ${this.field('name', 'Name', this.text('name', 'text', { placeholder: 'Launch offer' }))}
          ${this.field('kind', 'Discount', html`<select id="coupon-kind" .value=${v.kind}
              @change=${(e) => this.set('kind', e.target.value)}>
              <option value="percent" ?selected=${v.kind === 'percent'}>Percent off</option>
              <option value="amount" ?selected=${v.kind === 'amount'}>Amount off</option></select>`)}
          ${this.field('value', v.kind === 'percent' ? 'Percent off' : 'Amount off',
            this.text('value', 'text', { placeholder: v.kind === 'percent' ? '20' : '5.00' }))}
          ${v.kind === 'amount' ? this.field('currency', 'Currency', this.text('currency', 'text', { placeholder: 'EUR' })) : ''}
          ${this.field('duration', 'Duration', html`<select id="coupon-duration" .value=${v.duration}
              @change=${(e) => this.set('duration', e.target.value)}>
              ${Object.entries(DURATIONS).map(([k, label]) => html`<option value=${k} ?selected=${v.duration === k}>${label}</option>`)}
            </select>`)}
          ${v.duration === 'REPEATING' ? this.field('durationPeriods', 'Periods', this.text('durationPeriods', 'text', { placeholder: '3' })) : ''}
          ${this.field('redeemBy', 'Redeem by', this.text('redeemBy', 'date'), 'Optional; through that day (UTC)')}
          ${this.field('maxRedemptions', 'Redemption limit', this.text('maxRedemptions', 'text'), 'Optional')}
        </div>
        ${this.general ? html`<p class="field-error" role="alert">${this.general}</p>` : ''}
        <button type="submit" ?disabled=${this.busy}>Create coupon</button>
      </form>`;
  }

  renderTable(coupons) {
    if (!coupons.length) return html`<div class="table-wrap"><p class="empty">No coupons yet.</p></div>`;
    return html`
      <div class="table-wrap">
        <table aria-label="Coupons">
          <thead><tr><th>Code</th><th>Discount</th><th>Duration</th><th class="num">Redemptions</th>
            <th>Redeem by</th><th>Status</th><th></th></tr></thead>
          <tbody>${coupons.map((c) => this.renderRow(c))}</tbody>
        </table>
      </div>`;
  }

  renderRow(c) {
    const status = couponStatus(c);
    return html`<tr data-code=${c.code}>
      <td><code>${c.code}</code><span class="sub">${c.name}</span></td>
      <td>${discount(c)}</td>
      <td>${duration(c)}</td>
      <td class="num">${c.timesRedeemed} / ${c.maxRedemptions == null ? '∞' : c.maxRedemptions}</td>
      <td class="nowrap">${c.redeemBy ? date(c.redeemBy) : '—'}</td>
      <td><span class="badge ${status.key}">${status.label}</span></td>
      <td class="nowrap">${status.key === 'EXPIRED' ? '' : this.expiring === c.code ? html`
        <button class="small danger" @click=${() => this.expire(c)} ?disabled=${this.busy}
          aria-label="Confirm expiring ${c.code}">Expire now</button>
        <button class="small secondary" @click=${() => { this.expiring = null; }}>Keep</button>` : html`
        <button class="small secondary" @click=${() => { this.expiring = c.code; }}
          aria-label="Expire ${c.code}">Expire…</button>`}</td>
    </tr>`;
  }
}

customElements.define('parley-platform-coupons', PlatformCoupons);
