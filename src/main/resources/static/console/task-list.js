import { LitElement, html, css } from 'lit';
import { live } from 'lit/directives/live.js';
import { api, describe } from './api.js';
import { shared } from './styles.js';
import {
  PRIORITIES, PRIORITY_LABELS, STATUS_LABELS, dateTime, due, instantOf, priorityBadge, taskStyles,
} from './task-format.js';
import './task-modal.js';

const STATUS_FILTERS = [
  ['OPEN,IN_PROGRESS', 'Open work'], ['OPEN', 'Open'], ['IN_PROGRESS', 'In progress'], ['COMPLETED', 'Completed'],
  ['CANCELLED', 'Cancelled'], ['', 'All statuses'],
];
const SORTS = [
  ['due,asc', 'Due date, soonest first'], ['due,desc', 'Due date, latest first'], ['priority,desc', 'Priority, highest first'],
  ['created,desc', 'Newest first'], ['created,asc', 'Oldest first'], ['updated,desc', 'Recently updated'],
];
const DEFAULTS = { status: 'OPEN,IN_PROGRESS', assignee: '', priority: '', dueFrom: '', dueTo: '', overdue: false, q: '', sort: 'due,asc' };

/** The filters in use, kept while the person opens a task and comes back to the list. */
let remembered = { ...DEFAULTS };

/**
 * The team's tasks: filters (status, assignee or "Mine", priority, due dates, overdue, text), sorting, pages, and
 * status changes in the list itself. "New task" makes a task that is not about a chat.
 */
export class TaskList extends LitElement {
  static properties = {
    me: { type: Object },
    filters: { state: true }, tasks: { state: true }, next: { state: true }, loading: { state: true },
    error: { state: true }, notice: { state: true }, assignees: { state: true }, busy: { state: true },
  };

  static styles = [shared, taskStyles, css`
    .toolbar { display: flex; gap: 0.7rem; align-items: flex-end; flex-wrap: wrap; margin-bottom: 1rem; }
    .toolbar .field { display: flex; flex-direction: column; }
    .toolbar label { margin: 0 0 0.25rem; font-size: 0.8rem; }
    .toolbar select, .toolbar input { padding: 0.45rem 0.6rem; width: auto; }
    .toolbar select { max-width: 15rem; }
    .toolbar .search { flex: 1; min-width: 14rem; }
    .toolbar .search input { width: 100%; }
    .toolbar .check { flex-direction: row; align-items: center; gap: 0.4rem; padding-bottom: 0.55rem; }
    .toolbar .check input { width: auto; margin: 0; }
    .toolbar .check label { margin: 0; font-size: 0.9rem; color: var(--parley-text); }
    .toolbar .actions { display: flex; gap: 0.5rem; margin-left: auto; }
    .toolbar button { padding: 0.45rem 0.9rem; white-space: nowrap; }
    .table-wrap { background: var(--parley-surface); border: 1px solid var(--parley-border); border-radius: 10px; overflow: hidden; }
    td.title { min-width: 16rem; }
    td.title a { font-weight: 600; }
    td.title .sub { display: block; color: var(--parley-muted); font-size: 0.8rem; margin-top: 0.15rem; }
    td select { width: auto; padding: 0.28rem 0.45rem; font-size: 0.88rem; }
    tr.overdue td.due { color: var(--parley-danger); font-weight: 600; }
    .more { display: flex; justify-content: center; margin-top: 1rem; }
    .summary { color: var(--parley-muted); font-size: 0.88rem; margin: -0.4rem 0 0.7rem; }
  `];

  constructor() {
    super();
    this.filters = { ...remembered };
    this.tasks = [];
    this.assignees = [];
    this.loading = true;
    this.generation = 0;
  }

  connectedCallback() {
    super.connectedCallback();
    this.load();
    api('/api/v1/tasks/assignees').then((people) => { this.assignees = people; }).catch(() => {});
  }

