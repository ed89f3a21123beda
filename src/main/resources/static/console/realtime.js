import { api, session } from './api.js';

/**
 * The operator's realtime connection: one socket for every conversation of the tenant. Reconnects by itself
 * (refreshing an expired access token first) and asks for what it missed; dispatches each frame as an event
 * named after its type.
 */
export class OperatorSocket extends EventTarget {
  constructor() {
    super();
    this.lastSeq = new Map();
    this.retry = 0;
    this.closed = false;
    this.pending = new Map();
  }

  connect() {
    const token = session.get()?.accessToken;
    if (!token || this.closed) return;
    const url = `${location.origin.replace(/^http/, 'ws')}/ws/operator?token=${encodeURIComponent(token)}`;
    const socket = new WebSocket(url);
    this.socket = socket;
    socket.onopen = () => {
      this.retry = 0;
      if (this.lastSeq.size) {
        this.send({ type: 'resume', conversations: Object.fromEntries(this.lastSeq) });
      }
      this.pending.forEach((frame) => this.send(frame));
    };
    socket.onmessage = (event) => {
      let frame;
      try { frame = JSON.parse(event.data); } catch { return; }
      if (frame.type === 'hello') this.dispatchEvent(new CustomEvent('status', { detail: 'connected' }));
      if (frame.type === 'ack' && frame.ref) this.pending.delete(frame.ref);
      if (frame.type === 'error' && frame.ref) this.pending.delete(frame.ref);
      this.dispatchEvent(new CustomEvent(frame.type, { detail: frame }));
    };
    socket.onclose = async (event) => {
      if (this.socket !== socket || this.closed) return;
      this.dispatchEvent(new CustomEvent('status', { detail: 'disconnected' }));
      if (event.code === 4401) {
        try { await api('/api/v1/me'); } catch { /* refreshes an expired token, or signs out */ }
        if (!session.get()) return;
      }
      if (event.code === 4403) return;
      setTimeout(() => this.connect(), Math.min(10000, 500 * 2 ** this.retry++));
    };
  }

  /** Remembers the newest sequence number seen per conversation, for resuming after a drop. */
  saw(conversationId, seq) {
    if (seq > (this.lastSeq.get(conversationId) || 0)) this.lastSeq.set(conversationId, seq);
  }

  send(frame) {
    if (this.socket?.readyState === WebSocket.OPEN) {
      this.socket.send(JSON.stringify(frame));
      return true;
    }
    return false;
  }

  /** Sends a message; kept until acknowledged and sent again after a reconnect (same client id: no duplicate). */
  sendMessage(conversationId, body, isPrivate) {
    const ref = crypto.randomUUID ? crypto.randomUUID() : String(Math.random()).slice(2);
    const frame = { type: 'message.send', ref, clientId: ref, conversationId, body, private: isPrivate };
    this.pending.set(ref, frame);
    this.send(frame);
    return ref;
  }

  close() {
    this.closed = true;
    this.socket?.close();
  }
}
