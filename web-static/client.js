// The connection every screen uses: one WebSocket speaking protocol v1 (docs/PROTOCOL.md).
// It says hello, keeps the meeting state current, survives flaky venue Wi-Fi by
// reconnecting and resuming from the last applied event, and turns each command into a
// Promise settled by the server's `ack` or `error` for it.

import { fromSnapshot, applyEvent, keepOwnHidden } from './meeting-state.js';
import { storage } from './storage.js';

const SUBPROTOCOL = 'convene.v1';
const BACKOFF_FIRST_MS = 500;
const BACKOFF_MAX_MS = 10_000;
const PING_EVERY_MS = 20_000;
// A pong later than this means the connection is dead even if the browser has not noticed
// (phones that slept, Wi-Fi that dropped without a FIN).
const PONG_WITHIN_MS = 10_000;
// Opening the socket and getting the welcome must not take longer than this either.
const WELCOME_WITHIN_MS = 10_000;
// Errors to `hello` that retrying cannot fix; retrying a wrong key would even lengthen the
// server's lock-out.
const FATAL_HELLO_CODES = new Set(['unknown_meeting', 'bad_key', 'bad_message', 'unknown_type']);

/** An `error` from the server, or a local one (`offline`, `disconnected`) shaped the same way. */
export class ServerError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

/** The join code as the server compares it: upper case, no spaces or dashes. */
export function normalizeCode(typed) {
  return String(typed || '').toUpperCase().replace(/[\s-]+/g, '');
}

export function tokenKey(code) {
  return `convene.token.${normalizeCode(code)}`;
}

export function loadToken(code) {
  return storage.get(tokenKey(code));
}

export function saveToken(code, token) {
  storage.set(tokenKey(code), token);
}