  params(cursor) {
    const f = this.filters;
    const params = new URLSearchParams({ limit: '50', sort: f.sort });
    if (f.status) params.set('status', f.status);
    if (f.assignee) params.set('assignee', f.assignee);
    if (f.priority) params.set('priority', f.priority);
    const from = instantOf(f.dueFrom, '00:00');
    const to = f.dueTo ? new Date(new Date(`${f.dueTo}T00:00`).getTime() + 86_400_000).toISOString() : null;
    if (from) params.set('dueFrom', from);
    if (to) params.set('dueTo', to);
    if (f.overdue) params.set('overdue', 'true');
    if (f.q.trim()) params.set('q', f.q.trim());
    if (cursor) params.set('cursor', cursor);
    return params;
  }

  async load(cursor = null) {
    const generation = ++this.generation;
    this.loading = true;
    try {
      const page = await api(`/api/v1/tasks?${this.params(cursor)}`);
      if (generation !== this.generation) return; // a newer filter has started
      this.tasks = cursor ? [...this.tasks, ...page.items] : page.items;
      this.next = page.nextCursor;
      this.error = null;
    } catch (error) {
      if (generation === this.generation) this.error = describe(error);
    } finally {
      if (generation === this.generation) this.loading = false;
    }
  }

  set(name, value) {
    this.filters = { ...this.filters, [name]: value };
    remembered = this.filters;
    if (name === 'q') {
      clearTimeout(this.searchTimer);
      this.searchTimer = setTimeout(() => this.load(), 250);
    } else {
      this.load();
    }
  }

  reset() {
    this.filters = { ...DEFAULTS };
    remembered = this.filters;
    this.load();
  }

  async changeStatus(task, select) {
    const status = select.value;
    if (status === task.status) return;
    this.busy = true;
    this.notice = null;
    try {
      const updated = await api(`/api/v1/tasks/${task.id}`, { method: 'PATCH', body: { status } });
      this.tasks = this.tasks.map((t) => (t.id === updated.id ? updated : t));
      this.notice = `“${updated.title}” is now ${STATUS_LABELS[updated.status].toLowerCase()}.`;
      this.error = null;
    } catch (error) {
      select.value = task.status;
      this.error = describe(error);
    } finally {
      this.busy = false;
    }
  }

  filtered() {
    const f = this.filters;
    return Object.keys(DEFAULTS).some((k) => k !== 'sort' && f[k] !== DEFAULTS[k]);
  }

  render() {
    return html`
      ${this.renderToolbar()}
      ${this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : ''}
      ${this.error ? html`<p class="error-box" role="alert">${this.error}</p>` : ''}
      ${this.renderTable()}
      ${this.next ? html`<div class="more"><button class="secondary" ?disabled=${this.loading}
          @click=${() => this.load(this.next)}>Show more</button></div>` : ''}
      <parley-task-modal .me=${this.me?.user?.id} @task-created=${() => this.load()}></parley-task-modal>`;
  }

