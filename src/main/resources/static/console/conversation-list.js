import { LitElement, html, css } from 'lit';
import { shared } from './styles.js';
import { COLUMN_LABELS as LABELS } from './column-settings.js';


function waiting(since) {
  if (!since) return '';
  const minutes = Math.max(0, Math.floor((Date.now() - new Date(since).getTime()) / 60000));
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** The list of conversations with the operator's configured columns; fires `open-conversation`. */
export class ConversationList extends LitElement {
  static properties = { conversations: { type: Array }, columns: { type: Array }, selected: { type: Array } };
  static styles = [shared, css`
    table { width: 100%; border-collapse: collapse; table-layout: fixed; background: var(--parley-surface); }
    th, td { text-align: left; padding: 0.5rem 0.6rem; border-bottom: 1px solid var(--parley-border);
             overflow: hidden; text-overflow: ellipsis; white-space: nowrap; font-size: 0.9rem; }
    th { color: var(--parley-muted); font-weight: 600; font-size: 0.8rem; }
    tr.row { cursor: pointer; }
    tr.row:hover, tr.open { background: #eef2ff; }
    .unread { display: inline-block; min-width: 1.3rem; padding: 0 0.35rem; border-radius: 1rem; background: #e03131;
              color: white; font-size: 0.75rem; text-align: center; margin-left: 0.4rem; }
    .empty { padding: 1rem; color: var(--parley-muted); }
  `];

  cell(c, key) {
    switch (key) {
      case 'visitorName': return html`${c.visitorName}${c.unread ? html`<span class="unread" aria-label="unread">${c.unread}</span>` : ''}`;
      case 'email': return c.visitorEmail || '';
      case 'lastMessage': return c.lastMessagePreview || '';
      case 'waitingTime': return c.status === 'RESOLVED' ? '' : waiting(c.waitingSince);
      case 'assignee': return c.assigneeName || '—';
      case 'currentPage': return c.currentPage || '';
      case 'country': return c.country || '';
      case 'status': return c.offline ? `${c.status.toLowerCase()} · offline` : c.status.toLowerCase();
      case 'number': return `#${c.number}`;
      case 'updatedAt': return new Date(c.updatedAt).toLocaleTimeString();
      default: return '';
    }
  }

  render() {
    const columns = this.columns || [];
    if (!this.conversations?.length) return html`<p class="empty">No conversations here.</p>`;
    return html`
      <table aria-label="Conversations">
        <colgroup>${columns.map((c) => html`<col style=${c.width ? `width:${c.width}px` : ''}>`)}</colgroup>
        <thead><tr>${columns.map((c) => html`<th>${LABELS[c.key] || c.key}</th>`)}</tr></thead>
        <tbody>
          ${this.conversations.map((c) => html`
            <tr class="row ${this.selected?.includes(c.id) ? 'open' : ''}" data-id=${c.id}
                @click=${() => this.dispatchEvent(new CustomEvent('open-conversation', { detail: c.id, bubbles: true, composed: true }))}>
              ${columns.map((col) => html`<td data-column=${col.key}>${this.cell(c, col.key)}</td>`)}
            </tr>`)}
        </tbody>
      </table>`;
  }
}
customElements.define('parley-conversation-list', ConversationList);
