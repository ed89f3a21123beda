import { api, session } from './api.js';

/**
 * The signed-in person's live notifications: Server-Sent Events from /api/v1/notifications/stream, read with
 * fetch() so the request carries the access token (EventSource cannot send headers). Dispatches each event by its
 * name (`hello`, `notification`, `read`, `resync`) with the parsed data, and `status` ('live' or 'offline').
 * Reconnects by itself with back-off; when the server ends the stream because the token expired, it refreshes the
 * token first; when the session is over, it stops.
 */
export class NotificationStream extends EventTarget {
  /** `path`: another stream of the same protocol (the Billing page's live usage reuses it). */
  constructor(path = '/api/v1/notifications/stream') {
    super();
    this.path = path;
    this.retry = 0;
    this.renewals = 0;
    this.closed = false;
  }

  async connect() {
    const token = session.get()?.accessToken;
    if (this.closed || !token) return;
    this.controller = new AbortController();
    let response;
    try {
      response = await fetch(this.path, {
        headers: { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' },
        signal: this.controller.signal,
        cache: 'no-store',
      });
    } catch {
      this.again();
      return;
    }
    if (response.status === 401) {
      await this.renew();
      return;
    }
    if (!response.ok) {
      // A suspended or deleted tenant (403) has nothing to stream; anything else may pass.
      if (response.status !== 403) this.again();
      return;
    }
    this.retry = 0;
    this.renewals = 0;
    this.status('live');
    let ended = null;
    try {
      ended = await this.read(response.body);
    } catch {
      // The connection broke (network, server restart) or we closed it.
    }
    this.status('offline');
    if (this.closed) return;
    if (ended) await this.renew();
    else this.again();
  }

  /** Parses the event stream until it closes; answers the `end` reason when the server ended it. */
  async read(body) {
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return null;
      buffer += value.replace(/\r\n/g, '\n');
      let split;
      while ((split = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, split);
        buffer = buffer.slice(split + 2);
        const event = this.parse(block);
        if (!event) continue;
        if (event.name === 'end') return event.data.reason || 'ENDED';
        this.dispatchEvent(new CustomEvent(event.name, { detail: event.data }));
      }
    }
  }

  parse(block) {
    let name = 'message';
    const data = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event:')) name = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
    }
    if (!data.length) return null;
    try {
      return { name, data: JSON.parse(data.join('\n')) };
    } catch {
      return null;
    }
  }

  /** The token expired or the session changed: refresh it (or learn that the session is over), then reconnect. */
  async renew() {
    try {
      await api('/api/v1/me');
    } catch {
      // Signed out: api() cleared the session, and the shell shows the sign-in form on its next call.
    }
    // At once the first time; with back-off if a fresh token is refused again.
    if (session.get()) this.again(this.renewals++ ? undefined : 0);
  }

  again(delay) {
    if (this.closed) return;
    const wait = delay ?? Math.min(15000, 500 * 2 ** this.retry++);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.connect(), wait);
  }

  status(value) {
    this.dispatchEvent(new CustomEvent('status', { detail: value }));
  }

  close() {
    this.closed = true;
    clearTimeout(this.timer);
    this.controller?.abort();
  }
}
