import { LitElement, html, css } from 'lit';
import { shared } from './styles.js';
import { actionLabel, dateTime, detailsText, platformStyles } from './platform-format.js';

/** Platform audit entries as a table: when (local time), who, what, to which tenant, and the details. */
export class PlatformAuditTable extends LitElement {
  static properties = { entries: { type: Array }, showTenant: { type: Boolean, attribute: 'show-tenant' } };
  static styles = [shared, platformStyles, css`
    :host { padding: 0; max-width: none; }
    td.details { color: var(--parley-muted); font-size: 0.85rem; word-break: break-word; }
    code { font-size: 0.75rem; color: var(--parley-muted); }
  `];

  constructor() {
    super();
    this.entries = [];
  }

  render() {
    return html`
      <div class="table-wrap">
        <table aria-label="Audit entries">
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Actor</th>
              <th scope="col">Action</th>
              ${this.showTenant ? html`<th scope="col">Tenant</th>` : ''}
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>${this.entries.map((e) => html`
            <tr data-testid="audit-row">
              <td class="nowrap">${dateTime(e.occurredAt)}</td>
              <td>${e.actorEmail || html`<span class="muted">System</span>`}
                ${e.ip ? html`<span class="sub">${e.ip}</span>` : ''}</td>
              <td>${actionLabel(e.action)}<span class="sub"><code>${e.action}</code></span></td>
              ${this.showTenant ? html`<td>${e.tenantId
                ? html`<a href="#/tenants/${e.tenantId}">${e.tenantName || e.tenantId}</a>`
                : html`<span class="muted">Platform</span>`}</td>` : ''}
              <td class="details">${detailsText(e.details) || '—'}</td>
            </tr>`)}
          </tbody>
        </table>
      </div>`;
  }
}
customElements.define('parley-platform-audit-table', PlatformAuditTable);
