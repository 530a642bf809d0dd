// The projected wall: the phase's question and timer, how to join, and the notes filling
// themed columns live; in the commitments phase, the strategy areas with their champions.
// Read from the back of the room, so it shows few words in large type, and it never
// reorders what is already on screen: new things are added, gently.

import { connect, normalizeCode } from './client.js';
import { phaseKind, strategyAreas, opportunitiesSeen, championsOf, supportersOf, PHASE_NAMES, DEFAULT_QUESTIONS, SUMMARY_SENT, nextStepsDated, distinctPeople, otherNextSteps } from './meeting-state.js';
import { boardColumns } from './board-columns.js';
import { $, h, setText, setWrappingText, show, syncChildren, coalesce, ROLE_NAMES } from './dom.js';
import { remainingMs, formatRemaining, describeRemaining, everySecond } from './timer.js';
import { formatWhen } from './format.js';

const code = normalizeCode(new URLSearchParams(location.search).get('code'));
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

// A projector switched to another resolution: fit the type to the new screen.
addEventListener('resize', draw);
// The room for the board, and for the strategy areas and next steps, also changes without a
// resize: the header grows when the QR code has loaded, or when the phase question wraps.
// What was fitted to the old height would be cut off at the bottom, so the wall is fitted
// again whenever the main area's or the board's height changes.
const heights = new Map();
const refit = new ResizeObserver((entries) => {
  let changed = false;
  for (const entry of entries) {
    const height = Math.round(entry.contentRect.height);
    if (heights.get(entry.target) !== height) {
      heights.set(entry.target, height);
      changed = true;
    }
  }
  if (changed) draw();
});
refit.observe($('wall-main'));
refit.observe($('board'));

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
  // Once the facilitator has recorded the dates, the wrap-up's rule of thumb ("within 30
  // days") would sit above the real dates: the header thanks the room instead.
  const dated = phase === 'wrap-up' && state.question === DEFAULT_QUESTIONS['wrap-up'] && nextStepsDated(state);
  // Once the summary has been e-mailed, "The meeting summary will follow" is no longer true.
  const sent = phase === 'closed' && state.question === DEFAULT_QUESTIONS.closed && state.summarySent;
  setText($('question'), dated ? 'Thank you! Here is what happens next.' : sent ? SUMMARY_SENT : state.question);
  // "…to seize these opportunities?": the opportunities' board has left the wall, so their
  // themes are named under the question (a walk-through's room could not see what it meant).
  const recap = phase === 'requirements' ? opportunitiesSeen(state).map((t) => t.label) : [];
  setText($('recap'), recap.length ? `Our opportunities: ${recap.join(' · ')}` : '');
  show($('recap'), recap.length > 0);
  renderJoin(state);
  show($('wall-message'), false);

  // For people arriving late, the facilitator may put how to join back on the wall, over
  // what it shows, until taken down or the phase changes (the phones stay where they are).
  const joinShown = !!state.joinOnWall && phase !== 'closed';
  // The facilitator may spotlight one theme: the wall shows it alone until released.
  const spotlit = !joinShown && state.spotlight ? state.themes.find((t) => t.id === state.spotlight) : null;
  const kind = spotlit || joinShown ? null : phaseKind(phase);
  const showAreas = !spotlit && !joinShown && (phase === 'commitments' || phase === 'wrap-up' || phase === 'closed');
  const showSteps = !spotlit && !joinShown && (phase === 'wrap-up' || phase === 'closed');
  const welcome = (phase === 'welcome' && !spotlit) || joinShown;
  show($('welcome-view'), welcome);
  show($('spotlight'), !!spotlit);
  show($('board'), !!kind);
  if (!kind) show($('board-empty'), false);
  show($('areas-view'), showAreas);
  show($('next-steps'), showSteps);
  // During the welcome the join instructions fill the screen; the corner copy would repeat them.
  // Nor once the facilitator has closed joining: the room would be invited to a closed door.
  const joining = state.meeting?.settings?.joiningOpen !== false;
  show($('join-box'), !welcome && phase !== 'closed' && joining);

  if (welcome) renderWelcome(state);
  // The welcome's big invitation too: "Joining is closed" instead of the code and QR code.
  $('welcome-view').classList.toggle('joining-closed', !joining);
  if (spotlit) renderSpotlight(state, spotlit);
  if (kind) renderBoard(state, kind);
  if (showAreas) renderAreas(state);
  if (showSteps) renderNextSteps(state);
  if (showAreas || showSteps) fitFollowUp();
  else {
    // The board, a spotlight: the whole width. The follow-up's layout is chosen afresh when
    // it comes back (not held against a layout a spotlight took away).
    $('wall-main').classList.remove('follow-up-side');
    delete $('wall-main').dataset.followUpContext;
  }
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
  // One person on two devices is one person in the room.
  const people = distinctPeople(state.participants);
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
  // (Updated too: the facilitator may correct how an organization is written.)
  const created = syncChildren($('joined-orgs'), orgs, (o) => o.key,
    (o) => h('li', { class: `chip role-${o.role}`, text: o.name }), (li, o) => setText(li, o.name));
  fadeIn(created);
}

