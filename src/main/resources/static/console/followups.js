import { LitElement, html, css } from 'lit';
import { shared } from './styles.js';
import './followup-calendar.js';
import './followup-list.js';
import './followup-detail.js';
import './followup-report.js';
import './followup-settings.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The Follow-ups page of admin operators and tenant admins: everyone's follow-ups in a calendar (month, week, day)
 * and a list, one follow-up's detail (`#/followups/<id>`), the outcome report, and for tenant admins the
 * assignment rule. Each tab has its own route: `followups`, `followups/list`, `followups/report`,
 * `followups/settings`.
 */
export class FollowUps extends LitElement {
  static properties = { me: { type: Object }, route: { type: String } };
  static styles = [shared, css`
    :host { padding: 1.5rem; max-width: 84rem; margin: 0 auto; box-sizing: border-box; }
    .head { display: flex; align-items: center; gap: 1rem; flex-wrap: wrap; margin-bottom: 1rem; }
    .head h1 { margin: 0; }
    nav.tabs { display: flex; gap: 0.25rem; border-bottom: 1px solid var(--parley-border); margin-bottom: 1.2rem; }
    nav.tabs a { padding: 0.5rem 0.9rem; color: var(--parley-muted); text-decoration: none; border-bottom: 2px solid transparent;
                 margin-bottom: -1px; font-weight: 500; }
    nav.tabs a:hover { color: var(--parley-text); }
    nav.tabs a[aria-current="page"] { color: var(--parley-primary); border-bottom-color: var(--parley-primary); }
  `];

  get tab() {
    const second = (this.route || '').split('/')[1] || '';
    if (UUID.test(second)) return 'detail';
    return ['list', 'report', 'settings'].includes(second) ? second : 'calendar';
  }

  get isTenantAdmin() {
    return (this.me?.roles || []).includes('TENANT_ADMIN');
  }

  render() {
    const tab = this.tab;
    const tabs = [['calendar', 'Calendar', '#/followups'], ['list', 'List', '#/followups/list'],
      ['report', 'Report', '#/followups/report']];
    if (this.isTenantAdmin) tabs.push(['settings', 'Assignment', '#/followups/settings']);
    return html`
      <div class="head">
        <h1>Follow-ups</h1>
        <span class="muted">Calls, messages and meetings the team scheduled with customers.</span>
      </div>
      <nav class="tabs" aria-label="Follow-up views">
        ${tabs.map(([key, label, href]) => html`
          <a href=${href} aria-current=${tab === key ? 'page' : 'false'}>${label}</a>`)}
      </nav>
      ${this.renderTab(tab)}`;
  }

  renderTab(tab) {
    switch (tab) {
      case 'detail': return html`<parley-followup-detail .id=${this.route.split('/')[1]} .me=${this.me}></parley-followup-detail>`;
      case 'list': return html`<parley-followup-list .me=${this.me}></parley-followup-list>`;
      case 'report': return html`<parley-followup-report></parley-followup-report>`;
      case 'settings': return this.isTenantAdmin ? html`<parley-followup-settings></parley-followup-settings>` : '';
      default: return html`<parley-followup-calendar .me=${this.me}></parley-followup-calendar>`;
    }
  }
}
customElements.define('parley-followups', FollowUps);
