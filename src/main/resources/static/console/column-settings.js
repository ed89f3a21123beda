import { LitElement, html, css } from 'lit';
import { api, describe } from './api.js';
import { shared } from './styles.js';

export const COLUMN_LABELS = {
  visitorName: 'Visitor', email: 'Email', lastMessage: 'Last message', waitingTime: 'Waiting', assignee: 'Assignee',
  currentPage: 'Current page', country: 'Country', status: 'Status', number: '#', updatedAt: 'Updated',
};

/**
 * Chooses the conversation list's columns, their order and widths: for oneself, or (tenant admins) as the
 * team's default. Fires `columns-changed` with the columns now in force.
 */
export class ColumnSettings extends LitElement {
  static properties = { columns: { type: Array }, admin: { type: Boolean }, rows: { state: true }, error: { state: true } };
  static styles = [shared, css`
    :host { display: block; background: var(--parley-surface); border: 1px solid var(--parley-border); border-radius: 8px;
            padding: 0.8rem; margin-bottom: 0.6rem; }
    ul { list-style: none; padding: 0; margin: 0 0 0.6rem; }
    li { display: flex; align-items: center; gap: 0.4rem; padding: 0.15rem 0; font-size: 0.85rem; }
    li label { margin: 0; flex: 1; display: flex; gap: 0.4rem; align-items: center; color: var(--parley-text); }
    li input[type=checkbox] { width: auto; }
    li input[type=number] { width: 5rem; padding: 0.2rem 0.3rem; }
    li button { padding: 0.1rem 0.4rem; font-size: 0.75rem; }
    .actions { display: flex; gap: 0.4rem; flex-wrap: wrap; }
    .actions button { font-size: 0.8rem; padding: 0.3rem 0.6rem; }
  `];

  willUpdate(changed) {
    if (changed.has('columns') && this.columns) {
      const chosen = this.columns.map((c) => ({ ...c, on: true }));
      const rest = Object.keys(COLUMN_LABELS).filter((k) => !chosen.some((c) => c.key === k))
        .map((key) => ({ key, width: null, on: false }));
      this.rows = [...chosen, ...rest];
    }
  }

  move(index, step) {
    const rows = [...this.rows];
    const target = index + step;
    if (target < 0 || target >= rows.length) return;
    [rows[index], rows[target]] = [rows[target], rows[index]];
    this.rows = rows;
  }

  change(index, patch) {
    this.rows = this.rows.map((r, i) => (i === index ? { ...r, ...patch } : r));
  }

  chosen() {
    return this.rows.filter((r) => r.on).map((r) => ({ key: r.key, width: r.width ? Number(r.width) : null }));
  }

  async save(path, method = 'PUT') {
    try {
      const result = await api(path, method === 'DELETE' ? { method } : { method, body: { columns: this.chosen() } });
      const mine = path.endsWith('/tenant') ? await api('/api/v1/column-config') : result;
      this.dispatchEvent(new CustomEvent('columns-changed', { detail: mine.columns, bubbles: true, composed: true }));
      this.error = null;
    } catch (error) {
      this.error = describe(error);
    }
  }

  render() {
    return html`
      <ul aria-label="Columns">
        ${(this.rows || []).map((r, i) => html`
          <li>
            <label><input type="checkbox" .checked=${r.on} @change=${(e) => this.change(i, { on: e.target.checked })}
                aria-label="Show ${COLUMN_LABELS[r.key]}">${COLUMN_LABELS[r.key]}</label>
            <input type="number" min="40" max="1000" placeholder="auto" aria-label="Width of ${COLUMN_LABELS[r.key]}"
                .value=${r.width ?? ''} @input=${(e) => this.change(i, { width: e.target.value || null })}>
            <button class="secondary" aria-label="Move ${COLUMN_LABELS[r.key]} up" @click=${() => this.move(i, -1)}>↑</button>
            <button class="secondary" aria-label="Move ${COLUMN_LABELS[r.key]} down" @click=${() => this.move(i, 1)}>↓</button>
          </li>`)}
      </ul>
      <div class="actions">
        <button @click=${() => this.save('/api/v1/column-config')}>Save for me</button>
        ${this.admin ? html`<button class="secondary" @click=${() => this.save('/api/v1/column-config/tenant')}>Save as team default</button>` : ''}
        <button class="secondary" @click=${() => this.save('/api/v1/column-config', 'DELETE')}>Use team default</button>
      </div>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}`;
  }
}
customElements.define('parley-column-settings', ColumnSettings);
