import { css } from 'lit';

/**
 * What the platform owner's pages (tenants, audit) share: how dates, statuses, audit actions and field errors are
 * shown, and the page, table and badge styles.
 */

export const STATUS_LABELS = { ACTIVE: 'Active', SUSPENDED: 'Suspended', DELETED: 'Deleted' };

/** The server's rule for slugs: 1-63 lower-case letters, digits or dashes, not starting or ending with a dash. */
export const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** A slug suggested from a tenant's name: "Café Olé & Co" → "cafe-ole-co". */
export function slugFrom(name) {
  return (name || '').normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63).replace(/-+$/, '');
}

/** Host names typed one per line (or separated by commas or spaces), without blanks. */
export function hostsFrom(text) {
  return (text || '').split(/[\s,]+/).map((h) => h.trim()).filter(Boolean);
}

export function dateTime(iso) {
  return iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '';
}

export function date(iso) {
  return iso ? new Date(iso).toLocaleDateString(undefined, { dateStyle: 'medium' }) : '';
}

const RELATIVE = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const STEPS = [['year', 31536000], ['month', 2592000], ['week', 604800], ['day', 86400], ['hour', 3600], ['minute', 60]];

/** "3 minutes ago", "yesterday", "never". */
export function ago(iso) {
  if (!iso) return 'never';
  const seconds = (new Date(iso).getTime() - Date.now()) / 1000;
  if (Math.abs(seconds) < 60) return 'just now';
  const [unit, size] = STEPS.find(([, s]) => Math.abs(seconds) >= s);
  return RELATIVE.format(Math.round(seconds / size), unit);
}

/** The platform audit's actions, in words. Actions not listed here are shown as recorded. */
export const ACTIONS = {
  'tenant.created': 'Tenant provisioned',
  'tenant.updated': 'Tenant changed',
  'tenant.admin_invited': 'Admin invited',
  'tenant.suspended': 'Tenant suspended',
  'tenant.reactivated': 'Tenant reactivated',
  'tenant.deleted': 'Tenant deleted',
  'tenant.plan_changed': 'Plan changed',
  'plan.created': 'Plan created',
  'plan.updated': 'Plan changed',
  'platform.signing_key_rotated': 'Signing key rotated',
  'platform.super_admin_created': 'Platform admin created',
};

export function actionLabel(action) {
  return ACTIONS[action] || action;
}

const DETAIL_NAMES = { adminEmail: 'admin' };

/** An entry's details on one line: "slug: acme · domains: acme.com, *.acme.com", "Active → Suspended". */
export function detailsText(details) {
  const { from, to, ...rest } = details || {};
  const change = from && to ? [`${STATUS_LABELS[from] || from} → ${STATUS_LABELS[to] || to}`] : [];
  return change.concat(Object.entries(from && to ? rest : details || {})
    .filter(([, value]) => value !== null && value !== undefined && value !== '')
    .map(([key, value]) => {
      const shown = Array.isArray(value) ? (value.length ? value.join(', ') : 'none')
        : typeof value === 'object' ? JSON.stringify(value) : String(value);
      return `${DETAIL_NAMES[key] || key}: ${shown}`;
    }))
    .join(' · ');
}

/**
 * Sorts an API error's complaints by form field: `fieldOf(serverField)` names the form field a server field
 * belongs to (or null). Returns {fields: {name: message}, general: message or null}.
 */
export function errorsByField(error, fieldOf, describe) {
  const fields = {};
  for (const e of error.errors || []) {
    const field = fieldOf(e.field);
    if (field && !fields[field]) fields[field] = `${e.message}`;
  }
  if (error.code === 'SLUG_TAKEN' && fieldOf('slug')) fields[fieldOf('slug')] = error.message;
  if (error.code === 'DOMAIN_TAKEN' && fieldOf('domains')) fields[fieldOf('domains')] = error.message;
  const general = Object.keys(fields).length ? null : describe(error);
  return { fields, general };
}