// ---- Themes as columns ----

function renderBoard(state, kind) {
  // A note just posted waits off the wall until the clustering has placed it (a fraction
  // of a second, longer in a burst), so it appears once, in its theme.
  const { columns, waiting } = boardColumns(state, kind, { graceMs: PLACEMENT_GRACE_MS, now: conn.serverNow() });
  if (waiting !== null) {
    clearTimeout(graceTimer);
    graceTimer = setTimeout(draw, Math.max(50, waiting));
  }
  const board = $('board');
  // A phase with no note yet: one line saying what will happen, not an empty "Unsorted" box.
  const empty = columns.length === 1 && columns[0].unsorted && columns[0].notes.length === 0;
  setText($('board-empty'), kind === 'requirement'
    ? 'The requirements you post from your phones will appear here, grouped by theme.'
    : 'The opportunities you post from your phones will appear here, grouped by theme.');
  show($('board-empty'), empty);
  show(board, !empty);
  board.dataset.kind = kind;
  const before = notesOnScreen(board);
  const arrived = [];
  // Before the first theme, the room's notes are not "unsorted": they are the first ones in,
  // and the room should know they will be grouped (and will move) as more arrive.
  const firstNotes = columns.length === 1 && columns[0].unsorted && columns[0].notes.length > 0;
  syncChildren(board, columns, (c) => c.id, createColumn, (col, c) => {
    col.classList.toggle('unsorted', !!c.unsorted);
    const hint = col.querySelector('.column-hint');
    setText(hint, 'Grouped into themes as more arrive');
    show(hint, firstNotes);
    // Columns share the row by their size, gently: a 20-note theme is wider than a 3-note
    // one, but not so much that the small ones become slivers.
    // (At least 1: below it, a lone column would leave part of the row empty.) In steps of a
    // half: a note moved between two columns does not shift every column sideways.
    const share = Math.round(Math.sqrt(c.notes.length) * 2) / 2;
    col.style.flexGrow = String(Math.max(1, share * (c.unsorted ? 0.8 : 1)));
    // "Unsorted" is the facilitator's word; the room reads what it means for their note.
    const label = c.unsorted ? 'Not yet in a theme' : c.label;
    setWrappingText(col.querySelector('.column-label'), firstNotes ? (kind === 'requirement' ? 'New requirements' : 'New opportunities') : label);
    setText(col.querySelector('.count'), String(c.notes.length));
    col.querySelector('.count').setAttribute('aria-label', `${c.notes.length} ${c.notes.length === 1 ? 'note' : 'notes'}`);
    arrived.push(...syncChildren(col.querySelector('.notes'), c.notes, (n) => n.id, createNote, updateNote));
  });
  board.dataset.columns = String(columns.length);
  board.style.zoom = '';
  widenForTitles(board);
  keepColumnsOnScreen(board);
  fitTitles(Array.from(board.querySelectorAll('.column:not(.unsorted) .column-label')));
  matchUnsortedTitle(board);
  // Words let go at an earlier draw are kept whole again: the sizes may have changed since.
  for (const span of board.querySelectorAll('.wall-note .released')) span.classList.replace('released', 'nobreak');
  fitNotes(board, Array.from(board.querySelectorAll('.column')));
  if (releaseWideWords(board)) fitNotes(board, Array.from(board.querySelectorAll('.column')));
  animateArrivals(arrived, before);
}

