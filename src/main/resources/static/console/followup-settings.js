import { LitElement, html, css } from 'lit';
import { api, describe } from './api.js';
import { shared } from './styles.js';
import { followUpStyles } from './followup-format.js';

const STRATEGIES = [
  ['conversation', "The conversation's operator",
    'The admin operator who had the chat follows up. When a regular operator had it, or nobody, the least loaded admin operator gets it.'],
  ['round_robin', 'Round robin', 'Each active admin operator in turn, also when several follow-ups are scheduled at once.'],
  ['least_loaded', 'Least loaded', 'The active admin operator with the fewest scheduled follow-ups.'],
];

/** The tenant admin's choice of how follow-ups scheduled without an assignee are assigned. */
export class FollowUpSettingsPanel extends LitElement {
  static properties = { value: { state: true }, saved: { state: true }, error: { state: true }, notice: { state: true }, busy: { state: true } };
  static styles = [shared, followUpStyles, css`
    section.panel { max-width: 44rem; }
    h2 { font-size: 1.05rem; margin: 0 0 0.3rem; }
    fieldset { border: none; margin: 0.8rem 0 0; padding: 0; display: grid; gap: 0.6rem; }
    label.option { display: grid; grid-template-columns: auto 1fr; gap: 0.15rem 0.7rem; margin: 0; padding: 0.75rem 0.9rem;
                   border: 1px solid var(--parley-border); border-radius: 8px; cursor: pointer; color: var(--parley-text); }
    label.option:has(input:checked) { border-color: var(--parley-primary); background: #f3f6ff; }
    label.option input { grid-row: span 2; width: auto; margin-top: 0.2rem; }
    label.option strong { font-weight: 600; }
    label.option span { color: var(--parley-muted); font-size: 0.88rem; }
    .buttons { margin-top: 1rem; }
    .buttons button[type=submit] { width: auto; margin: 0; padding: 0.5rem 1.4rem; }
  `];

  connectedCallback() {
    super.connectedCallback();
    api('/api/v1/followups/settings').then((s) => { this.value = s.assignment; this.saved = s.assignment; })
      .catch((error) => { this.error = describe(error); });
  }

  async save(event) {
    event.preventDefault();
    this.busy = true;
    this.error = null;
    this.notice = null;
    try {
      const s = await api('/api/v1/followups/settings', { method: 'PUT', body: { assignment: this.value } });
      this.saved = s.assignment;
      this.notice = 'Assignment rule saved.';
    } catch (error) {
      this.error = describe(error);
    } finally {
      this.busy = false;
    }
  }

  render() {
    return html`
      ${this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : ''}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      <section class="panel">
        <h2>Automatic assignment</h2>
        <p class="muted">Who gets a follow-up scheduled with "Automatic" as its assignee.</p>
        <form @submit=${this.save}>
          <fieldset aria-label="Assignment rule">
            ${STRATEGIES.map(([key, label, text]) => html`
              <label class="option">
                <input type="radio" name="assignment" value=${key} .checked=${this.value === key}
                    @change=${() => { this.value = key; }}>
                <strong>${label}</strong>
                <span>${text}</span>
              </label>`)}
          </fieldset>
          <div class="buttons">
            <button type="submit" ?disabled=${this.busy || !this.value || this.value === this.saved}>Save</button>
          </div>
        </form>
      </section>`;
  }
}
customElements.define('parley-followup-settings', FollowUpSettingsPanel);
