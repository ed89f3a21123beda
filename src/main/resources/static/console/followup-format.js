import { css } from 'lit';

/**
 * What the follow-up screens share: names of types, channels, statuses and outcomes, which contact detail a channel
 * needs, dates in the operator's own time zone, and the look of status badges and calendar chips.
 */

export const TYPES = [
  ['CALL', 'Call'], ['EMAIL', 'Email'], ['SMS', 'SMS'], ['WHATSAPP', 'WhatsApp'], ['MEETING', 'Meeting'],
];
export const TYPE_NAMES = Object.fromEntries(TYPES);

/** The channels each type can use, the default first (the server checks the same pairs). */
export const CHANNELS_BY_TYPE = {
  CALL: ['PHONE', 'WHATSAPP'],
  EMAIL: ['EMAIL'],
  SMS: ['SMS'],
  WHATSAPP: ['WHATSAPP'],
  MEETING: ['VIDEO', 'IN_PERSON', 'PHONE'],
};
export const CHANNEL_NAMES = {
  PHONE: 'Phone', EMAIL: 'Email', SMS: 'SMS', WHATSAPP: 'WhatsApp', VIDEO: 'Video call', IN_PERSON: 'In person',
};
/** The contact detail a channel cannot do without. */
export const CHANNEL_NEEDS = { PHONE: 'phone', SMS: 'phone', WHATSAPP: 'phone', EMAIL: 'email', VIDEO: 'email' };

export const STATUS_NAMES = { SCHEDULED: 'Scheduled', COMPLETED: 'Completed', MISSED: 'Missed', CANCELLED: 'Cancelled' };
export const OUTCOMES = [
  ['REACHED', 'Reached'], ['NO_ANSWER', 'No answer'], ['LEFT_MESSAGE', 'Left a message'],
  ['RESCHEDULED', 'Asked for another time'], ['RESOLVED', 'Resolved'], ['NOT_INTERESTED', 'Not interested'],
];
export const OUTCOME_NAMES = Object.fromEntries(OUTCOMES);
export const STRATEGY_NAMES = {
  conversation: "The conversation's operator",
  round_robin: 'Round robin',
  least_loaded: 'Least loaded',
};

const ACTIONS = {
  CALL: { PHONE: 'a call', WHATSAPP: 'a WhatsApp call' },
  EMAIL: { EMAIL: 'an email' },
  SMS: { SMS: 'a text message' },
  WHATSAPP: { WHATSAPP: 'a WhatsApp message' },
  MEETING: { VIDEO: 'a video meeting', PHONE: 'a phone meeting' },
};

/** The sentence shown when the contact lacks what the channel needs (the server's 422 says the same), or null. */
export function missingDetail(contact, type, channel) {
  const need = CHANNEL_NEEDS[channel];
  if (!need || !contact || contact[need]) return null;
  const action = ACTIONS[type]?.[channel] || 'this follow-up';
  return need === 'phone'
    ? `This contact has no phone number: add one before scheduling ${action}.`
    : `This contact has no email address: add one before scheduling ${action}.`;
}

/** The people who can own follow-ups, from /api/v1/operators. */
export function adminOperators(people) {
  return (people || []).filter((p) => p.role === 'ADMIN_OPERATOR' || p.role === 'TENANT_ADMIN');
}

export function isAdminOperator(roles) {
  return (roles || []).some((r) => r === 'ADMIN_OPERATOR' || r === 'TENANT_ADMIN');
}

export const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
export const dateTime = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
export const timeOnly = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
export const dayLong = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
export const monthLong = new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric' });
export const dayShort = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
export const weekdayShort = new Intl.DateTimeFormat(undefined, { weekday: 'short' });

/** A date's local midnight. */
export function startOfDay(date) {
  const d = new Date(date);
  d.setHours(0, 0, 0, 0);
  return d;
}

export function addDays(date, days) {
  const d = new Date(date);
  d.setDate(d.getDate() + days);
  return d;
}

export function addMonths(date, months) {
  const d = new Date(date.getFullYear(), date.getMonth() + months, 1);
  return d;
}

/** The Monday of the date's week, at midnight. */
export function startOfWeek(date) {
  const d = startOfDay(date);
  return addDays(d, -((d.getDay() + 6) % 7));
}

