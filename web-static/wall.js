// The projected wall: the phase's question and timer, how to join, and the notes filling
// themed columns live; in the commitments phase, the strategy areas with their champions.
// Read from the back of the room, so it shows few words in large type, and it never
// reorders what is already on screen: new things are added, gently.

import { connect, normalizeCode } from './client.js';
import { phaseKind, themesOfKind, notesOfKind, championsOf, supportersOf, PHASE_NAMES } from './meeting-state.js';
import { $, h, setText, show, syncChildren, coalesce, ROLE_NAMES } from './dom.js';
import { remainingMs, formatRemaining, describeRemaining, everySecond } from './timer.js';
import { formatWhen } from './format.js';

const code = normalizeCode(new URLSearchParams(location.search).get('code'));
const UNSORTED = '__unsorted';
// Until the first full drawing is done nothing fades in: only notes that arrive live do.
let drawn = false;

const draw = coalesce(render);
// Longest a new note waits off the wall for its theme before it is shown in "Unsorted".
const PLACEMENT_GRACE_MS = 4000;
let graceTimer = null;
const conn = connect({
  code,
  client: 'wall',
  onWelcome: draw,
  onEvent: draw,
  onStatus(status, message) {
    const text = { connecting: 'Connecting…', connected: '', reconnecting: 'Reconnecting…', refused: message }[status];
    setText($('status'), text || '');
    if (status === 'refused') {
      setText($('wall-message'), message);
      show($('wall-message'), true);
    }
  },
});

if (!code) {
  setText($('wall-message'), 'Open the wall with its link: wall.html?code=XXXXXX');
  conn.close();
}

function render() {
  const state = conn.state;
  if (!state) return;
  const phase = state.phase;
  document.body.dataset.phase = phase;
  setText($('meeting-title'), state.meeting?.title || '');
  setText($('phase'), PHASE_NAMES[phase] || phase);
  setText($('question'), state.question);
  renderJoin(state);
  show($('wall-message'), false);

  const kind = phaseKind(phase);
  const showAreas = phase === 'commitments' || phase === 'wrap-up' || phase === 'closed';
  show($('welcome-view'), phase === 'welcome');
  show($('board'), !!kind);
  show($('areas-view'), showAreas);
  show($('next-steps'), phase === 'wrap-up' || phase === 'closed');
  // During the welcome the join instructions fill the screen; the corner copy would repeat them.
  show($('join-box'), phase !== 'welcome' && phase !== 'closed');

  if (phase === 'welcome') renderWelcome(state);
  if (kind) renderBoard(state, kind);
  if (showAreas) renderAreas(state);
  if (phase === 'wrap-up' || phase === 'closed') renderNextSteps(state);
  tick();
  drawn = true;
}

// ---- Joining ----

function renderJoin(state) {
  const joinCode = state.meeting?.code || code;
  const url = `${location.origin}/phone.html?code=${joinCode}`;
  setText($('join-host'), location.host);
  setText($('join-code'), joinCode);
  setText($('welcome-host'), location.host);
  setText($('welcome-code'), joinCode);
  setText($('welcome-url'), url);
  // The server draws the QR code of this meeting's join link (libqrencode).
  const qr = `/qr/${encodeURIComponent(joinCode)}.svg`;
  for (const id of ['join-qr', 'welcome-qr']) {
    if ($(id).getAttribute('src') !== qr) $(id).src = qr;
    show($(id), true);
  }
}

function renderWelcome(state) {
  const people = state.participants;
  const employers = people.filter((p) => p.role === 'employer').length;
  const partners = people.length - employers;
  setText(
    $('joined-count'),
    people.length === 0
      ? 'Be the first to join!'
      : `${people.length} joined: ${employers} ${employers === 1 ? 'employer' : 'employers'}, ` +
          `${partners} ${partners === 1 ? 'community partner' : 'community partners'}`,
  );
  // Each organization once, in the order they arrived.
  const orgs = [];
  const seen = new Set();
  for (const p of people) {
    const key = p.organization.trim().toLowerCase();
    if (!seen.has(key)) {
      seen.add(key);
      orgs.push({ key, name: p.organization, role: p.role });
    }
  }
  const created = syncChildren($('joined-orgs'), orgs, (o) => o.key,
    (o) => h('li', { class: `chip role-${o.role}`, text: o.name }));
  fadeIn(created);
}