// Theme titles share one size: the largest, from 36 px down to 28 px (still read from the
// back of the room), at which every title fits on three lines. Sized column by column, the
// room read a 28 px title beside 36 px ones as a lesser theme (two walk-throughs).
const TITLE_SIZES = [36, 33, 30, 28];
// A title longer than three lines even at 28 px (a facilitator's "Remote post, VFX and sound
// for national clients" on a 1280 px projector) takes up to five, and only if five are not
// enough steps down alone; a word still wider than the column ("shipbuilding",
// "manufacturing" on seven columns) makes its title smaller still rather than broken mid-word
// ("shipbuildin|g"): the room signs up under these names. (18 and 16 px only on a crowded
// wall: "Apprenticeships" in one of nine columns, with the count above the title.) Only a title
// longer still ends in "…".
const SMALLER_SIZES = [26, 24, 22, 20, 18, 16];

/** Each column at least as wide as its title's longest word at 28 px (never more than an
 *  even share of the row): by their notes alone, a 3-note column beside 7-note ones set
 *  "apprenticeships" at 22 px among 36 px titles (a walk-through's wall). The room reads the
 *  titles from the back; a column's notes wrap a line more instead. */
function widenForTitles(board) {
  const cols = Array.from(board.querySelectorAll('.column'));
  for (const col of cols) col.style.minWidth = '';
  // Seven columns or more share the row too tightly: a wider one would squeeze a neighbour's
  // words ("warehouses" broke in a note of a 160 px column); the sizes step down instead.
  if (cols.length > WIDENED_UP_TO) return;
  const gaps = parseFloat(getComputedStyle(board).columnGap) || 0;
  const even = (board.clientWidth - gaps * (cols.length - 1)) / Math.max(1, cols.length);
  measureCanvas ??= document.createElement('canvas');
  const pen = measureCanvas.getContext('2d');
  for (const col of cols) {
    const label = col.querySelector('.column-label');
    const style = getComputedStyle(label);
    pen.font = `${style.fontWeight} ${TITLE_SIZES.at(-1)}px ${style.fontFamily}`;
    // (A hyphen may break: "Banking-as-a-service" needs only its longest part.)
    const longest = Math.max(0, ...label.textContent.split(/[\s-]+/).map((w) => pen.measureText(w).width));
    // What the column gives beside its title's text: its padding, the count, the gap.
    const box = label.getBoundingClientRect().width - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const beside = col.getBoundingClientRect().width - box;
    // (Never below the least width style.css gives every column.)
    const least = parseFloat(getComputedStyle(col).minWidth) || 0;
    col.style.minWidth = `${Math.max(least, Math.min(even, Math.ceil(longest + beside + 2)))}px`;
  }
}
let measureCanvas = null;
const WIDENED_UP_TO = 6;

/** Every column on the screen, whatever the projector: when the row cannot hold the columns'
 *  least widths (160 px a theme, 210 px for Unsorted, a title's longest word), the board is
 *  laid out as on a wider screen and shown smaller, all of it alike. On a 1024 px projector,
 *  five themes and Unsorted already needed more than the row, and the last columns (Unsorted
 *  among them) were off the picture; squeezed instead, every word broke mid-way. */