/** Page layout, tables, badges, figures and dialogs of the platform pages. */
export const platformStyles = css`
  :host { display: block; padding: 1.5rem 2rem 3rem; max-width: 84rem; margin: 0 auto; box-sizing: border-box; }
  .page-head { display: flex; align-items: flex-end; gap: 1rem; margin-bottom: 1.2rem; }
  .page-head h1 { margin: 0; }
  .page-head p { margin: 0.25rem 0 0; }
  .page-head .spacer { flex: 1; }
  .toolbar { display: flex; gap: 0.8rem; align-items: flex-end; margin-bottom: 1rem; flex-wrap: wrap; }
  .toolbar .field { display: flex; flex-direction: column; }
  .toolbar label { margin: 0 0 0.25rem; font-size: 0.8rem; }
  .toolbar .grow { flex: 1; min-width: 16rem; }
  .toolbar select { min-width: 12rem; }
  .table-wrap {
    background: var(--parley-surface); border: 1px solid var(--parley-border); border-radius: 10px; overflow: hidden;
  }
  table { width: 100%; border-collapse: collapse; }
  th {
    text-align: left; font-size: 0.75rem; font-weight: 600; text-transform: uppercase; letter-spacing: 0.04em;
    color: var(--parley-muted); background: #f8f9fc; padding: 0.6rem 0.9rem; border-bottom: 1px solid var(--parley-border);
    white-space: nowrap;
  }
  td { padding: 0.7rem 0.9rem; border-bottom: 1px solid var(--parley-border); vertical-align: top; font-size: 0.92rem; }
  tbody tr:last-child td { border-bottom: none; }
  tbody tr:hover { background: #fafbfe; }
  th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; }
  th.num { white-space: normal; }
  td.nowrap { white-space: nowrap; }
  .sub { display: block; color: var(--parley-muted); font-size: 0.8rem; margin-top: 0.15rem; }
  a { color: var(--parley-primary); text-decoration: none; }
  a:hover { text-decoration: underline; }
  a.name { font-weight: 600; }
  .badge {
    display: inline-block; padding: 0.1rem 0.55rem; border-radius: 999px; font-size: 0.75rem; font-weight: 600;
    white-space: nowrap;
  }
  .badge.ACTIVE { background: #e3f5e8; color: #1b6b34; }
  .badge.SUSPENDED { background: #fff1d6; color: #8a5300; }
  .badge.DELETED { background: #fde6e6; color: #a61b1b; }
  .chip {
    display: inline-block; margin: 0 0.25rem 0.25rem 0; padding: 0 0.4rem; border-radius: 4px; font-size: 0.8rem;
    background: var(--parley-background); border: 1px solid var(--parley-border);
    font-family: ui-monospace, SFMono-Regular, Menlo, monospace; white-space: nowrap; max-width: 100%;
    overflow: hidden; text-overflow: ellipsis; vertical-align: top; box-sizing: border-box;
  }
  .empty { padding: 2.5rem 1rem; text-align: center; color: var(--parley-muted); }
  .more { display: flex; justify-content: center; margin-top: 1rem; }
  button.small { padding: 0.35rem 0.8rem; font-size: 0.88rem; }
  button.danger { background: var(--parley-danger); border-color: var(--parley-danger); }
  button.danger.secondary { background: transparent; color: var(--parley-danger); }
  .field-error { color: var(--parley-danger); font-size: 0.85rem; margin: 0.3rem 0 0; }
  .hint { color: var(--parley-muted); font-size: 0.8rem; margin: 0.3rem 0 0; }
  input[aria-invalid="true"], textarea[aria-invalid="true"] { border-color: var(--parley-danger); }
  textarea {
    width: 100%; box-sizing: border-box; padding: 0.55rem 0.7rem; font: inherit; resize: vertical;
    border: 1px solid var(--parley-border); border-radius: 6px;
  }
  dialog {
    border: none; border-radius: 12px; padding: 0; width: min(38rem, 94vw); max-height: 92vh;
    box-shadow: 0 20px 60px rgb(15 20 30 / 25%); color: var(--parley-text);
  }
  dialog::backdrop { background: rgb(15 20 30 / 45%); }
  dialog .dialog-body { padding: 1.4rem 1.6rem; }
  dialog h2 { margin: 0 0 0.6rem; font-size: 1.2rem; }
  dialog .actions {
    display: flex; justify-content: flex-end; gap: 0.6rem; padding: 0.9rem 1.6rem; background: #f8f9fc;
    border-top: 1px solid var(--parley-border);
  }
  .link-box { display: flex; gap: 0.5rem; margin-top: 0.4rem; }
  .link-box input { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 0.85rem; }
  .link-box button { white-space: nowrap; }
  .notice {
    padding: 0.7rem 0.9rem; border-radius: 8px; background: #eef2ff; border: 1px solid #d5ddff; font-size: 0.9rem;
  }
  .notice.warning { background: #fff7e6; border-color: #f5d9a0; }
  .notice.danger { background: #fff0f0; border-color: #f3c2c2; }
`;
