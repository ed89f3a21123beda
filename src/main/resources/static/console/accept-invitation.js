import { LitElement, html } from 'lit';
import { describe, publicApi, session } from './api.js';
import { shared } from './styles.js';

const ROLE_NAMES = { TENANT_ADMIN: 'tenant admin', ADMIN_OPERATOR: 'admin operator', OPERATOR: 'operator' };

/**
 * The page an invitation link opens: says who invites whom to what, lets a new person choose a password (an
 * existing one confirms theirs), then signs them in to the console.
 */
export class AcceptInvitation extends LitElement {
  static properties = { invitation: { state: true }, error: { state: true }, busy: { state: true } };
  static styles = shared;

  get token() {
    return new URLSearchParams(location.search).get('token') || '';
  }

  async connectedCallback() {
    super.connectedCallback();
    try {
      this.invitation = await publicApi(`/api/v1/invitations/${encodeURIComponent(this.token)}`);
    } catch (error) {
      this.error = describe(error);
    }
  }

  async submit(event) {
    event.preventDefault();
    const form = new FormData(event.target);
    if (!this.invitation.existingAccount && form.get('password') !== form.get('confirm')) {
      this.error = 'The two passwords are not the same.';
      return;
    }
    this.busy = true;
    this.error = null;
    try {
      const signedIn = await publicApi('/api/v1/invitations/accept', {
        method: 'POST',
        body: { token: this.token, password: form.get('password'), name: form.get('name') || null },
      });
      session.set(signedIn);
      location.assign('/console/');
    } catch (error) {
      this.error = describe(error);
    } finally {
      this.busy = false;
    }
  }

  render() {
    if (!this.invitation) {
      return html`<div class="card"><h1>Invitation</h1>
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : html`<p class="muted">Loading…</p>`}
      </div>`;
    }
    const { email, tenantName, role, existingAccount } = this.invitation;
    return html`
      <form class="card" @submit=${this.submit}>
        <h1>Join ${tenantName}</h1>
        <p>You are invited as <strong>${ROLE_NAMES[role] || role}</strong> with <strong>${email}</strong>.</p>
        ${existingAccount ? html`
          <label for="password">Your Parley password</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required>` : html`
          <label for="name">Your name</label>
          <input id="name" name="name" autocomplete="name" maxlength="200">
          <label for="password">Choose a password (at least 10 characters)</label>
          <input id="password" name="password" type="password" autocomplete="new-password" minlength="10" required>
          <label for="confirm">Repeat the password</label>
          <input id="confirm" name="confirm" type="password" autocomplete="new-password" minlength="10" required>`}
        <button type="submit" ?disabled=${this.busy}>Accept and sign in</button>
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      </form>`;
  }
}
customElements.define('parley-accept-invitation', AcceptInvitation);