function keepColumnsOnScreen(board) {
  const cols = Array.from(board.querySelectorAll('.column'));
  if (!cols.length) return;
  const gaps = parseFloat(getComputedStyle(board).columnGap) || 0;
  const padding = parseFloat(getComputedStyle(board).paddingLeft) + parseFloat(getComputedStyle(board).paddingRight);
  const room = board.clientWidth - padding;
  if (room <= 0) return;   // (not laid out: hidden behind the spotlight or the areas)
  const needed = cols.reduce((sum, col) => sum + (parseFloat(getComputedStyle(col).minWidth) || 0), 0) + gaps * (cols.length - 1);
  if (needed > room) board.style.zoom = String(Math.floor((room / needed) * 1000) / 1000);
}

function fitTitles(labels) {
  for (const label of labels) label.closest('.column-head')?.classList.remove('stacked');
  const shared = Math.min(TITLE_SIZES[0], ...labels.map(largestOnThreeLines));
  for (const label of labels) {
    const head = label.closest('.column-head');
    // A word too wide even at the smallest size ("interconnectio|n" on eight columns): the
    // count steps above the title, which then takes the column's whole width.
    if (!fitTitle(label, shared) && head) {
      head.classList.add('stacked');
      fitTitle(label, shared);
    }
  }
}

/** The largest of TITLE_SIZES at which `label` fits on three lines with its words whole (the
 *  smallest if none). */
function largestOnThreeLines(label) {
  label.style.removeProperty('-webkit-line-clamp');
  label.style.overflowWrap = 'normal';
  for (const size of TITLE_SIZES) {
    label.style.fontSize = `${size}px`;
    if (!titleCut(label)) return size;
  }
  return TITLE_SIZES.at(-1);
}

/** Cut short, or a word wider than the column (it would be broken mid-word: "Maintenanc|e"). */
const titleCut = (label) => label.scrollHeight > label.clientHeight + 1 || wordTooWide(label);

/** "Not yet in a theme" is a holding place: never in larger type than most of the themes'
 *  titles — their median size (on a 1024 px projector the titles stepped down to 16–18 px while
 *  it stayed at 28 px, the loudest words on the wall; one long title that steps down alone does
 *  not take it along). */
function matchUnsortedTitle(board) {
  const label = board.querySelector('.column.unsorted .column-label');
  if (!label) return;
  label.style.fontSize = '';
  const sizes = Array.from(board.querySelectorAll('.column:not(.unsorted) .column-label'), (l) => parseFloat(getComputedStyle(l).fontSize))
    .sort((a, b) => a - b);
  if (!sizes.length) return;
  const median = sizes[Math.floor((sizes.length - 1) / 2)];
  if (median < parseFloat(getComputedStyle(label).fontSize)) label.style.fontSize = `${median}px`;
}

/** Fits one title at the wall's shared `size`: on up to five lines, smaller alone only if they
 *  are not enough; false when a word of it is still wider than its box at the smallest size. */
function fitTitle(label, size) {
  label.style.fontSize = `${size}px`;
  label.style.removeProperty('-webkit-line-clamp');
  label.style.overflowWrap = 'normal';   // measure whole words; break one only as a last resort
  if (titleCut(label)) label.style.setProperty('-webkit-line-clamp', '5');
  for (const smaller of SMALLER_SIZES.filter((s) => s < size)) {
    if (!titleCut(label)) break;
    label.style.fontSize = `${smaller}px`;
  }
  const whole = !wordTooWide(label);   // (measured before words may break again)
  label.style.overflowWrap = '';
  return whole;
}

/** True when a word of the title (hyphens may break, as in "Banking-as-a-|service") is wider
 *  than the title's box: measured word by word, since a clamped box does not report what
 *  overflows it sideways. */
function wordTooWide(label) {
  // The box's fractional width, and no tolerance: clientWidth rounds, and a word 0.4 px wider
  // than the box still breaks ("Regiona|l food brand" in a 230 px column).
  const style = getComputedStyle(label);
  const width = label.getBoundingClientRect().width - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 0.5;
  const range = document.createRange();
  const walker = document.createTreeWalker(label, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    // (A hyphenated word kept whole, `setWrappingText`, is measured whole.)
    const whole = node.parentElement.classList.contains('nobreak');
    for (const m of (whole ? [Object.assign([node.data], { index: 0 })] : node.data.matchAll(/[^\s-]+-?/g))) {
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      if (range.getBoundingClientRect().width > width) return true;
    }
  }
  return false;
}

