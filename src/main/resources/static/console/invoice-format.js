import { css } from 'lit';
import { api, session } from './api.js';

/** An amount in minor units as people read it: 11880 EUR → "€118.80", 500 JPY → "¥500". */
export function money(minor, currency) {
  const format = new Intl.NumberFormat('en', { style: 'currency', currency });
  return format.format(minor / 10 ** format.resolvedOptions().maximumFractionDigits);
}

export function day(iso) {
  return iso ? new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }) : '';
}

/** "1 Nov 2026 – 1 Dec 2026", or the issue date for an invoice without a period. */
export function period(invoice) {
  return invoice.periodStart ? `${day(invoice.periodStart)} – ${day(invoice.periodEnd)}` : day(invoice.issuedAt);
}

export const STATUS = { OPEN: 'Open', PAID: 'Paid', VOID: 'Void', UNCOLLECTIBLE: 'Uncollectible', DRAFT: 'Draft' };

/** Downloads an invoice's PDF with the session's token (refreshed once if it expired) and saves it. */
export async function downloadPdf(path, fallbackName) {
  const get = () => fetch(path, { headers: { Accept: 'application/pdf', Authorization: `Bearer ${session.get()?.accessToken}` } });
  let response = await get();
  if (response.status === 401) {
    await api('/api/v1/me');
    response = await get();
  }
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    throw new Error(problem.detail || `The download failed (${response.status}).`);
  }
  const name = /filename="?([^";]+)"?/.exec(response.headers.get('Content-Disposition') || '')?.[1] || fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const invoiceStyles = css`
  table { width: 100%; border-collapse: collapse; font-size: 0.93rem; }
  th, td { text-align: left; padding: 0.45rem 0.5rem; border-bottom: 1px solid var(--parley-border); vertical-align: middle; }
  th { font-weight: 600; color: var(--parley-muted); font-size: 0.82rem; }
  td.amount, th.amount { text-align: right; white-space: nowrap; }
  .status { display: inline-block; padding: 0.1rem 0.55rem; border-radius: 999px; font-size: 0.78rem; font-weight: 600; }
  .status.OPEN { background: #fff4e0; color: #8a5200; }
  .status.PAID { background: #ebfbee; color: #2b5f36; }
  .status.VOID { background: #f1f3f5; color: #495057; }
  .status.UNCOLLECTIBLE { background: #ffe3e3; color: #a61e1e; }
  .overdue { color: #a61e1e; font-size: 0.8rem; margin-left: 0.3rem; }
  .row-actions { display: flex; gap: 0.4rem; flex-wrap: wrap; justify-content: flex-end; }
  button.link { background: none; border: none; color: var(--parley-accent, #1c4fb8); padding: 0; cursor: pointer; text-decoration: underline; font: inherit; }
  .hint { color: var(--parley-muted); font-size: 0.9rem; }
  .notice { background: #ebfbee; border: 1px solid #b2f2bb; color: #2b5f36; padding: 0.5rem 0.8rem; border-radius: 8px; }
  .error { color: #a61e1e; }
`;
