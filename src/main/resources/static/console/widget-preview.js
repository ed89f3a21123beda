import { LitElement, html, css } from 'lit';
import { shared } from './styles.js';

const VIEWS = [['welcome', 'Welcome'], ['conversation', 'Conversation'], ['offline', 'Offline']];

/**
 * The real widget (widget.js in preview mode, in /widget/preview.html) drawing a draft configuration, so an admin
 * sees a change before saving it. The draft goes by postMessage to this origin only; the preview makes no request,
 * so it creates no visitor, session or conversation. Once drawn, it fires `preview-defaults` with the widget's own
 * greeting and offline message in the drawn language ({greeting, offlineMessage}).
 */
export class WidgetPreview extends LitElement {
  static properties = { config: { type: Object }, operatorName: { type: String }, view: { state: true } };
  static styles = [shared, css`
    :host { display: block; }
    .head { display: flex; align-items: center; justify-content: space-between; gap: 0.5rem; margin-bottom: 0.5rem; }
    h2 { font-size: 0.95rem; margin: 0; }
    .views { display: inline-flex; border: 1px solid var(--parley-border); border-radius: 6px; overflow: hidden; }
    .views button {
      border: 0; border-radius: 0; padding: 0.3rem 0.65rem; font-size: 0.8rem; background: var(--parley-surface);
      color: var(--parley-text);
    }
    .views button + button { border-left: 1px solid var(--parley-border); }
    .views button[aria-pressed="true"] { background: var(--parley-primary); color: white; }
    iframe {
      display: block; width: 100%; height: 640px; border: 1px solid var(--parley-border); border-radius: 10px;
      background: #eef1f6;
    }
    .hint { font-size: 0.8rem; color: var(--parley-muted); margin: 0.4rem 0 0; }
  `];

  constructor() {
    super();
    this.view = 'welcome';
    this.onMessage = (event) => {
      const frame = this.renderRoot.querySelector('iframe');
      if (event.origin !== location.origin || !frame || event.source !== frame.contentWindow) return;
      if (event.data?.type === 'parley.preview.ready') {
        this.ready = true;
        this.post();
      } else if (event.data?.type === 'parley.preview.drawn' && event.data.defaults) {
        const { greeting, offlineMessage } = event.data.defaults;
        this.dispatchEvent(new CustomEvent('preview-defaults', {
          bubbles: true, composed: true, detail: { greeting: String(greeting), offlineMessage: String(offlineMessage) },
        }));
      }
    };
  }

  connectedCallback() {
    super.connectedCallback();
    window.addEventListener('message', this.onMessage);
  }

  disconnectedCallback() {
    window.removeEventListener('message', this.onMessage);
    super.disconnectedCallback();
  }

  updated() {
    this.post();
  }

  post() {
    const frame = this.renderRoot.querySelector('iframe');
    if (!this.ready || !frame?.contentWindow || !this.config) return;
    const name = this.operatorName || 'Alex';
    frame.contentWindow.postMessage({
      type: 'parley.preview',
      config: this.config,
      view: this.view,
      messages: [
        { senderKind: 'VISITOR', body: 'Hi! Has my order shipped yet?' },
        { senderKind: 'OPERATOR', senderName: name, body: 'Hello! Let me check that for you — one moment.' },
      ],
    }, location.origin);
  }

  render() {
    return html`
      <div class="head">
        <h2 id="preview-heading">Live preview</h2>
        <div class="views" role="group" aria-label="Preview of">
          ${VIEWS.map(([view, label]) => html`
            <button type="button" aria-pressed=${this.view === view ? 'true' : 'false'}
                @click=${() => { this.view = view; }}>${label}</button>`)}
        </div>
      </div>
      <iframe src="/widget/preview.html" title="Widget preview" aria-describedby="preview-hint"></iframe>
      <p class="hint" id="preview-hint">Your unsaved changes, as visitors will see them once saved. Nothing typed here is sent.</p>`;
  }
}
customElements.define('parley-widget-preview', WidgetPreview);