// Type sizes for notes, largest first. The wall shares one size, the largest at which every
// column fits, never below 24 px (read from 10 m at 1080p). A column that does not fit even
// then shrinks on its own, gently, never below 18 px, and if it still does not fit shows its
// newest notes and "+N more": one crowded theme never makes the others hard to read.
const NOTE_SIZES = [34, 30, 27, 24, 22, 20, 18];
const ROOMY = NOTE_SIZES.indexOf(24);

function fitNotes(board, columns) {
  const lists = columns.map((col) => col.querySelector('.notes'));
  for (const list of lists) {
    showAll(list);
    list.style.removeProperty('--note-size');
  }
  let level = 0;
  board.style.setProperty('--note-size', `${NOTE_SIZES[level]}px`);
  while (level < ROOMY && lists.some(overflows)) {
    level++;
    board.style.setProperty('--note-size', `${NOTE_SIZES[level]}px`);
  }
  board.dataset.noteSize = String(NOTE_SIZES[level]);
  // A column also shrinks on its own while a word of one of its notes is wider than the note:
  // measured with words unbreakable, since a narrow column broke them mid-word otherwise
  // ("warehous|es" in eight columns at 1920 px). A hyphenated word may break at its hyphens
  // then (a column does not shrink for "state-of-the-art"): kept whole only if it fits,
  // `releaseWideWords`.
  board.classList.add('measuring-words');
  for (const list of lists) {
    let own = level;
    while (own < NOTE_SIZES.length - 1 && (overflows(list) || wordTooWideIn(list))) {
      own++;
      list.style.setProperty('--note-size', `${NOTE_SIZES[own]}px`);
    }
  }
  board.classList.remove('measuring-words');
  for (const list of lists) if (overflows(list)) foldOverflow(list);
}

/** True when a word of a note shown in `list` is wider than the note (words unbreakable). */
const wordTooWideIn = (list) => Array.from(list.children)
  .some((li) => !li.hidden && li.querySelector('.note-text').scrollWidth > li.querySelector('.note-text').clientWidth + 1);

/** A hyphenated word kept whole (`setWrappingText`) that is wider than its note at the size
 *  chosen breaks at its hyphen after all: broken at a hyphen reads better than cut off at the
 *  column's edge. True when one was. */
function releaseWideWords(board) {
  let released = false;
  for (const span of board.querySelectorAll('.wall-note .nobreak')) {
    // (Both as drawn: under the board's zoom on a narrow projector a rectangle is zoomed and
    // clientWidth is not.)
    if (span.getBoundingClientRect().width > span.closest('.note-text').getBoundingClientRect().width + 0.5) {
      span.classList.replace('nobreak', 'released');
      released = true;
    }
  }
  return released;
}

// Measured on the last note shown as well: scrollHeight is rounded to whole pixels, and a
// note a fraction of a pixel below the column's edge would be cut off.
const overflows = (list) => {
  if (list.scrollHeight > list.clientHeight + 1) return true;
  const last = Array.from(list.children).reverse().find((li) => !li.hidden);
  return !!last && last.getBoundingClientRect().bottom > list.getBoundingClientRect().bottom + 0.5;
};

function showAll(list) {
  for (const li of list.children) li.hidden = false;
  list.parentElement.querySelector('.more').hidden = true;
}

/** Hides the oldest notes until the rest and the "+N more" line fit: nothing is cut off. */
function foldOverflow(list) {
  const more = list.parentElement.querySelector('.more');
  more.hidden = false;
  const notes = Array.from(list.children);
  let hidden = 0;
  for (const li of notes) {
    if (!overflows(list) || hidden === notes.length - 1) break;
    li.hidden = true;
    hidden++;
    setText(more, `+${hidden} more`);
  }
  more.setAttribute('aria-label', `${hidden} more ${hidden === 1 ? 'note' : 'notes'} not shown`);
}

