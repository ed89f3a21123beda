import { LitElement, html, css } from 'lit';
import { api, describe } from './api.js';
import { shared } from './styles.js';

const REFRESH_MS = 30_000;

/**
 * The team's open tasks on the tenant admin's dashboard: open, overdue and due today, with a link to the Tasks
 * page. Refreshes with the dashboard's rhythm.
 */
export class TaskCountsCard extends LitElement {
  static properties = { counts: { state: true }, error: { state: true } };

  static styles = [shared, css`
    :host { display: block; margin-bottom: 1.2rem; }
    section { background: var(--parley-surface); border: 1px solid var(--parley-border); border-radius: 10px;
              padding: 0.9rem 1.2rem; box-shadow: 0 1px 4px rgb(0 0 0 / 4%); display: flex; align-items: center;
              gap: 2rem; flex-wrap: wrap; }
    h2 { font-size: 1.05rem; margin: 0; min-width: 7rem; }
    .figure { display: flex; flex-direction: column; }
    .figure .value { font-size: 1.6rem; font-weight: 700; font-variant-numeric: tabular-nums; line-height: 1.15; }
    .figure .label { font-size: 0.8rem; color: var(--parley-muted); text-transform: uppercase; letter-spacing: 0.03em; }
    .figure.alert .value { color: var(--parley-danger); }
    a { margin-left: auto; color: var(--parley-primary); font-weight: 600; text-decoration: none; }
    a:hover { text-decoration: underline; }
  `];

  connectedCallback() {
    super.connectedCallback();
    this.load();
    this.timer = setInterval(() => { if (document.visibilityState === 'visible') this.load(); }, REFRESH_MS);
  }

  disconnectedCallback() {
    clearInterval(this.timer);
    super.disconnectedCallback();
  }

  async load() {
    try {
      this.counts = await api('/api/v1/tasks/counts');
      this.error = null;
    } catch (error) {
      this.error = describe(error);
    }
  }

  render() {
    const c = this.counts;
    return html`
      <section aria-labelledby="task-counts-title">
        <h2 id="task-counts-title">Tasks</h2>
        ${this.error ? html`<span class="muted">The team's tasks could not be loaded: ${this.error}</span>` : !c
          ? html`<span class="muted">Loading…</span>` : html`
          ${figure('tasks-open', 'Open', c.open, false)}
          ${figure('tasks-overdue', 'Overdue', c.overdue, c.overdue > 0)}
          ${figure('tasks-due-today', 'Due today', c.dueToday, false)}
          ${figure('tasks-in-progress', 'In progress', c.inProgress, false)}`}
        <a href="#/tasks">View all tasks →</a>
      </section>`;
  }
}

function figure(id, label, value, alert) {
  return html`
    <div class="figure ${alert ? 'alert' : ''}" role="group" aria-labelledby="${id}-label">
      <span class="value" data-testid=${id}>${value}</span>
      <span class="label" id="${id}-label">${label}</span>
    </div>`;
}

customElements.define('parley-task-counts-card', TaskCountsCard);
