import { html, css } from 'lit';
import { api } from './api.js';
import { SettingsSection, sectionStyles } from './settings-section.js';
import { shared } from './styles.js';

/**
 * The hosts the widget may run on. Added and removed here, saved together; a host of another tenant is refused
 * (409) and named. Removing hosts asks first: pages there lose the widget at once.
 */
export class DomainSettings extends SettingsSection {
  static section = 'domains';
  static properties = { ...SettingsSection.properties, host: { state: true }, confirming: { state: true }, taken: { state: true } };
  static styles = [shared, sectionStyles, css`
    .add { display: flex; gap: 0.5rem; align-items: flex-start; max-width: 32rem; }
    .add input { flex: 1; }
    .add button { white-space: nowrap; }
    table { width: 100%; border-collapse: collapse; margin-top: 1rem; }
    th, td { text-align: left; padding: 0.55rem 0.4rem; border-bottom: 1px solid var(--parley-border); font-size: 0.92rem; }
    th { font-size: 0.8rem; color: var(--parley-muted); text-transform: uppercase; letter-spacing: 0.03em; font-weight: 600; }
    td.actions { text-align: right; width: 1%; white-space: nowrap; }
    td code { font-size: 0.92rem; }
    tr.taken td { background: #fff1f0; }
    .tag { font-size: 0.75rem; padding: 0.1rem 0.45rem; border-radius: 4px; margin-left: 0.5rem; }
    .tag.new { background: #ddf4ff; color: #0550ae; }
    .tag.clash { background: #ffebe9; color: #a40e26; }
    .empty { color: var(--parley-muted); padding: 1rem 0 0.2rem; margin: 0; }
    .confirm { display: flex; align-items: center; gap: 0.5rem; flex-wrap: wrap; }
  `];

  constructor() {
    super();
    this.host = '';
    this.taken = [];
  }

  load() {
    return { domains: [...this.settings.domains] };
  }

  async persist(draft) {
    this.taken = [];
    try {
      const settings = await api('/api/v1/settings/domains', { method: 'PUT', body: { domains: draft.domains } });
      this.stored({ settings });
    } catch (error) {
      if (error.code === 'DOMAIN_TAKEN') this.taken = error.problem?.domains || [];
      throw error;
    }
  }

  /** `domains[2]` → the row of that host. */
  fieldOf(apiField) {
    const match = /^domains\[(\d+)\]$/.exec(apiField);
    return match ? `host:${this.draft.domains[Number(match[1])]}` : apiField;
  }

  add(event) {
    event?.preventDefault();
    const host = this.host.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/\/.*$/, '');
    if (!host) {
      this.errors = { ...this.errors, host: 'Type a domain such as shop.example.com.' };
      return;
    }
    this.host = '';
    if (!this.draft.domains.includes(host)) this.edit({ domains: [...this.draft.domains, host] });
  }

  remove(host) {
    this.taken = this.taken.filter((h) => h !== host);
    this.edit({ domains: this.draft.domains.filter((h) => h !== host) });
  }

  removed() {
    return this.initial.domains.filter((h) => !this.draft.domains.includes(h));
  }

  submit(event) {
    event.preventDefault();
    if (this.removed().length && !this.confirming) {
      this.confirming = true;
      return;
    }
    this.confirming = false;
    this.save();
  }

  discard() {
    this.confirming = false;
    this.taken = [];
    super.discard();
  }

  render() {
    if (!this.draft) return '';
    const domains = this.draft.domains;
    return html`
      <form @submit=${this.submit} novalidate>
        <section class="card" aria-labelledby="domains-heading">
          <h2 id="domains-heading">Allowed domains</h2>
          <p class="intro">The widget runs only on pages of these hosts. <code>shop.example.com</code> is that host (any
            port), <code>*.example.com</code> its sub-domains, <code>localhost:3000</code> one port. A domain belongs to
            one Parley workspace at most.</p>
          <div class="add">
            <input type="text" aria-label="Domain" placeholder="shop.example.com or *.example.com" .value=${this.host}
                aria-invalid=${this.invalid('host')}
                @input=${(e) => { this.host = e.target.value; this.errors = { ...this.errors, host: undefined }; }}
                @keydown=${(e) => { if (e.key === 'Enter') this.add(e); }}>
            <button type="button" class="secondary" @click=${this.add}>Add domain</button>
          </div>
          ${this.fieldError('host')}
          ${domains.length ? html`
            <table>
              <thead><tr><th scope="col">Host</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
              <tbody>
                ${domains.map((host) => html`
                  <tr class=${this.taken.includes(host) ? 'taken' : ''}>
                    <td><code>${host}</code>
                      ${!this.initial.domains.includes(host) ? html`<span class="tag new">not saved</span>` : ''}
                      ${this.taken.includes(host) ? html`<span class="tag clash">another tenant’s</span>` : ''}
                      ${this.fieldError(`host:${host}`)}</td>
                    <td class="actions"><button type="button" class="secondary small" aria-label="Remove ${host}"
                        @click=${() => this.remove(host)}>Remove</button></td>
                  </tr>`)}
              </tbody>
            </table>` : html`<p class="empty">No domains yet: the widget shows on no site until you add yours.</p>`}
        </section>
        ${this.confirming ? html`
          <div class="warning confirm" role="alert">
            Pages on ${this.removed().join(', ')} lose the widget as soon as you save.
            <button type="submit" class="danger small">Remove and save</button>
            <button type="button" class="secondary small" @click=${() => { this.confirming = false; }}>Cancel</button>
          </div>` : ''}
        ${this.renderSaveBar('Save domains')}
      </form>`;
  }
}
customElements.define('parley-domain-settings', DomainSettings);