export function sameDay(a, b) {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/** yyyy-mm-dd of the local date (for routes and date inputs). */
export function isoDay(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** A local yyyy-mm-dd back to its midnight, or null. */
export function parseDay(text) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text || '');
  return match ? new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : null;
}

/** The value of a datetime-local input for an instant, in the browser's time zone. */
export function toLocalInput(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${isoDay(date)}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A datetime-local value (the operator's local time) as an ISO instant in UTC, or null. */
export function fromLocalInput(value) {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export function percent(rate) {
  return rate === null || rate === undefined ? '—' : `${Math.round(rate * 1000) / 10}%`;
}

/** Status badges and calendar chips, coloured by status. */
export const followUpStyles = css`
  .badge { display: inline-block; padding: 0.1rem 0.55rem; border-radius: 999px; font-size: 0.76rem; font-weight: 600;
           white-space: nowrap; }
  .badge.SCHEDULED, .chip.SCHEDULED { background: #dbe4ff; color: #364fc7; }
  .badge.COMPLETED, .chip.COMPLETED { background: #d3f9d8; color: #2b8a3e; }
  .badge.MISSED, .chip.MISSED { background: #ffe3e3; color: #c92a2a; }
  .badge.CANCELLED, .chip.CANCELLED { background: #f1f3f5; color: #5c6370; }
  .chip.CANCELLED .who { text-decoration: line-through; }
  .chip { display: flex; gap: 0.3rem; align-items: baseline; width: 100%; box-sizing: border-box; border: none;
          border-left: 3px solid currentColor; border-radius: 4px; padding: 0.12rem 0.35rem; font: inherit;
          font-size: 0.76rem; text-align: left; cursor: pointer; overflow: hidden; white-space: nowrap;
          text-decoration: none; }
  .chip:hover { filter: brightness(0.96); }
  .chip:focus-visible { outline: 2px solid var(--parley-primary); outline-offset: 1px; }
  .chip .time { font-weight: 700; font-variant-numeric: tabular-nums; flex: none; }
  .chip .who { overflow: hidden; text-overflow: ellipsis; }
  .panel { background: var(--parley-surface); border: 1px solid var(--parley-border); border-radius: 10px;
           padding: 1rem 1.2rem; box-shadow: 0 1px 4px rgb(0 0 0 / 4%); min-width: 0; }
  .empty { color: var(--parley-muted); margin: 0.3rem 0; }
  .alert { background: #fff4e6; border: 1px solid #ffc078; color: #8a4b00; padding: 0.6rem 0.8rem; border-radius: 8px;
           margin: 0.8rem 0 0; font-size: 0.9rem; }
  .error { margin: 0 0 1rem; background: #fff5f5; border: 1px solid #ffc9c9; padding: 0.6rem 0.9rem; border-radius: 8px; }
  .notice { background: #ebfbee; border: 1px solid #b2f2bb; color: #2b8a3e; padding: 0.6rem 0.9rem; border-radius: 8px;
            margin: 0 0 1rem; }
  .field-error { color: var(--parley-danger); font-size: 0.82rem; margin: 0.3rem 0 0; }
  [aria-invalid="true"] { border-color: var(--parley-danger); }
  textarea { width: 100%; box-sizing: border-box; font: inherit; padding: 0.5rem 0.7rem; border: 1px solid var(--parley-border);
             border-radius: 6px; resize: vertical; }
  select { background: white; }
  button.danger { background: var(--parley-danger); border-color: var(--parley-danger); color: white; }
  button.secondary.danger { background: transparent; color: var(--parley-danger); }
  table { width: 100%; border-collapse: collapse; }
  th, td { text-align: left; padding: 0.5rem 0.55rem; border-bottom: 1px solid var(--parley-border); font-size: 0.9rem;
           vertical-align: middle; }
  th { color: var(--parley-muted); font-weight: 600; font-size: 0.76rem; text-transform: uppercase; letter-spacing: 0.03em; }
  tbody tr:last-child td { border-bottom: none; }
  td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
  dialog { border: none; border-radius: 12px; padding: 1.4rem 1.5rem; box-shadow: 0 12px 40px rgb(0 0 0 / 25%); }
  dialog::backdrop { background: rgb(15 20 30 / 45%); }
  dialog .buttons { display: flex; justify-content: flex-end; gap: 0.6rem; margin-top: 1.2rem; }
  dialog .buttons button { width: auto; margin: 0; }
`;