function createColumn() {
  return h('section', { class: 'column' },
    h('header', { class: 'column-head' }, h('h2', { class: 'column-label' }), h('span', { class: 'count' })),
    h('p', { class: 'column-hint', hidden: true }),
    h('ul', { class: 'notes' }),
    h('p', { class: 'more', hidden: true }));
}

function createNote() {
  return h('li', { class: 'wall-note' }, h('p', { class: 'note-text' }), h('span', { class: 'tag' }));
}

function updateNote(li, n) {
  li.dataset.note = n.id;
  li.classList.toggle('from-partner', n.role === 'partner');
  setWrappingText(li.querySelector('.note-text'), n.text);
  // Employers' notes are the agenda; a partner's note carries a tag so the room can tell.
  setText(li.querySelector('.tag'), n.role === 'partner' ? ROLE_NAMES.partner : '');
  show(li.querySelector('.tag'), n.role === 'partner');
}


/** The notes on screen now: a note drawn anew that was among them moved from another column. */
function notesOnScreen(root) {
  const at = new Set();
  for (const li of root.querySelectorAll('.wall-note[data-note]')) {
    if (!li.hidden) at.add(li.dataset.note);
  }
  return at;
}

/** Marks the notes drawn anew: moved from another column, or just arrived. */
function animateArrivals(elements, before) {
  if (!drawn) return;
  for (const el of elements) {
    // A note drawn anew was either on the wall before, in another column (a flight there
    // would pass under that column's edge, which clips what overflows it), or is new: either
    // way it lights up where it lands, so the room sees where it went — a moved one briefly.
    const mark = before.has(el.dataset.note) ? 'moved' : 'arrived';
    el.classList.add(mark);
    el.addEventListener('animationend', () => el.classList.remove(mark), { once: true });
  }
}

// ---- Spotlight: one theme alone, all its notes large ----

const SPOTLIGHT_SIZES = [44, 40, 36, 32, 28, 24, 20, 18];

function renderSpotlight(state, theme) {
  const notes = state.notes.filter((n) => n.theme === theme.id && !n.hidden);
  setWrappingText($('spotlight-label'), theme.label);
  setText($('spotlight-count'), `${notes.length} ${notes.length === 1 ? 'note' : 'notes'}`);
  const list = $('spotlight-notes');
  const before = notesOnScreen(list);
  const created = syncChildren(list, notes, (n) => n.id, createNote, updateNote);
  showAll(list);
  let level = 0;
  const set = () => list.style.setProperty('--note-size', `${SPOTLIGHT_SIZES[level]}px`);
  set();
  while (level < SPOTLIGHT_SIZES.length - 1 && overflows(list)) {
    level++;
    set();
  }
  list.dataset.noteSize = String(SPOTLIGHT_SIZES[level]);
  if (overflows(list)) foldOverflow(list);
  // Opening a spotlight shows its notes at once; only later arrivals light up.
  if (list.dataset.theme === theme.id) animateArrivals(created, before);
  list.dataset.theme = theme.id;
}

// ---- Strategy areas with champions ----

