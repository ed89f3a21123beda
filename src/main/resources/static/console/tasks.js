import { LitElement, html, css } from 'lit';
import { shared } from './styles.js';
import './task-list.js';
import './task-detail.js';
import './task-report.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The Tasks page (admin operators and tenant admins): the list (`#/tasks`), one task (`#/tasks/<id>`) and the
 * completion report (`#/tasks/report`).
 */
export class TasksPage extends LitElement {
  static properties = { me: { type: Object }, route: { type: String } };

  static styles = [shared, css`
    :host { padding: 1.5rem 2rem 3rem; max-width: 86rem; margin: 0 auto; box-sizing: border-box; }
    .head { display: flex; align-items: flex-end; gap: 1.5rem; margin-bottom: 1.1rem; flex-wrap: wrap; }
    .head h1 { margin: 0; }
    nav.tabs { display: flex; gap: 0.25rem; border-bottom: 1px solid var(--parley-border); flex: 1; min-width: 16rem; }
    nav.tabs a { padding: 0.5rem 0.9rem; color: var(--parley-muted); text-decoration: none; border-bottom: 2px solid transparent;
                 margin-bottom: -1px; font-weight: 500; }
    nav.tabs a:hover { color: var(--parley-text); }
    nav.tabs a[aria-current="page"] { color: var(--parley-primary); border-bottom-color: var(--parley-primary); }
  `];

  /** The sub-page of the route: 'list', 'report', or a task id. */
  view() {
    const rest = (this.route || '').split('/')[1] || '';
    if (rest === 'report') return 'report';
    if (UUID.test(rest)) return rest;
    return 'list';
  }

  render() {
    const view = this.view();
    const tab = view === 'report' ? 'report' : 'list';
    return html`
      <div class="head">
        <h1>Tasks</h1>
        <nav class="tabs" aria-label="Tasks views">
          <a href="#/tasks" aria-current=${tab === 'list' ? 'page' : 'false'}>Tasks</a>
          <a href="#/tasks/report" aria-current=${tab === 'report' ? 'page' : 'false'}>Report</a>
        </nav>
      </div>
      ${view === 'list' ? html`<parley-task-list .me=${this.me}></parley-task-list>`
        : view === 'report' ? html`<parley-task-report .me=${this.me}></parley-task-report>`
        : html`<parley-task-detail .me=${this.me} .taskId=${view}></parley-task-detail>`}`;
  }
}
customElements.define('parley-tasks', TasksPage);