// ---- Themes as columns ----

function renderBoard(state, kind) {
  const themes = themesOfKind(state, kind);
  const notes = notesOfKind(state, kind);
  const known = new Set(themes.map((t) => t.id));
  const byTheme = new Map(themes.map((t) => [t.id, []]));
  const unsorted = [];
  // A note just posted waits off the wall until the clustering has placed it (a fraction
  // of a second, longer in a burst), so it appears once, in its theme, instead of popping
  // into "Unsorted" and jumping across the projected screen.
  const now = conn.serverNow();
  let nextDue = Infinity;
  for (const n of notes) {
    if (n.theme && known.has(n.theme)) byTheme.get(n.theme).push(n);
    else if (n.placed || n.placedByHand || now - n.at >= PLACEMENT_GRACE_MS) unsorted.push(n);
    else nextDue = Math.min(nextDue, n.at + PLACEMENT_GRACE_MS - now);
  }
  if (nextDue !== Infinity) {
    clearTimeout(graceTimer);
    graceTimer = setTimeout(draw, Math.max(50, nextDue));
  }
  const columns = themes.map((t) => ({ id: t.id, label: t.label, notes: byTheme.get(t.id) }));
  // Unsorted comes last, and only while it holds notes (or before any theme exists).
  if (unsorted.length || columns.length === 0) {
    columns.push({ id: UNSORTED, label: 'Unsorted', notes: unsorted, unsorted: true });
  }

  const board = $('board');
  board.dataset.kind = kind;

  syncChildren(board, columns, (c) => c.id, createColumn, (col, c) => {
    col.classList.toggle('unsorted', !!c.unsorted);
    setText(col.querySelector('.column-label'), c.label);
    setText(col.querySelector('.count'), String(c.notes.length));
    col.querySelector('.count').setAttribute('aria-label', `${c.notes.length} ${c.notes.length === 1 ? 'note' : 'notes'}`);
    const created = syncChildren(col.querySelector('.notes'), c.notes, (n) => n.id, createNote, updateNote);
    fadeIn(created);
  });
  fitBoard(board);
}

const DENSITIES = 6; // style.css has type sizes for data-density 0 (largest) to 5
/**
 * Picks the largest type at which the notes fit on the screen: large while the wall is
 * sparse, smaller as it fills. The themes share one size so they read as one set; the
 * Unsorted column, which can briefly hold many notes, gets its own so it does not shrink
 * everything else. Done before the browser paints, so nothing flickers.
 */
function fitBoard(board) {
  const columns = Array.from(board.children);
  fitTogether(columns.filter((c) => !c.classList.contains('unsorted')));
  fitTogether(columns.filter((c) => c.classList.contains('unsorted')));
}

function fitTogether(columns) {
  const overflows = () =>
    columns.some((col) => {
      const list = col.querySelector('.notes');
      return list.scrollHeight > list.clientHeight + 1;
    });
  let level = 0;
  const set = () => columns.forEach((col) => { col.dataset.density = String(level); });
  set();
  while (level < DENSITIES - 1 && overflows()) {
    level++;
    set();
  }
}

function createColumn() {
  return h('section', { class: 'column' },
    h('header', { class: 'column-head' }, h('h2', { class: 'column-label' }), h('span', { class: 'count' })),
    h('ul', { class: 'notes' }));
}

function createNote() {
  return h('li', { class: 'wall-note' }, h('p', { class: 'note-text' }), h('span', { class: 'tag' }));
}