function renderAreas(state) {
  const areas = strategyAreas(state);
  // Once the room has had its chance, the areas it will drive lead and those nobody took on
  // ("Not a priority right now") follow, as in the summary (a walk-through's wrap-up opened on
  // one). While champions are called, the cards keep their places: one must not jump when its
  // first name arrives.
  const settled = state.phase === 'wrap-up' || state.phase === 'closed';
  const driven = (t) => championsOf(state, t.id).length > 0;
  const items = settled ? [...areas.filter(driven), ...areas.filter((t) => !driven(t))] : areas;
  const list = $('areas');
  list.dataset.count = String(Math.min(items.length, 8));
  const created = syncChildren(list, items, (t) => t.id, createArea, (li, t) => {
    const champions = championsOf(state, t.id);
    const notes = state.notes.filter((n) => n.theme === t.id && !n.hidden).length;
    const nominees = state.nominations.filter((n) => n.theme === t.id);
    li.classList.toggle('no-champion', champions.length === 0);
    setWrappingText(li.querySelector('.area-label'), t.label);
    const facts = [`${notes} ${notes === 1 ? 'note' : 'notes'}`];
    setText(li.querySelector('.area-facts'), facts.join(' · '));
    // "Who else should be involved?": the people named, by name and organization (never how to
    // reach them), so the room can add to the list as on the paper wall.
    show(li.querySelector('.invite'), nominees.length > 0);
    setWrappingText(li.querySelector('.invite'), `To invite: ${nominees.map(nameAndOrganization).join(', ')}`);
    // The workbook's verdict on an area nobody champions comes once the room has had its
    // chance: while the facilitator calls for champions, it is only "No champion yet".
    setText(li.querySelector('.not-priority'), state.phase === 'commitments' ? 'No champion yet' : 'Not a priority right now');
    show(li.querySelector('.not-priority'), champions.length === 0);
    const names = champions.map((p) => ({ id: p.id, text: p.name, org: p.organization }));
    fadeIn(syncChildren(li.querySelector('.champions'), names, (p) => p.id,
      () => h('li', {}, h('span', { class: 'champion-name' }), h('span', { class: 'champion-org' })),
      (item, p) => {
        setWrappingText(item.querySelector('.champion-name'), p.text);
        setWrappingText(item.querySelector('.champion-org'), p.org);
      }));
    const supporters = supportersOf(state, t.id);
    show(li.querySelector('.supporters'), supporters.length > 0);
    setWrappingText(li.querySelector('.supporters'),
      `Supported by ${supporters.map(nameAndOrganization).join(', ')}`);
  });
  fadeIn(created);
  show($('areas-empty'), items.length === 0);
  const whole = state.nominations.filter((n) => !n.theme || !areas.some((t) => t.id === n.theme));
  show($('invite-whole'), whole.length > 0);
  setWrappingText($('invite-whole'), `Also to invite, for the partnership as a whole: ${whole.map(nameAndOrganization).join(', ')}`);
}

/** "Tom Reyes (Tri-River Workforce Board)", or the name alone; an organization with brackets of
 * its own has them square inside these ("Dana (Keystone Managed IT [MSP])"), as in the summary. */
function nameAndOrganization(n) {
  return n.organization ? `${n.name} (${n.organization.replace(/\(/g, '[').replace(/\)/g, ']')})` : n.name;
}

function createArea() {
  return h('li', { class: 'area-card' },
    h('h3', { class: 'area-label' }),
    h('p', { class: 'area-facts' }),
    h('ul', { class: 'champions' }),
    h('p', { class: 'not-priority', text: 'Not a priority right now' }),
    h('p', { class: 'supporters', hidden: true }),
    h('p', { class: 'invite', hidden: true }));
}

// ---- Champions and next steps, read from the back of the room ----

// Scales of the champions' and next steps' type (1 = about 26 px for a name at 1920×1080): the
// largest at which everything fits on the wall is used, to a twentieth. Below 1 only for a
// crowded wall: with seven strategy areas a walk-through's next steps sat below the screen's
// edge at 1, and the dates the room must leave with are worth a smaller type.
const FOLLOW_UP_SCALE = { most: 2, least: 0.7, step: 0.05, switchGain: 0.1 };
/** The least scale on this screen: 0.7 at 1080 px high, less on a smaller projector (at 720 px
 *  the same share of the picture: a walk-through's 1280×720 wrap-up had its next steps below
 *  the edge at 0.7). */
const leastScale = () => FOLLOW_UP_SCALE.least * Math.min(1, innerHeight / 1080);

