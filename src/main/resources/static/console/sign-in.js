import { LitElement, html } from 'lit';
import { describe, publicApi, session } from './api.js';
import { shared } from './styles.js';

/** The sign-in form; fires `signed-in` once the person is in. */
export class SignIn extends LitElement {
  static properties = { error: { state: true }, busy: { state: true } };
  static styles = shared;

  async submit(event) {
    event.preventDefault();
    const form = new FormData(event.target);
    this.busy = true;
    this.error = null;
    try {
      const signedIn = await publicApi('/api/v1/auth/login', {
        method: 'POST',
        body: { email: form.get('email'), password: form.get('password') },
      });
      session.set(signedIn);
      this.dispatchEvent(new CustomEvent('signed-in', { bubbles: true, composed: true, detail: signedIn }));
    } catch (error) {
      this.error = describe(error);
    } finally {
      this.busy = false;
    }
  }

  render() {
    return html`
      <form class="card" @submit=${this.submit}>
        <h1>Sign in to Parley</h1>
        <label for="email">Email</label>
        <input id="email" name="email" type="email" autocomplete="username" required>
        <label for="password">Password</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required>
        <button type="submit" ?disabled=${this.busy}>Sign in</button>
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      </form>`;
  }
}
customElements.define('parley-sign-in', SignIn);