  renderToolbar() {
    const f = this.filters;
    const me = this.me?.user?.id;
    return html`
      <div class="toolbar" role="search" aria-label="Filter tasks">
        <div class="field search">
          <label for="tasks-q">Search</label>
          <input id="tasks-q" type="search" placeholder="Title or description" .value=${live(f.q)}
              @input=${(e) => this.set('q', e.target.value)}>
        </div>
        <div class="field">
          <label for="tasks-status">Status</label>
          <select id="tasks-status" .value=${live(f.status)} @change=${(e) => this.set('status', e.target.value)}>
            ${STATUS_FILTERS.map(([v, l]) => html`<option value=${v} ?selected=${v === f.status}>${l}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="tasks-assignee">Assignee</label>
          <select id="tasks-assignee" .value=${live(f.assignee)} @change=${(e) => this.set('assignee', e.target.value)}>
            <option value="" ?selected=${f.assignee === ''}>Everyone</option>
            <option value="me" ?selected=${f.assignee === 'me'}>Mine</option>
            ${this.assignees.filter((a) => a.userId !== me).map((a) => html`
              <option value=${a.userId} ?selected=${f.assignee === a.userId}>${a.name}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="tasks-priority">Priority</label>
          <select id="tasks-priority" .value=${live(f.priority)} @change=${(e) => this.set('priority', e.target.value)}>
            <option value="" ?selected=${f.priority === ''}>Any priority</option>
            ${[...PRIORITIES].reverse().map((p) => html`<option value=${p} ?selected=${f.priority === p}>${PRIORITY_LABELS[p]}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="tasks-due-from">Due from</label>
          <input id="tasks-due-from" type="date" .value=${live(f.dueFrom)} @change=${(e) => this.set('dueFrom', e.target.value)}>
        </div>
        <div class="field">
          <label for="tasks-due-to">Due until</label>
          <input id="tasks-due-to" type="date" .value=${live(f.dueTo)} @change=${(e) => this.set('dueTo', e.target.value)}>
        </div>
        <div class="field check">
          <input id="tasks-overdue" type="checkbox" .checked=${live(f.overdue)} @change=${(e) => this.set('overdue', e.target.checked)}>
          <label for="tasks-overdue">Overdue only</label>
        </div>
        <div class="field">
          <label for="tasks-sort">Sort by</label>
          <select id="tasks-sort" .value=${live(f.sort)} @change=${(e) => this.set('sort', e.target.value)}>
            ${SORTS.map(([v, l]) => html`<option value=${v} ?selected=${v === f.sort}>${l}</option>`)}
          </select>
        </div>
        <div class="actions">
          ${this.filtered() ? html`<button class="secondary" @click=${() => this.reset()}>Clear filters</button>` : ''}
          <button @click=${() => this.renderRoot.querySelector('parley-task-modal').open()}>New task</button>
        </div>
      </div>`;
  }

  renderTable() {
    if (this.loading && this.tasks.length === 0) return html`<div class="table-wrap"><p class="empty">Loading tasks…</p></div>`;
    if (this.tasks.length === 0) {
      return html`<div class="table-wrap"><p class="empty">${this.filtered()
        ? 'No tasks match these filters.'
        : 'No open tasks. Create one from a chat with “Create task”, or with “New task”.'}</p></div>`;
    }
    const me = this.me?.user?.id;
    return html`
      <div class="table-wrap">
        <table aria-label="Tasks">
          <thead><tr><th>Task</th><th>Status</th><th>Priority</th><th>Due</th><th>Assignee</th><th>Chat</th><th>Updated</th></tr></thead>
          <tbody>
            ${this.tasks.map((t) => html`
              <tr class=${t.overdue ? 'overdue' : ''} data-task=${t.id}>
                <td class="title">
                  <a href="#/tasks/${t.id}">${t.title}</a>
                  ${t.comments ? html`<span class="sub">${t.comments} comment${t.comments === 1 ? '' : 's'}</span>` : ''}
                </td>
                <td>
                  <select aria-label="Status of ${t.title}" ?disabled=${this.busy} .value=${live(t.status)}
                      @change=${(e) => this.changeStatus(t, e.target)}>
                    ${[t.status, ...t.nextStatuses].map((s) => html`<option value=${s} ?selected=${s === t.status}>${STATUS_LABELS[s]}</option>`)}
                  </select>
                </td>
                <td>${priorityBadge(t.priority)}</td>
                <td class="nowrap due" title=${dateTime(t.dueAt)}>${t.dueAt ? due(t.dueAt) : html`<span class="muted">—</span>`}
                  ${t.overdue ? html`<span class="badge overdue">Overdue</span>` : ''}</td>
                <td>${t.assignee.id === me ? 'You' : t.assignee.name}${t.assignee.active ? '' : html` <span class="muted">(inactive)</span>`}</td>
                <td class="nowrap">${t.conversationId ? html`<a href="#/inbox/${t.conversationId}"
                    aria-label="Open chat #${t.conversationNumber}">#${t.conversationNumber}</a>` : html`<span class="muted">—</span>`}</td>
                <td class="nowrap muted" title=${dateTime(t.updatedAt)}>${due(t.updatedAt)}</td>
              </tr>`)}
          </tbody>
        </table>
      </div>`;
  }
}
customElements.define('parley-task-list', TaskList);