/** A client-chosen id (`n-…`, `nom-…`): 1–64 of A–Z a–z 0–9 _ -, random enough never to clash. */
export function randomId(prefix) {
  const bytes = new Uint8Array(9);
  crypto.getRandomValues(bytes);
  return prefix + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The server's WebSocket address: the scheme the page was loaded with (phones refuse ws:// from https://). */
function socketURL() {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/ws`;
}

// Storage is about 5 MB per site; a remembered meeting larger than this is not kept.
const MAX_REMEMBERED_CHARS = 1_500_000;

/** The state a page remembered for this meeting, if it is usable. */
function restoreState(stateKey) {
  try {
    const s = JSON.parse(storage.get(stateKey) || 'null');
    if (s && typeof s === 'object' && Number.isInteger(s.seq) && Array.isArray(s.notes) && Array.isArray(s.themes)
        && Array.isArray(s.participants) && typeof s.phase === 'string') return s;
  } catch {
    /* unreadable: start without it */
  }
  return null;
}

/**
 * One request that needs no meeting (the organizer's `listMeetings` and `createMeeting`):
 * opens a socket, sends the message, and resolves with the `ack` or rejects with a
 * ServerError. The socket is closed afterwards.
 */
export function request(message, timeoutMs = 15_000) {
  return new Promise((resolve, reject) => {
    let socket;
    try {
      socket = new WebSocket(socketURL(), SUBPROTOCOL);
    } catch {
      reject(new ServerError('offline', 'Cannot reach the Convene server.'));
      return;
    }
    let done = false;
    const finish = (fn, value) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
      try { socket.close(); } catch { /* already closed */ }
      fn(value);
    };
    const timer = setTimeout(() => finish(reject, new ServerError('timeout', 'The server did not answer in time. Please try again.')), timeoutMs);
    socket.onopen = () => socket.send(JSON.stringify({ ...message, req: 1 }));
    socket.onmessage = (m) => {
      let reply;
      try { reply = JSON.parse(m.data); } catch { return; }
      if (reply?.req !== 1) return;
      if (reply.type === 'ack') finish(resolve, reply);
      else if (reply.type === 'error') finish(reject, new ServerError(reply.code, reply.message || 'Something went wrong.'));
    };
    socket.onclose = socket.onerror = () =>
      finish(reject, new ServerError('disconnected', 'The connection was lost before the server answered.'));
  });
}

/** JSON.stringify's replacer: half an emoji (a paste cut short by a field's length limit)
 *  becomes U+FFFD, as a browser shows it; the server refuses text with a lone surrogate. */
function wellFormed(_key, value) {
  if (typeof value !== 'string') return value;
  if (typeof value.toWellFormed === 'function') return value.toWellFormed();
  return value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/**
 * Opens the connection and keeps it open until `close()`.
 *
 * options: code, client ('participant' | 'wall' | 'console'), key (console only),
 *   onWelcome(welcome, state), onEvent(event, state, seq), onStatus(status, message, error),
 *   onError(error) for server errors that answer no command of ours (e.g. rate_limited).
 * status is 'connecting', 'connected', 'reconnecting' or 'refused' (the code or key is wrong;
 * no more attempts).
 * remember: keep the meeting state in this browser's storage, so that a page reloaded
 *   without a network shows what it knew (`state` is then set before any welcome), and a
 *   reload asks the server only for what came after it.
 */
export function connect({ code, client, key, remember = false, onWelcome, onEvent, onStatus, onError }) {
  code = normalizeCode(code);
  let ws = null;
  let ready = false; // welcomed: commands may be sent
  let headAtWelcome = 0; // the meeting's seq when welcomed: a replay has caught up once the state reaches it
  let stopped = false;
  let everWelcomed = false;
  const stateKey = `convene.state.${code}`;
  let state = remember ? restoreState(stateKey) : null;
  let saveTimer = null;
  let attempt = 0;
  let nextReq = 1;
  let helloReq = null;
  let clockOffset = 0; // server time minus local time, in ms
  let reconnectTimer = null;
  let welcomeTimer = null;
  let pingTimer = null;
  let pongTimer = null;
  let pingSentAt = 0;
  const pending = new Map(); // req → { resolve, reject }

  const status = (s, message, err) => onStatus?.(s, message, err);


  function open() {
    clearTimeout(reconnectTimer);
    reconnectTimer = null;
    if (stopped) return;
    status(everWelcomed || attempt > 0 ? 'reconnecting' : 'connecting');
    let socket;
    try {
      socket = new WebSocket(socketURL(), SUBPROTOCOL);
    } catch {
      scheduleReconnect();
      return;
    }
    ws = socket;
    welcomeTimer = setTimeout(() => drop(socket), WELCOME_WITHIN_MS);
    socket.onopen = () => {
      if (socket !== ws) return;
      sayHello();
      pingTimer = setInterval(ping, PING_EVERY_MS);
    };
    socket.onmessage = (m) => {
      if (socket === ws) receive(m.data);
    };
    socket.onclose = () => drop(socket);
    socket.onerror = () => drop(socket);
  }

  function sayHello() {
    helloReq = nextReq++;
    const hello = { type: 'hello', req: helloReq, code, client };
    if (client === 'console' && key) hello.key = key;
    if (client === 'participant') {
      // Only a token of the server's shape: one damaged in storage would be refused as a bad
      // message, and the phone with it; forgotten, the phone can join again.
      const token = loadToken(code);
      if (typeof token === 'string' && /^[0-9a-f]{32}$/.test(token)) hello.token = token;
      else if (token) storage.remove(tokenKey(code));
    }
    // Only what came after our last applied event is needed; the server decides whether it
    // can replay that or must send a full snapshot.
    if (state && Number.isInteger(state.seq) && state.seq >= 0) hello.since = state.seq;
    raw(hello);
  }

  function raw(message) {
    try {
      ws.send(JSON.stringify(message, wellFormed));
      return true;
    } catch {
      return false;
    }
  }

  function ping() {
    if (!ws || ws.readyState !== WebSocket.OPEN || pongTimer) return;
    pingSentAt = Date.now();
    raw({ type: 'ping' });
    const socket = ws;
    pongTimer = setTimeout(() => drop(socket), PONG_WITHIN_MS);
  }

  function receive(data) {
    let m;
    try {
      m = JSON.parse(data);
    } catch {
      return;
    }
    if (!m || typeof m !== 'object') return;
    switch (m.type) {
      case 'welcome':
        return welcomed(m);
      case 'event':
        return eventReceived(m);
      case 'ack':
        return settle(m.req, (p) => p.resolve(m));
      case 'error':
        return errorReceived(m);
      case 'pong':
        clearTimeout(pongTimer);
        pongTimer = null;
        if (typeof m.serverTime === 'number') {
          const now = Date.now();
          clockOffset = m.serverTime + (now - pingSentAt) / 2 - now;
        }
        return;
    }
  }

  function welcomed(m) {
    clearTimeout(welcomeTimer);
    welcomeTimer = null;
    helloReq = null;
    headAtWelcome = typeof m.seq === 'number' ? m.seq : 0;
    if (typeof m.serverTime === 'number') clockOffset = m.serverTime - Date.now();
    if (m.mode === 'snapshot' || !state) {
      state = fromSnapshot(m.snapshot || {}, m.seq, { console: client === 'console' });
    }
    // Whether this server can send e-mail (remembered with the state for an offline reload).
    if (typeof m.mail === 'boolean') state.mailAvailable = m.mail;
    // A phone keeps its own notes the facilitator hid, marked (no other screen but the console
    // has them): the welcome brings them, and `noteHidden` keeps them from then on.
    state.own = m.you?.id ?? null;
    keepOwnHidden(state, m.yourHiddenNotes);
    ready = true;
    attempt = 0;
    everWelcomed = true;
    status('connected');
    saveSoon();
    onWelcome?.(m, state);
  }

  function eventReceived(m) {
    if (!state || typeof m.seq !== 'number' || !m.event) return;
    if (m.seq <= state.seq) return; // already applied (replay overlap): no duplicates
    if (m.seq > state.seq + 1) {
      // We missed something: ask again from what we have, which is exact whatever the gap.
      if (helloReq === null) sayHello();
      return;
    }
    applyEvent(state, m.event, m.seq);
    saveSoon();
    onEvent?.(m.event, state, m.seq);
  }

  function errorReceived(m) {
    const err = new ServerError(m.code, m.message || 'Something went wrong.');
    if (m.req !== undefined && m.req === helloReq) {
      helloReq = null;
      if (FATAL_HELLO_CODES.has(m.code)) {
        stopped = true;
        status('refused', err.message, err);
        drop(ws);
      } else {
        // e.g. rate_limited or busy: try again later.
        drop(ws);
      }
      return;
    }
    if (m.req !== undefined && pending.has(m.req)) return settle(m.req, (p) => p.reject(err));
    onError?.(err);
  }

  function settle(req, fn) {
    const p = pending.get(req);
    if (!p) return;
    pending.delete(req);
    fn(p);
  }

  // Ends this socket (if it is still the current one) and, unless stopped, plans the next.
  function drop(socket) {
    if (!socket || socket !== ws) return;
    ws = null;
    ready = false;
    helloReq = null;
    socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
    try {
      socket.close();
    } catch {
      /* already closed */
    }
    clearTimeout(welcomeTimer);
    clearTimeout(pongTimer);
    clearInterval(pingTimer);
    welcomeTimer = pongTimer = pingTimer = null;
    const lost = new ServerError('disconnected', 'The connection was lost before the server answered.');
    for (const p of pending.values()) p.reject(lost);
    pending.clear();
    if (!stopped) scheduleReconnect();
  }

  // Written at most once a second: a busy wall of notes must not make the phone rewrite
  // its storage for every event.
  function saveSoon() {
    if (!remember || saveTimer) return;
    saveTimer = setTimeout(() => {
      saveTimer = null;
      const text = JSON.stringify(state);
      if (text.length <= MAX_REMEMBERED_CHARS) storage.set(stateKey, text);
      else storage.remove(stateKey);
    }, 1000);
  }

  function scheduleReconnect() {
    // Jittered: after a server restart or a Wi-Fi drop, a room of phones must not come back
    // in one synchronized wave (each wave is a burst of hellos and snapshots).
    const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** attempt);
    const delay = ceiling / 2 + Math.random() * (ceiling / 2);
    attempt++;
    status('reconnecting');
    clearTimeout(reconnectTimer);
    reconnectTimer = setTimeout(open, delay);
  }

  // A phone coming back online or waking up should not sit out the rest of its backoff,
  // and should find out at once whether its old socket still works.
  function retryNow() {
    if (stopped) return;
    if (ws && ready) ping();
    else if (!ws) open();
  }
  addEventListener('online', retryNow);
  // The device says it has no network: whatever the socket claims, nothing will get through
  // it (a browser may keep a dead socket "open" until a ping times out, half a minute later).
  // Let go of it now, so the screen says it is reconnecting and a note typed meanwhile is
  // shown as saved on the phone rather than as being sent.
  addEventListener('offline', () => {
    if (ws) drop(ws);
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') retryNow();
  });

  // Opened once the caller holds the returned object: its callbacks may already use it.
  queueMicrotask(open);

  return {
    code,
    /** The meeting as last applied, or null before the first welcome. */
    get state() {
      return state;
    },
    get connected() {
      return ready;
    },
    /** Connected, and a replay's events have all arrived: the state is the meeting as it is now. */
    get caughtUp() {
      return ready && !!state && state.seq >= headAtWelcome;
    },
    /** Sends a command; resolves with its `ack`, rejects with a ServerError. */
    send(command) {
      if (!ready || !ws || ws.readyState !== WebSocket.OPEN) {
        return Promise.reject(
          new ServerError('offline', 'You are not connected right now. Please try again once the connection is back.'),
        );
      }
      const req = nextReq++;
      return new Promise((resolve, reject) => {
        pending.set(req, { resolve, reject });
        if (!raw({ ...command, req })) drop(ws);
      });
    },
    /** The server's clock now, in ms since 1970: timers agree across screens. */
    serverNow() {
      return Date.now() + clockOffset;
    },
    close() {
      stopped = true;
      drop(ws);
      clearTimeout(reconnectTimer);
    },
  };
}