function fitFollowUp() {
  const main = $('wall-main');
  // Everything on the wall, and no word wider than its card: at the largest scale an area's
  // title would otherwise break mid-word ("Mainten|ance", "program|mers") and a champion's
  // organization run past the card's edge. Words are measured whole; only at the smallest
  // scale may a word that still does not fit break.
  const words = Array.from(main.querySelectorAll('.area-label, .champions li, .supporters, .invite, #invite-whole, #next-steps-list dd'));
  for (const el of words) el.style.overflowWrap = 'normal';
  const tall = () => main.scrollHeight <= main.clientHeight + 1;
  const whole = () => main.scrollWidth <= main.clientWidth + 1 && words.every((el) => el.scrollWidth <= el.clientWidth + 1);
  // The largest scale at which all is on screen and every word whole; failing that (a word
  // too long at any size, a web address in the next steps), the largest that is on screen.
  // Found by halving (a dozen layouts rather than a few dozen: this runs on every change the
  // wall shows in these phases); undefined if none fits.
  const fitsAt = (s, fits) => { main.style.setProperty('--follow-up-scale', String(s)); return fits(); };
  const largest = (fits) => {
    const { most, step } = FOLLOW_UP_SCALE;
    const least = leastScale();
    if (fitsAt(most, fits)) return most;
    if (!fitsAt(least, fits)) return undefined;
    let [lo, hi] = [least, most];
    while (hi - lo > step) {
      const mid = Math.round(((lo + hi) / 2) * 100) / 100;
      if (fitsAt(mid, fits)) lo = mid; else hi = mid;
    }
    return lo;
  };
  // With the next steps on screen too, they may also stand beside the strategy areas rather
  // than under them: whichever layout lets the type grow more (a walk-through's wrap-up with
  // five areas, supporters and three more steps set champions' names at 20 px under them,
  // beside an empty cell of the areas' grid). The wall changes layout only for a clearly
  // larger type (a tenth), so that one more sign-up does not flip it back and forth.
  const both = shown($('areas-view')) && shown($('next-steps'));
  // What is on the wall, roughly: when the next steps appear (the wrap-up) or gain or lose a
  // line, the layout is chosen afresh — the hysteresis is for sign-ups, not for a new wall (a
  // walk-through's wrap-up kept the commitments' layout, its next steps in small type under
  // the areas, where beside them they stood a tenth larger).
  const context = [shown($('areas-view')), shown($('next-steps')), $('next-steps-list').children.length].join('/');
  const fresh = main.dataset.followUpContext !== context;
  main.dataset.followUpContext = context;
  const current = both && !fresh && main.classList.contains('follow-up-side');
  // The other layout must do better by this much (a hair under the gain counts: 0.8 + 0.1 is
  // more than 0.9 in floating point).
  const gain = fresh ? 0.001 : FOLLOW_UP_SCALE.switchGain - 1e-6;
  let best = null;
  for (const side of both ? [current, !current] : [false]) {
    main.classList.toggle('follow-up-side', side);
    const scale = largest(() => tall() && whole());
    if (scale !== undefined && (best === null || scale >= best.scale + gain)) {
      best = { side, scale };
    }
  }
  main.classList.toggle('follow-up-side', best?.side ?? current);
  const scale = best?.scale ?? largest(tall) ?? leastScale();
  main.style.setProperty('--follow-up-scale', String(scale));
  for (const el of words) el.style.overflowWrap = '';
}

const shown = (el) => !el.hidden && el.getClientRects().length > 0;

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
  // The facilitator's other steps, a line each, without the bullets or numbers they typed.
  const also = otherNextSteps(ns.other);
  if (also.length) rows.push(['Also', ...also]);
  const dl = $('next-steps-list');
  dl.replaceChildren(...rows.flatMap(([k, ...values]) => [h('dt', { text: k }), ...values.map((v) => h('dd', { text: v }))]));
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
  const caption = $('timer-caption');
  setText(caption, ms === null ? '' : ms < 0 ? 'over time' : 'time left');
  caption.classList.toggle('over', ms !== null && ms < 0);
  show(caption, ms !== null);
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
