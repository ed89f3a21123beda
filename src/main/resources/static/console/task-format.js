import { html, css } from 'lit';

/**
 * What the tasks screens share (the Tasks page, a task's detail, the report, the "Create task" dialog and the
 * dashboard card): labels, how times are shown (in this browser's time zone), badges and the page styles.
 */

export const STATUS_LABELS = { OPEN: 'Open', IN_PROGRESS: 'In progress', COMPLETED: 'Completed', CANCELLED: 'Cancelled' };
export const PRIORITY_LABELS = { LOW: 'Low', MEDIUM: 'Medium', HIGH: 'High', URGENT: 'Urgent' };
export const PRIORITIES = ['LOW', 'MEDIUM', 'HIGH', 'URGENT'];

const DATE_TIME = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const DAY = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short' });
const DAY_OF_YEAR = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
const TIME = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

export function dateTime(iso) {
  return iso ? DATE_TIME.format(new Date(iso)) : '';
}

/** A due time as people scan it: "Today 17:00", "Tomorrow 09:30", "Fri 7 Mar, 17:00", "4 Mar 2031, 14:30". */
export function due(iso) {
  if (!iso) return '';
  const at = new Date(iso);
  const today = startOfDay(new Date());
  const day = startOfDay(at);
  const days = Math.round((day - today) / 86_400_000);
  if (days === 0) return `Today ${TIME.format(at)}`;
  if (days === 1) return `Tomorrow ${TIME.format(at)}`;
  if (days === -1) return `Yesterday ${TIME.format(at)}`;
  const format = at.getFullYear() === new Date().getFullYear() ? DAY : DAY_OF_YEAR;
  return `${format.format(at)}, ${TIME.format(at)}`;
}

function startOfDay(date) {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
}

/** A duration in seconds: "45 min", "3 h 20 min", "2 d 4 h". */
export function duration(seconds) {
  if (seconds === null || seconds === undefined) return '—';
  const s = Math.round(seconds);
  if (s < 3600) return `${Math.max(1, Math.round(s / 60))} min`;
  if (s < 86400) return `${Math.floor(s / 3600)} h${Math.floor((s % 3600) / 60) ? ` ${Math.floor((s % 3600) / 60)} min` : ''}`;
  return `${Math.floor(s / 86400)} d${Math.floor((s % 86400) / 3600) ? ` ${Math.floor((s % 86400) / 3600)} h` : ''}`;
}

export function percent(rate) {
  return rate === null || rate === undefined ? '—' : `${Math.round(rate * 100)}%`;
}

/** The local date (yyyy-mm-dd) and time (hh:mm) of an instant, for date and time inputs. */
export function localParts(iso) {
  if (!iso) return { date: '', time: '' };
  const at = new Date(iso);
  const pad = (n) => String(n).padStart(2, '0');
  return {
    date: `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`,
    time: `${pad(at.getHours())}:${pad(at.getMinutes())}`,
  };
}

