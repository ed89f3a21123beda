import { LitElement, html, css } from 'lit';
import { api, describe } from './api.js';
import { shared } from './styles.js';
import { duration, localParts, percent, taskStyles } from './task-format.js';

const PRESETS = [[7, 'Last 7 days'], [30, 'Last 30 days'], [90, 'Last 90 days']];

/**
 * The completion report: for the tasks created in a period (days in this browser's time zone), per admin operator
 * and for the team, how many were assigned, completed, completed on time and are overdue now, the completion
 * rate (cancelled tasks do not count) and the average time from creation to completion.
 */
export class TaskReport extends LitElement {
  static properties = {
    me: { type: Object },
    from: { state: true }, to: { state: true }, report: { state: true }, loading: { state: true }, error: { state: true },
  };

  static styles = [shared, taskStyles, css`
    .toolbar { display: flex; gap: 0.7rem; align-items: flex-end; flex-wrap: wrap; margin-bottom: 1rem; }
    .toolbar .field { display: flex; flex-direction: column; }
    .toolbar label { margin: 0 0 0.25rem; font-size: 0.8rem; }
    .toolbar input { padding: 0.45rem 0.6rem; }
    .toolbar button { padding: 0.45rem 0.9rem; }
    .toolbar .presets { display: flex; gap: 0.4rem; }
    .toolbar .scope { margin-left: auto; color: var(--parley-muted); font-size: 0.88rem; padding-bottom: 0.5rem; }
    .tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(10.5rem, 1fr)); gap: 0.9rem; margin-bottom: 1.1rem; }
    .tile { background: var(--parley-surface); border: 1px solid var(--parley-border); border-radius: 10px; padding: 0.8rem 1rem; }
    .tile h3 { font-size: 0.76rem; font-weight: 600; color: var(--parley-muted); margin: 0 0 0.3rem; text-transform: uppercase;
               letter-spacing: 0.03em; }
    .tile .value { font-size: 1.7rem; font-weight: 700; font-variant-numeric: tabular-nums; }
    .table-wrap { background: var(--parley-surface); border: 1px solid var(--parley-border); border-radius: 10px; overflow: hidden; }
    tfoot td { font-weight: 600; background: #f8f9fc; border-top: 2px solid var(--parley-border); border-bottom: none; }
    .rate { display: flex; align-items: center; gap: 0.6rem; justify-content: flex-end; white-space: nowrap; }
    .bar { width: 5rem; flex: none; height: 0.5rem; background: var(--parley-background); border-radius: 999px; overflow: hidden;
           border: 1px solid var(--parley-border); }
    .bar span { display: block; height: 100%; background: var(--parley-primary); }
    td.overdue-count.some { color: var(--parley-danger); font-weight: 600; }
    .note { color: var(--parley-muted); font-size: 0.84rem; margin-top: 0.7rem; }
  `];

  constructor() {
    super();
    this.preset(30, false);
  }

  connectedCallback() {
    super.connectedCallback();
    this.load();
  }

  preset(days, load = true) {
    const today = new Date();
    const start = new Date(today.getFullYear(), today.getMonth(), today.getDate() - days + 1);
    this.from = localParts(start.toISOString()).date;
    this.to = localParts(today.toISOString()).date;
    if (load) this.load();
  }

  async load() {
    if (!this.from || !this.to) return;
    const from = new Date(`${this.from}T00:00`);
    const to = new Date(`${this.to}T00:00`);
    to.setDate(to.getDate() + 1);
    if (to <= from) {
      this.error = 'The end date must be on or after the start date.';
      return;
    }
    // Only the latest period's answer is shown: an earlier request that answers late must not replace it.
    const generation = (this.generation = (this.generation || 0) + 1);
    this.loading = true;
    try {
      const report = await api(`/api/v1/tasks/report?from=${from.toISOString()}&to=${to.toISOString()}`);
      if (generation !== this.generation) return;
      this.report = report;
      this.error = null;
    } catch (error) {
      if (generation === this.generation) this.error = describe(error);
    } finally {
      if (generation === this.generation) this.loading = false;
    }
  }

  render() {
    const r = this.report;
    return html`
      <div class="toolbar">
        <div class="field">
          <label for="report-from">From</label>
          <input id="report-from" type="date" .value=${this.from} @change=${(e) => { this.from = e.target.value; this.load(); }}>
        </div>
        <div class="field">
          <label for="report-to">To</label>
          <input id="report-to" type="date" .value=${this.to} @change=${(e) => { this.to = e.target.value; this.load(); }}>
        </div>
        <div class="presets">
          ${PRESETS.map(([days, label]) => html`<button class="secondary" @click=${() => this.preset(days)}>${label}</button>`)}
        </div>
        <span class="scope">Tasks created in the period, by current assignee</span>
      </div>
      ${this.error ? html`<p class="error-box" role="alert">${this.error}</p>` : ''}
      ${!r ? html`<p class="muted">${this.loading ? 'Loading the report…' : ''}</p>` : this.renderReport(r)}`;
  }

  renderReport(r) {
    const t = r.totals;
    return html`
      <div class="tiles">
        ${tile('Tasks created', t.assigned)}
        ${tile('Completed', t.completed)}
        ${tile('Completion rate', percent(t.completionRate))}
        ${tile('On time', percent(t.onTimeRate))}
        ${tile('Overdue now', t.overdue)}
        ${tile('Average time to complete', duration(t.averageCompletionSeconds))}
      </div>
      <div class="table-wrap">
        <table aria-label="Task completion by admin operator">
          <thead>
            <tr><th>Admin operator</th><th class="num">Assigned</th><th class="num">Completed</th>
              <th class="num">On time</th><th class="num">Overdue now</th><th class="num">Open</th>
              <th class="num">Completion rate</th><th class="num">Avg. time to complete</th></tr>
          </thead>
          <tbody>${r.operators.map((line) => row(line.operator.name + (line.operator.active ? '' : ' (inactive)'), line))}</tbody>
          <tfoot>${row('Team', t)}</tfoot>
        </table>
      </div>
      <p class="note">Completion rate: completed ÷ (assigned − cancelled). On time: completed by the due time, or
        without one. Overdue now: still open and past due.</p>`;
  }
}

function tile(label, value) {
  return html`<div class="tile" role="group" aria-label=${label}><h3>${label}</h3><div class="value">${value}</div></div>`;
}

function row(name, l) {
  const rate = l.completionRate;
  return html`
    <tr>
      <td>${name}</td>
      <td class="num">${l.assigned}</td>
      <td class="num">${l.completed}</td>
      <td class="num">${l.completedOnTime}</td>
      <td class="num overdue-count ${l.overdue ? 'some' : ''}">${l.overdue}</td>
      <td class="num">${l.open}</td>
      <td class="num"><span class="rate">${percent(rate)}
        ${rate === null ? '' : html`<span class="bar" aria-hidden="true"><span style="width: ${Math.round(rate * 100)}%"></span></span>`}</span></td>
      <td class="num">${duration(l.averageCompletionSeconds)}</td>
    </tr>`;
}

customElements.define('parley-task-report', TaskReport);