function updateNote(li, n) {
  li.classList.toggle('from-partner', n.role === 'partner');
  setText(li.querySelector('.note-text'), n.text);
  // Employers' notes are the agenda; a partner's note carries a tag so the room can tell.
  setText(li.querySelector('.tag'), n.role === 'partner' ? ROLE_NAMES.partner : '');
  show(li.querySelector('.tag'), n.role === 'partner');
}

// ---- Strategy areas with champions ----

function renderAreas(state) {
  const areas = themesOfKind(state, 'requirement');
  const items = areas;
  const list = $('areas');
  list.dataset.count = String(Math.min(items.length, 8));
  const created = syncChildren(list, items, (t) => t.id, createArea, (li, t) => {
    const champions = championsOf(state, t.id);
    const notes = state.notes.filter((n) => n.theme === t.id).length;
    const nominees = state.nominations.filter((n) => n.theme === t.id).length;
    li.classList.toggle('no-champion', champions.length === 0);
    setText(li.querySelector('.area-label'), t.label);
    const facts = [`${notes} ${notes === 1 ? 'note' : 'notes'}`];
    if (nominees) facts.push(`${nominees} ${nominees === 1 ? 'person' : 'people'} to invite`);
    setText(li.querySelector('.area-facts'), facts.join(' · '));
    show(li.querySelector('.not-priority'), champions.length === 0);
    const names = champions.map((p) => ({ id: p.id, text: p.name, org: p.organization }));
    fadeIn(syncChildren(li.querySelector('.champions'), names, (p) => p.id,
      () => h('li', {}, h('span', { class: 'champion-name' }), h('span', { class: 'champion-org' })),
      (item, p) => {
        setText(item.querySelector('.champion-name'), p.text);
        setText(item.querySelector('.champion-org'), p.org);
      }));
    const supporters = supportersOf(state, t.id);
    show(li.querySelector('.supporters'), supporters.length > 0);
    setText(li.querySelector('.supporters'),
      `Supported by ${supporters.map((p) => `${p.name} (${p.organization})`).join(', ')}`);
  });
  fadeIn(created);
  show($('areas-empty'), items.length === 0);
}

function createArea() {
  return h('li', { class: 'area-card' },
    h('h3', { class: 'area-label' }),
    h('p', { class: 'area-facts' }),
    h('ul', { class: 'champions' }),
    h('p', { class: 'not-priority', text: 'Not a priority right now' }),
    h('p', { class: 'supporters', hidden: true }));
}

// ---- Next steps ----

function renderNextSteps(state) {
  const ns = state.nextSteps || {};
  const rows = [];
  if (ns.championsCall?.date || ns.championsCall?.host) {
    const when = formatWhen(ns.championsCall.date) || 'date to be set';
    rows.push(["Champions' call", ns.championsCall.host ? `${when}, hosted by ${ns.championsCall.host}` : when]);
  } else {
    rows.push(["Champions' call", 'within 30 days (date to be set)']);
  }
  rows.push(['Next meeting', formatWhen(ns.nextMeeting?.date) || 'within 60 days (date to be set)']);
  if (ns.other) rows.push(['Also', ns.other]);
  const dl = $('next-steps-list');
  dl.replaceChildren(...rows.flatMap(([k, v]) => [h('dt', { text: k }), h('dd', { text: v })]));
}

// ---- Timer ----

function tick() {
  const state = conn.state;
  const ms = remainingMs(state, conn.serverNow());
  const timer = $('timer');
  setText(timer, formatRemaining(ms));
  timer.classList.toggle('over', ms !== null && ms < 0);
  timer.title = describeRemaining(ms);
  show(timer, ms !== null);
}

everySecond(tick);

/** New items fade in once; the class goes when done so a later move does not replay it. */
function fadeIn(elements) {
  if (!drawn) return;
  for (const el of elements) {
    el.classList.add('fresh');
    el.addEventListener('animationend', () => el.classList.remove('fresh'), { once: true });
  }
}
