// The phone's offline outbox. A note is written to localStorage (`convene.outbox.<CODE>`)
// before anything is sent, with the id it will always be posted under. It is re-sent on
// every (re)connect until the server answers for it. The server acknowledges a re-sent id
// as a duplicate instead of making a second note, so a note is delivered once: never lost
// to bad Wi-Fi or a reload, never doubled by a retry.

import { storage } from './storage.js';
import { randomId, normalizeCode } from './client.js';

// Answers that mean "not now" rather than "no": the note stays queued. `offline` and
// `disconnected` are the connection's own (see client.js); `not_ready` means the hello had
// not been answered yet.
const RETRY_CODES = new Set(['storage_failed', 'busy', 'rate_limited', 'offline', 'disconnected', 'not_ready']);
// Server trouble is usually over in a moment: try again without waiting for a reconnect.
const RETRY_SOON_CODES = new Set(['storage_failed', 'busy', 'rate_limited']);
const RETRY_SOON_MS = 3000;

export function outboxKey(code) {
  return `convene.outbox.${normalizeCode(code)}`;
}

export class Outbox {
  /**
   * onChange(): the list changed (show it again).
   * onRejected(entry, error): the server refused the note for good; it left the outbox, and
   *   the screen should show the person why (and the text, so nothing is lost).
   */
  constructor(code, { onChange = () => {}, onRejected = () => {} } = {}) {
    this.key = outboxKey(code);
    this.onChange = onChange;
    this.onRejected = onRejected;
    this.inFlight = new Set(); // ids sent on the current connection and not yet answered
    this.retryTimer = null;
    this.items = this.read();
    // Another tab of the same meeting may have sent or queued notes.
    addEventListener('storage', (e) => {
      if (e.key === this.key) {
        this.items = this.read();
        this.onChange();
      }
    });
  }

  read() {
    const list = storage.getJSON(this.key, []);
    return Array.isArray(list) ? list.filter((e) => e && typeof e.id === 'string' && typeof e.text === 'string') : [];
  }

  write() {
    storage.setJSON(this.key, this.items);
    this.onChange();
  }

  /** The queued notes, oldest first. */
  list() {
    return this.items.slice();
  }

  has(id) {
    return this.items.some((e) => e.id === id);
  }

  /** Queues a new note and returns its entry; call `flush` to send it. */
  add(kind, text) {
    const entry = { id: randomId('n-'), kind, text, queuedAt: Date.now() };
    this.items.push(entry);
    this.write();
    return entry;
  }

  remove(id) {
    const before = this.items.length;
    this.items = this.items.filter((e) => e.id !== id);
    if (this.items.length !== before) this.write();
  }

  /** Sends every queued note not already on its way over `conn` (a client.js connection). */
  flush(conn) {
    if (!conn.connected) return;
    for (const entry of this.items) {
      if (this.inFlight.has(entry.id)) continue;
      this.inFlight.add(entry.id);
      const post = { type: 'post', id: entry.id, text: entry.text };
      if (entry.kind) post.kind = entry.kind;
      conn
        .send(post)
        .then(() => this.remove(entry.id))
        .catch((err) => {
          if (RETRY_CODES.has(err.code)) {
            if (RETRY_SOON_CODES.has(err.code)) this.retrySoon(conn);
            return;
          }
          // conflict, invalid, phase_closed, not_allowed, limit_reached…: retrying cannot help.
          this.remove(entry.id);
          this.onRejected(entry, err);
        })
        .finally(() => this.inFlight.delete(entry.id));
    }
  }

  retrySoon(conn) {
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.flush(conn);
    }, RETRY_SOON_MS);
  }
}