/** The instant of a local date and time from inputs (17:00 when only a date is given), or null. */
export function instantOf(date, time) {
  if (!date) return null;
  const at = new Date(`${date}T${time || '17:00'}`);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

export function statusBadge(status) {
  return html`<span class="badge status ${status}">${STATUS_LABELS[status] || status}</span>`;
}

export function priorityBadge(priority) {
  return html`<span class="badge priority ${priority}">${PRIORITY_LABELS[priority] || priority}</span>`;
}

/** Field errors of an API error by field name, and a general message when none names a field. */
export function fieldErrors(error, describe) {
  const fields = {};
  for (const e of error.errors || []) {
    if (!fields[e.field]) fields[e.field] = e.message;
  }
  return { fields, general: Object.keys(fields).length ? null : describe(error) };
}

/** The tasks pages' layout, tables, badges, forms and dialogs. */
export const taskStyles = css`
  .panel {
    background: var(--parley-surface); border: 1px solid var(--parley-border); border-radius: 10px;
    padding: 1.1rem 1.25rem; box-shadow: 0 1px 4px rgb(0 0 0 / 4%); min-width: 0;
  }
  .panel h2 { font-size: 1.02rem; margin: 0 0 0.8rem; display: flex; gap: 0.5rem; align-items: baseline; }
  .panel h2 .count { font-weight: 400; color: var(--parley-muted); font-size: 0.88rem; }
  table { width: 100%; border-collapse: collapse; }
  th {
    text-align: left; font-size: 0.74rem; font-weight: 600; text-transform: uppercase; letter-spacing: 0.04em;
    color: var(--parley-muted); background: #f8f9fc; padding: 0.6rem 0.8rem; border-bottom: 1px solid var(--parley-border);
    white-space: nowrap;
  }
  td { padding: 0.6rem 0.8rem; border-bottom: 1px solid var(--parley-border); vertical-align: middle; font-size: 0.92rem; }
  tbody tr:last-child td { border-bottom: none; }
  tbody tr:hover { background: #fafbfe; }
  th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; }
  td.nowrap { white-space: nowrap; }
  a { color: var(--parley-primary); text-decoration: none; }
  a:hover { text-decoration: underline; }
  .badge {
    display: inline-block; padding: 0.1rem 0.55rem; border-radius: 999px; font-size: 0.75rem; font-weight: 600;
    white-space: nowrap; line-height: 1.5;
  }
  .badge.status.OPEN { background: #e7f0ff; color: #1c4fb8; }
  .badge.status.IN_PROGRESS { background: #fff1d6; color: #8a5300; }
  .badge.status.COMPLETED { background: #e3f5e8; color: #1b6b34; }
  .badge.status.CANCELLED { background: #eef0f3; color: #5c6370; }
  .badge.priority.LOW { background: #eef0f3; color: #5c6370; }
  .badge.priority.MEDIUM { background: #e7f0ff; color: #1c4fb8; }
  .badge.priority.HIGH { background: #fff1d6; color: #8a5300; }
  .badge.priority.URGENT { background: #fde6e6; color: #a61b1b; }
  .badge.overdue { background: #fde6e6; color: #a61b1b; }
  .badge.missing { background: #fde6e6; color: #a61b1b; }
  .muted { color: var(--parley-muted); }
  .empty { padding: 2.2rem 1rem; text-align: center; color: var(--parley-muted); }
  .error-box {
    margin: 0 0 1rem; background: #fff5f5; border: 1px solid #ffc9c9; padding: 0.6rem 0.9rem; border-radius: 8px;
    color: var(--parley-danger);
  }
  .notice {
    margin: 0 0 1rem; background: #ebfbee; border: 1px solid #b2f2bb; color: #2b8a3e; padding: 0.6rem 0.9rem;
    border-radius: 8px;
  }
  .field-error { color: var(--parley-danger); font-size: 0.82rem; margin: 0.3rem 0 0; }
  .hint { color: var(--parley-muted); font-size: 0.8rem; margin: 0.3rem 0 0; }
  input[aria-invalid="true"], textarea[aria-invalid="true"], select[aria-invalid="true"] { border-color: var(--parley-danger); }
  textarea {
    width: 100%; box-sizing: border-box; padding: 0.55rem 0.7rem; font: inherit; resize: vertical;
    border: 1px solid var(--parley-border); border-radius: 6px; min-height: 5rem;
  }
  select { background: white; }
  button.small { padding: 0.35rem 0.8rem; font-size: 0.88rem; }
  button.danger { background: var(--parley-danger); border-color: var(--parley-danger); color: white; }
  button.danger.secondary { background: transparent; color: var(--parley-danger); }
  .row { display: grid; grid-template-columns: 1fr 1fr; gap: 0 0.9rem; }
  dialog {
    border: none; border-radius: 12px; padding: 0; width: min(40rem, 94vw); max-height: 92vh;
    box-shadow: 0 20px 60px rgb(15 20 30 / 25%); color: var(--parley-text);
  }
  dialog::backdrop { background: rgb(15 20 30 / 45%); }
  dialog .dialog-body { padding: 1.3rem 1.6rem 1.1rem; overflow: auto; max-height: calc(92vh - 5rem); box-sizing: border-box; }
  dialog h2 { margin: 0 0 0.4rem; font-size: 1.2rem; }
  dialog .actions {
    display: flex; justify-content: flex-end; gap: 0.6rem; padding: 0.9rem 1.6rem; background: #f8f9fc;
    border-top: 1px solid var(--parley-border);
  }
  dialog .actions button, dialog .actions button[type=submit] { width: auto; margin: 0; }
  dl.contact { display: grid; grid-template-columns: max-content 1fr; gap: 0.4rem 1rem; margin: 0; font-size: 0.92rem; }
  dl.contact dt { color: var(--parley-muted); }
  dl.contact dd { margin: 0; overflow-wrap: anywhere; }
`;
