import { LitElement, html, css } from 'lit';
import { shared } from './styles.js';

/** The script tag that puts the tenant's widget on a site, with a button that copies it. */
export class EmbedSnippet extends LitElement {
  static properties = { widgetKey: { type: String }, copied: { state: true }, failed: { state: true } };
  static styles = [shared, css`
    .card { max-width: none; margin: 0 0 1rem; padding: 1.25rem 1.5rem; }
    h2 { font-size: 1.05rem; margin: 0 0 0.25rem; }
    p { margin: 0 0 1rem; color: var(--parley-muted); font-size: 0.9rem; line-height: 1.45; }
    pre {
      margin: 0; padding: 0.9rem 1rem; background: #1f2430; color: #e6edf3; border-radius: 8px; overflow-x: auto;
      font-size: 0.85rem; line-height: 1.5; white-space: pre-wrap; word-break: break-all;
    }
    .actions { display: flex; align-items: center; gap: 0.75rem; margin-top: 0.75rem; }
    .ok { color: #1a7f37; font-weight: 600; font-size: 0.9rem; }
    .hint { font-size: 0.85rem; color: var(--parley-muted); }
  `];

  snippet() {
    return `<script src="${location.origin}/widget.js" data-parley-key="${this.widgetKey}" async></script>`;
  }

  async copy() {
    this.failed = false;
    try {
      await navigator.clipboard.writeText(this.snippet());
      this.copied = true;
      clearTimeout(this.timer);
      this.timer = setTimeout(() => { this.copied = false; }, 3000);
    } catch {
      // No clipboard access (an insecure origin or a refusal): select the text so Ctrl+C copies it.
      this.failed = true;
      const selection = this.renderRoot.getSelection?.() || window.getSelection();
      selection.selectAllChildren(this.renderRoot.querySelector('code'));
    }
  }

  render() {
    return html`
      <section class="card" aria-labelledby="embed-heading">
        <h2 id="embed-heading">Embed the widget</h2>
        <p>Paste this before <code>&lt;/body&gt;</code> on every page of your site where visitors should be able to chat.
          The site must be on one of the allowed domains below.</p>
        <pre><code data-testid="embed-snippet">${this.snippet()}</code></pre>
        <div class="actions">
          <button type="button" @click=${this.copy}>Copy snippet</button>
          ${this.copied ? html`<span class="ok" role="status">Copied to the clipboard</span>` : ''}
          ${this.failed ? html`<span class="hint" role="status">Press Ctrl+C (⌘C) to copy the selected snippet.</span>` : ''}
        </div>
      </section>`;
  }
}
customElements.define('parley-embed-snippet', EmbedSnippet);
