// The console's theme board: correct a phase's grouping in seconds on one laptop screen.
// A note is a compact card; move notes by dragging them to a column, or by selecting them
// (click, tap, or Space on the keyboard) and pressing a column's "Move here"; select
// several to move, hide or split them together. A theme is renamed in place (click its
// title), locked, spotlit on the wall, merged, or deleted once empty. The clustering's
// regroup proposal is previewed on the cards before the facilitator applies it.

import { themesOfKind, notesOfKind, authorOf, phaseKind } from './meeting-state.js';
import { boardColumns, UNSORTED } from './board-columns.js';
import { $, h, setText, setWrappingText, show, syncChildren, setOptions, nameAndOrg, ROLE_NAMES } from './dom.js';

/** Notes selected on the board (ids), kept across redraws while they exist. */
const selected = new Set();
let correcting = false; // the one selected note's correction form is open
let boardKind = null; // chosen by hand; null follows the phase
// The server's advice on the board: themes alike enough to merge, and the notes the grouping
// is least sure of (`doubts`: each with the theme it was in when the advice was computed).
// `readings`: note id → the English the grouping read for a note typed in Spanish.
let suggestions = { kind: null, version: '', list: [], doubts: [], readings: new Map() };
let readingRetries = 0;
let adviceRetryMs = 1500;
let suggestTimer = null;
/** The selection bar's choice for Unsorted (a theme id is never this). */
const UNSORTED_CHOICE = '(unsorted)';
/** The most themes of one kind the server keeps (Limits.themesPerKind). */
const THEMES_PER_KIND = 30;
let ctx = null; // { conn, run, say, draw }
/** Merges one theme into another (set up with the board's controls). */
let merge = async () => {};
/** The undo the facilitator is being asked about ({ kind, text, undoable }), or null. */
let undoAsked = null;

const themeWord = (kind, n = 1) => (kind === 'opportunity' ? (n === 1 ? 'theme' : 'themes') : (n === 1 ? 'strategy area' : 'strategy areas'));
const shortText = (text) => {
  const chars = Array.from(text);
  return chars.length > 60 ? `${chars.slice(0, 60).join('')}…` : text;
};

export function currentKind(state) {
  if (boardKind) return boardKind;
  return phaseKind(state.phase) ?? (state.phase === 'welcome' ? 'opportunity' : 'requirement');
}

/** The board follows the phase again (a new phase shows its own kind of notes). */
export function followPhase() {
  boardKind = null;
  selected.clear();
}

export function setupBoard({ conn, run, say, draw }) {
  ctx = { conn, run, say, draw };
  // A narrower or wider window rewraps the titles: the heads are aligned again.
  let resizing = null;
  window.addEventListener('resize', () => {
    cancelAnimationFrame(resizing);
    resizing = requestAnimationFrame(() => fitHeads($('console-board')));
  });
  $('board-follow-phase').addEventListener('click', () => { followPhase(); draw(); });
  for (const radio of document.querySelectorAll('input[name=board-kind]')) {
    radio.addEventListener('change', () => {
      boardKind = radio.value;
      selected.clear();
      draw();
    });
  }
  $('create-theme-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const label = $('new-theme-label').value;
    if (!label.trim()) return say('Give the new theme a label.');
    if (await run({ type: 'createTheme', kind: currentKind(conn.state), label }, `Created “${label}”.`)) $('new-theme-label').value = '';
  });
  $('regroup-button').addEventListener('click', async () => {
    // A preview first: the proposal shows which notes would move where; nothing moves
    // until the facilitator applies it.
    const ack = await run({ type: 'regroup', kind: currentKind(conn.state), preview: true });
    if (!ack) return;
    if (!ack.proposal) say('Regrouping would not move any note: the board already matches the grouping.', false);
    else say(`Regrouping would move ${ack.moved} ${ack.moved === 1 ? 'note' : 'notes'}: see the proposal, then apply or dismiss it.`, false);
  });
  // Undo asks first, saying where the notes would go: the board may have changed since the
  // regrouping (a walk-through's undo, pressed after renaming columns, put notes back into
  // columns that by then meant something else).
  $('undo-regroup-button').addEventListener('click', async () => {
    const kind = currentKind(conn.state);
    const ack = await run({ type: 'undoRegroup', kind, preview: true });
    if (!ack) return;
    if (!ack.moved) {
      // Nothing would move: the undo is done at once, so the button goes rather than saying
      // the same thing at every press.
      if (await run({ type: 'undoRegroup', kind })) {
        say('Nothing to put back: every note the last regrouping moved has been placed by hand since, or is gone.', false);
      }
      return;
    }
    // The question is about this regrouping: another one recorded meanwhile (a proposal
    // applied here or on another console) closes it (`undoable` is replaced).
    askUndo({ kind, text: undoQuestion(ack), undoable: conn.state.undoable });
  });
  $('undo-confirm-yes').addEventListener('click', async () => {
    const asked = undoAsked;
    askUndo(null);
    if (!asked) return;
    const ack = await run({ type: 'undoRegroup', kind: asked.kind });
    if (ack) say(ack.moved === 1 ? 'Undone: 1 note is back.' : `Undone: ${ack.moved} notes are back.`, false);
    $('regroup-button').focus();
  });
  // The keyboard goes back where the question came from: the merged-into column's Merge
  // after a merge, the asking column's own when kept (not lost to the page).
  const mergeFocus = (id) => document.querySelector(`#console-board > [data-key="${CSS.escape(id)}"] .merge-details summary`)?.focus();
  // A merge is done at once and can be undone: "Undo the merge of “…”" puts the theme back
  // with its name, its notes still in the theme it joined and the people signed up for it.
  // (It first asked, "This cannot be undone": a walk-through's hurried press had taken a
  // theme off the wall, and getting it back took four actions and its name retyped.)
  merge = async (from, into) => {
    const a = conn.state.themes.find((t) => t.id === from)?.label, b = conn.state.themes.find((t) => t.id === into)?.label;
    if (await run({ type: 'mergeThemes', from, into }, `Merged “${a}” into “${b}”. “Undo the merge” puts it back.`)) mergeFocus(into);
  };
  $('undo-merge-button').addEventListener('click', async () => {
    const kind = currentKind(conn.state);
    const label = conn.state.mergeUndoable?.[kind]?.label ?? '';
    const ack = await run({ type: 'undoMerge', kind });
    if (!ack) return;
    say(`“${label}” is back${ack.moved ? ` with ${ack.moved === 1 ? 'its note' : `its ${ack.moved} notes`}` : ''}.`, false);
    mergeFocus(ack.theme);
  });
  $('undo-confirm-no').addEventListener('click', () => { askUndo(null); $('undo-regroup-button').focus(); });
  $('undo-confirm').addEventListener('keydown', (e) => {
    if (e.key === 'Escape') { askUndo(null); $('undo-regroup-button').focus(); }
  });
  // Both name the proposal on screen (`offered`): one replaced a moment before the press
  // (new notes came in) is refused, not carried out unseen, and the box shows the new one.
  $('proposal-apply').addEventListener('click', async () => {
    const ack = await run({ type: 'applyProposal', kind: shownProposal.kind ?? currentKind(conn.state), offered: shownProposal.offered });
    if (ack) say(`Applied: ${ack.moved} ${ack.moved === 1 ? 'note' : 'notes'} moved. “Undo the last regrouping” puts ${ack.moved === 1 ? 'it' : 'them'} back.`, false);
    // (Not onto Undo: a held or doubled Enter would undo what it just applied.)
    if (ack) focusAfterProposal(null);
  });
  $('proposal-dismiss').addEventListener('click', async () => {
    if (await run({ type: 'dismissProposal', kind: shownProposal.kind ?? currentKind(conn.state), offered: shownProposal.offered })) {
      say('Proposal dismissed: nothing moved.', false);
      focusAfterProposal(null);
    }
  });

  // The selection bar: move, hide or split the selected notes together.
  // "Move" needs a choice: a hurried click must not pull notes out of their theme.
  $('selection-target').addEventListener('change', () => { $('selection-move').disabled = !$('selection-target').value; });
  $('selection-move').addEventListener('click', () => {
    const target = $('selection-target').value;
    if (target) moveSelected(target === UNSORTED_CHOICE ? null : target);
  });
  $('selection-keep').addEventListener('click', () => keepSelected());
  $('selection-leave-out').addEventListener('click', () => leaveOutSelected());
  $('selection-hide').addEventListener('click', () => hideSelected(true));
  $('selection-show').addEventListener('click', () => hideSelected(false));
  $('selection-clear').addEventListener('click', () => { selected.clear(); draw(); });
  $('split-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const label = $('split-label').value;
    const ids = [...selected];
    const notes = ids.map((id) => conn.state.notes.find((n) => n.id === id)).filter(Boolean);
    const themes = new Set(notes.map((n) => n.theme));
    if (!label.trim()) return say('Give the new theme a label.');
    if (!notes.length) return;
    if (themes.size === 1 && notes[0].theme) {
      if (await run({ type: 'splitTheme', theme: notes[0].theme, notes: ids, label }, `Split into “${label}”.`)) {
        $('split-label').value = '';
        selected.clear();
        draw();
      }
      return;
    }
    // Notes from several columns, or from Unsorted: a new theme, then each note moved into it
    // by hand (a walk-through had to create the theme and make three moves one by one).
    const made = await run({ type: 'createTheme', kind: notes[0].kind, label });
    if (!made?.theme) return;
    $('split-label').value = '';
    // Nothing could be moved into it (each refusal is said): no empty theme is left behind.
    if (!(await moveNotes(ids, made.theme))) await run({ type: 'deleteTheme', theme: made.theme });
  });
  // One selected note can be corrected for the summary (a typo, a translation); phones and
  // the wall keep the author's words.
  $('correct-open').addEventListener('click', () => {
    correcting = true;
    // Shown here, not only at the next draw: a hidden field cannot take the focus.
    show($('correct-open'), false);
    $('correct-open').setAttribute('aria-expanded', 'true');
    show($('correct-form'), true);
    $('correct-text').focus();
  });
  $('correct-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const [id] = [...selected];
    if (!id) return;
    if (await run({ type: 'correctNote', note: id, text: $('correct-text').value }, 'The summary will use the corrected text.')) {
      selected.clear();
      draw();
    }
  });
  $('correct-reset').addEventListener('click', async () => {
    const [id] = [...selected];
    if (id && await run({ type: 'correctNote', note: id, text: null }, "The summary will use the author's text.")) {
      selected.clear();
      draw();
    }
  });
  // A note typed in Spanish: the summary may carry the English the grouping read, which
  // the facilitator touches up before saving (machine translation reads stiffly).
  $('correct-english').addEventListener('click', () => {
    const [id] = [...selected];
    const note = id && ctx.conn.state.notes.find((n) => n.id === id);
    const english = note && readingOf(note, note.kind);
    if (!english) return;
    $('correct-text').value = english;
    $('correct-text').focus();
  });
  // Escape clears the selection, wherever the focus is on the board.
  $('board-section').addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && selected.size && !e.target.matches('input, textarea')) {
      selected.clear();
      draw();
      return;
    }
    // On a card: the arrow keys go from card to card (Tab alone took 30 presses and more to
    // cross a board), M moves the selected notes into the focused card's theme, and K keeps
    // them in place. They act only while a card has the focus, so they never take a letter
    // from a text field.
    const card = e.target.closest?.('.note-card');
    if (!card || e.altKey || e.ctrlKey || e.metaKey) return;
    const next = ARROWS[e.key] ? neighbourCard(card, ARROWS[e.key]) : null;
    if (ARROWS[e.key]) {
      e.preventDefault();
      if (next) next.focus();
    } else if (e.key.toLowerCase() === 'k' && !e.shiftKey) {
      // K: "Keep in place" for the selection, or for the focused card when nothing is selected
      // (a "Check" read and agreed with), without the Tab presses to the selection bar.
      e.preventDefault();
      const id = card.closest('.console-note')?.dataset.key;
      if (selected.size) keepSelected(); else if (id) keepNotes([id]);
    } else if (e.key.toLowerCase() === 'm' && !e.shiftKey && selected.size) {
      // As the column's own "Move N here" (shown when some selected note is elsewhere).
      const moveHere = card.closest('.console-column')?.querySelector('.move-here');
      if (moveHere && !moveHere.hidden) {
        e.preventDefault();
        moveHere.click();
      }
    }
  });
}

const ARROWS = { ArrowUp: [0, -1], ArrowDown: [0, 1], ArrowLeft: [-1, 0], ArrowRight: [1, 0] };

/** The card beside `card` on the board in direction [columns, cards]: up and down within its
 *  column; left and right to the nearest column that has cards, at the same height or its last
 *  — or, with notes selected, to an empty column's "Move N here" (a theme just created). */
function neighbourCard(card, [dx, dy]) {
  const elements = [...$('console-board').querySelectorAll('.console-column')];
  const columns = elements.map((col) => [...col.querySelectorAll('.console-note .note-card')].filter((c) => c.offsetParent !== null));
  const x = columns.findIndex((cards) => cards.includes(card));
  if (x < 0) return null;
  const y = columns[x].indexOf(card);
  if (dy) return columns[x][y + dy] ?? null;
  for (let i = x + dx; i >= 0 && i < columns.length; i += dx) {
    if (columns[i].length) return columns[i][Math.min(y, columns[i].length - 1)];
    const moveHere = elements[i].querySelector('.move-here');
    if (moveHere && !moveHere.hidden) return moveHere;
  }
  return null;
}

/** The proposal's box goes once it is applied or dismissed: the keyboard's focus, which was on
 *  its button, goes to `next` or to the board's heading, not to the top of the page (23 Tabs
 *  back to the board). */
function focusAfterProposal(next) {
  ctx.draw();
  // After the board is drawn again (draws are coalesced): the box hidden, Undo shown.
  setTimeout(() => {
    const lost = !document.activeElement || document.activeElement === document.body || $('proposal').contains(document.activeElement);
    if (!lost) return;
    if (next && !next.hidden) {
      next.focus();
    } else {
      $('board-heading').tabIndex = -1;
      $('board-heading').focus();
    }
  }, 80);
}

async function moveSelected(theme) {
  const ids = [...selected];
  if (!ids.length) return;
  await moveNotes(ids, theme);
}

/** The facilitator confirms where the grouping put the selected notes (a "Check" read and
 *  agreed with): each is placed by hand where it is, so it stays and teaches its theme. */
async function keepSelected() {
  await keepNotes([...selected]);
}

/** "Leave out": the selected notes' moves leave the proposal on screen; the notes stay where
 *  they are without being confirmed there (a walk-through used "Keep in place" for this, and
 *  its note was then marked as placed by hand in a column it did not belong in). */
async function leaveOutSelected() {
  const { run, say, draw, conn } = ctx;
  const kind = shownProposal.kind ?? currentKind(conn.state);
  const inIt = new Set((conn.state.proposals?.[kind]?.moves || []).map((m) => m.note));
  const ids = [...selected].filter((id) => inIt.has(id));
  if (!ids.length) return;
  const before = conn.state.proposals?.[kind];
  const titled = new Map((before?.newThemes || []).map((t) => [t.id, t.label]));
  const ack = await run({ type: 'dismissProposal', kind, offered: shownProposal.offered, notes: ids });
  if (!ack) return;
  for (const id of ids) selected.delete(id);
  focusNote = ids[0];
  // A new theme whose title named what was left out is titled again (the server's event).
  // Only of the same proposal (one that replaced it meanwhile numbers its new themes afresh).
  const after = conn.state.proposals?.[kind];
  const same = after && before && after.offered === before.offered;
  const renamed = (same ? after.newThemes || [] : []).filter((t) => titled.has(t.id) && titled.get(t.id) !== t.label)
    .map((t) => ` The new theme “${titled.get(t.id)}” is now called “${t.label}”.`).join('');
  say(`Left out of the proposal: ${ack.left} ${ack.left === 1 ? 'note' : 'notes'}. ${ack.left === 1 ? 'It stays' : 'They stay'} where ${ack.left === 1 ? 'it is' : 'they are'}; the rest of the proposal stands.${renamed}`, false);
  draw();
}

async function keepNotes(ids) {
  const { run, say, draw, conn } = ctx;
  // An unsorted card kept in place is parked there: no regrouping or proposal moves it.
  const notes = ids.map((id) => conn.state.notes.find((n) => n.id === id)).filter((n) => n && !n.placedByHand);
  let kept = 0;
  for (const seen of notes) {
    // Where the note is now, not where it was when "Keep" was pressed: the commands go one at
    // a time, and a proposal applied or a merge made meanwhile (another console) may have
    // moved it. Keeping must never put a note back where it no longer is.
    const n = conn.state.notes.find((x) => x.id === seen.id);
    if (!n || n.theme !== seen.theme || n.placedByHand) continue;
    if (!(await run({ type: 'moveNote', note: n.id, theme: n.theme ?? null }))) break;
    kept++;
  }
  for (const id of ids) selected.delete(id);
  focusNote = notes[0]?.id ?? null;   // the keyboard stays where the facilitator was
  if (kept) say(`Kept in place: ${kept} ${kept === 1 ? 'note' : 'notes'}. The automatic grouping will not move ${kept === 1 ? 'it' : 'them'} again.`, false);
  draw();
}

/** A column head whose title has a word too wide to sit beside the counts ("Apprenticeships"
 *  ran under "4 notes" in a walk-through's narrow column): the title takes the column's whole
 *  width, the counts under it (style.css). Measured with words unbreakable. */
function stackIfCrowded(head) {
  const title = head.querySelector('.column-title');
  if (!title) return;
  head.classList.remove('stacked');
  title.style.overflowWrap = 'normal';
  const button = title.querySelector('.label-button');
  if (button) button.style.overflowWrap = 'normal';
  const crowded = title.scrollWidth > title.clientWidth + 1;
  title.style.overflowWrap = '';
  if (button) button.style.overflowWrap = '';
  head.classList.toggle('stacked', crowded);
}

/** Each column's head laid out for its title (`stackIfCrowded`), then all aligned. */
function fitHeads(board) {
  for (const head of board.querySelectorAll('.column-head')) stackIfCrowded(head);
  alignHeads(board);
}

/** Every column's head, and its row of buttons, as tall as the tallest, so the first cards of
 *  every column start on one line: a title on two lines beside titles on one set that
 *  column's cards lower than its neighbours' (a walk-through read the board as uneven rows).
 *  Measured again whenever the board is drawn or the window changes width. A merge list the
 *  facilitator has opened grows its own column only. */
function alignHeads(board) {
  for (const part of ['.column-head', '.column-tools']) {
    const rows = Array.from(board.querySelectorAll(`.console-column > ${part}`));
    for (const row of rows) row.style.minHeight = '';
    const closed = rows.filter((row) => !row.querySelector('details[open]'));
    const tallest = Math.max(0, ...closed.map((row) => row.getBoundingClientRect().height));
    for (const row of rows) row.style.minHeight = `${tallest}px`;
  }
}

/** Moves notes one command each (the server checks every one); stops at the first refusal.
 *  Returns how many moved. */
async function moveNotes(ids, theme) {
  const { run, say, draw, conn } = ctx;
  const where = (id) => conn.state.notes.find((n) => n.id === id)?.theme ?? null;
  const before = new Map(ids.map((id) => [id, where(id)]));
  for (const id of ids) {
    const note = conn.state.notes.find((n) => n.id === id);
    // Skipped if it was there already when the move began (a card dropped back on its own
    // column, a note of Unsorted "moved" to Unsorted is not pinned there). One that followed
    // the first ones in by itself during the move is still placed there by hand, as the others.
    if (!note || before.get(id) === theme || (note.placedByHand && (note.theme ?? null) === theme)) continue;
    if (!(await run({ type: 'moveNote', note: id, theme }))) break;
  }
  const moved = ids.filter((id) => before.get(id) !== theme && where(id) === theme).length;
  // Counted apart in the answer: a walk-through read "Moved 1 note" for two selected and
  // nothing about the other, which the grouping had already put there.
  const there = ids.filter((id) => before.get(id) === theme).length;
  for (const id of ids) selected.delete(id);
  const label = theme ? conn.state.themes.find((t) => t.id === theme)?.label : 'Unsorted';
  const already = there ? ` ${there === 1 ? '1 was' : `${there} were`} there already.` : '';
  if (moved) say(`Moved ${moved} ${moved === 1 ? 'note' : 'notes'} to “${label}”.${already}`, false);
  else if (there) say(`${there === 1 ? 'It was' : 'They were'} in “${label}” already.`, false);
  // Keep the keyboard on the (first) moved note, now in its new column.
  focusNote = ids[0];
  draw();
  return moved;
}

async function hideSelected(hidden) {
  const { run, say, draw } = ctx;
  const ids = [...selected];
  let done = 0;
  for (const id of ids) if (await run({ type: 'hideNote', note: id, hidden })) done++;
  selected.clear();
  if (done) say(`${hidden ? 'Hidden' : 'Shown again'}: ${done} ${done === 1 ? 'note' : 'notes'}.`, false);
  draw();
}

let focusNote = null;

// ---- Drawing ----

export function renderBoard(state) {
  const kind = currentKind(state);
  for (const radio of document.querySelectorAll('input[name=board-kind]')) radio.checked = radio.value === kind;
  // The room writes one kind of note while the board shows the other: say so, one click back.
  const roomKind = phaseKind(state.phase);
  const elsewhere = !!roomKind && roomKind !== kind;
  show($('board-other-phase'), elsewhere);
  if (elsewhere) {
    const [room, shown] = [roomKind, kind].map((k) => (k === 'opportunity' ? 'opportunities' : 'requirements'));
    setText($('board-other-phase-text'), `The room is posting ${room}; this board shows the ${shown}.`);
    setText($('board-follow-phase'), `Show the ${room}`);
  }
  // The requirements board is the strategy areas, in the workbook's words.
  const boardName = kind === 'opportunity' ? 'Themes' : 'Strategy areas';
  setText($('board-heading'), boardName);
  setText(document.querySelector('.console-nav a[href="#board-section"]'), boardName);
  setText($('board-hint'), `Drag a note to a ${themeWord(kind)}, or select notes (click, or Space) and press “Move here”. ` +
    `Click a ${themeWord(kind)}’s name to rename it. Esc clears the selection.`);
  setText($('new-theme-text'), kind === 'opportunity' ? 'New opportunity theme' : 'New strategy area');
  setText($('create-theme-button'), kind === 'opportunity' ? 'Create theme' : 'Create strategy area');

  const { columns } = boardColumns(state, kind, { includeHidden: true, keepEmpty: true });
  if (!columns.some((c) => c.unsorted)) columns.push({ id: UNSORTED, theme: null, label: 'Unsorted', notes: [], unsorted: true });
  const themes = themesOfKind(state, kind);
  const notes = notesOfKind(state, kind);
  for (const id of [...selected]) if (!notes.some((n) => n.id === id)) selected.delete(id);

  // Parts that add up: the hidden ones apart, not also among the unsorted (a walk-through read
  // "27 … 3 unsorted, 4 hidden" and added 30).
  const hidden = notes.filter((n) => n.hidden).length;
  const unsorted = columns.find((c) => c.unsorted).notes.filter((n) => !n.hidden).length;
  const shown = notes.length - hidden;
  const what = `${shown} ${kind === 'opportunity' ? 'opportunities' : 'requirements'}`;
  const where = `${themes.length} ${themeWord(kind, themes.length)}`;
  setText($('board-summary'), (unsorted ? `${what}: ${shown - unsorted} in ${where}, ${unsorted} unsorted` : `${what} in ${where}`)
    + (hidden ? `; ${hidden} more hidden.` : '.'));

  const proposal = state.proposals?.[kind] || null;
  const preview = proposalPreview(state, proposal, kind);
  renderProposal(state, kind, proposal, preview);
  // Undo is there only while the last regrouping (an applied proposal or split) can be undone.
  show($('undo-regroup-button'), state.undoable?.[kind] != null);
  // The question goes with what it asks about (undone from elsewhere, or another board shown).
  if (undoAsked && (undoAsked.kind !== kind || state.undoable !== undoAsked.undoable || state.undoable?.[kind] == null)) askUndo(null);
  // Undo the merge only when the server would carry it out (MeetingState.decideUndoMerge):
  // the theme it joined still there, room for one more, and a note of it to put back that
  // can be seen (or a name the facilitator gave it).
  const merged = state.mergeUndoable?.[kind];
  const undoMerge = $('undo-merge-button');
  const putBack = merged ? state.notes.filter((n) => merged.notes.includes(n.id) && n.theme === merged.into) : [];
  show(undoMerge, !!merged && state.themes.some((t) => t.id === merged.into) && themesOfKind(state, kind).length < THEMES_PER_KIND
    && (merged.named || putBack.some((n) => !n.hidden)));
  if (merged) setText(undoMerge, `Undo the merge of “${merged.label}”`);
  const board = $('console-board');
  board.dataset.columns = String(columns.length);
  const doubts = doubtsToShow(state, kind, preview);
  // What the marks on the cards mean, when there are any.
  setText($('board-legend'), [
    doubts.size ? `${doubts.size} marked “Check”: the notes the grouping is least sure of.` : '',
    notes.some((n) => n.placedByHand) ? '✓ placed by you.' : '',
  ].filter(Boolean).join(' '));
  const view = { state, kind, preview, themes, doubts };
  syncChildren(board, columns, (c) => c.id, createColumn, (col, c) => updateColumn(col, c, view));
  fitHeads(board);
  renderSelection(state, kind, themes, preview);
  scheduleSuggestions(state, kind);
  renderSuggestions(state, kind);

  if (focusNote) {
    const card = board.querySelector(`.console-note[data-key="${CSS.escape(focusNote)}"] .note-card`);
    focusNote = null;
    if (card && document.activeElement !== card) card.focus();
  }
}

function createColumn(c) {
  const col = h('section', { class: 'console-column', 'aria-labelledby': `label-${c.id}` });
  const head = h('header', { class: 'column-head' });
  if (c.unsorted) {
    // A column title too (`stackIfCrowded`): "0 notes + 2 hidden" beside it broke it into "Unsor ted".
    head.append(h('h3', { class: 'column-label column-title', id: `label-${c.id}`, text: 'Unsorted' }));
  } else {
    const title = h('button', { type: 'button', class: 'label-button', title: 'Click to rename' });
    title.addEventListener('click', () => startRename(col, c.id));
    head.append(h('h3', { class: 'column-title' }, title, h('span', { class: 'column-label', id: `label-${c.id}`, hidden: true })));
  }
  // A crowded column scrolls inside itself on a laptop: its notes marked "Check" may be out
  // of view. The head says how many it has; each press brings the next one into view.
  const toCheck = h('button', { type: 'button', class: 'to-check', hidden: true });
  toCheck.addEventListener('click', () => {
    const marked = Array.from(col.querySelectorAll('.console-note.doubtful'));
    if (!marked.length) return;
    // From the card this button showed last (the focus is on the button itself when pressed).
    const last = marked.findIndex((li) => li.dataset.key === col.dataset.lastChecked);
    const next = marked[(last + 1) % marked.length];
    col.dataset.lastChecked = next.dataset.key;
    const card = next.querySelector('.note-card');
    card.scrollIntoView({ block: 'nearest' });
    card.focus();
  });
  // (Under the count, not beside it: the title keeps the head's width.)
  head.append(h('span', { class: 'column-counts' }, h('span', { class: 'count' }), toCheck));
  col.append(head);
  // "Move N here" appears over the theme's own buttons (Unsorted keeps a row free for it):
  // selecting a card must not push the other columns' cards down under the pointer.
  const tools = h('div', { class: 'column-tools' });
  if (!c.unsorted) tools.append(themeActions(c.id));
  const moveHere = h('button', { type: 'button', class: 'move-here primary', hidden: true });
  moveHere.addEventListener('click', () => moveSelected(c.unsorted ? null : c.id));
  tools.append(moveHere);
  col.append(tools, h('ul', { class: 'console-notes' }));
  // Drag and drop: a card (or the selection it belongs to) dropped anywhere on a column.
  col.addEventListener('dragover', (e) => {
    if (!e.dataTransfer.types.includes('application/x-convene-notes')) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'move';
    col.classList.add('drop-target');
  });
  col.addEventListener('dragleave', (e) => { if (!col.contains(e.relatedTarget)) col.classList.remove('drop-target'); });
  col.addEventListener('drop', (e) => {
    e.preventDefault();
    col.classList.remove('drop-target');
    const ids = JSON.parse(e.dataTransfer.getData('application/x-convene-notes') || '[]');
    if (Array.isArray(ids) && ids.length) moveNotes(ids.map(String), c.unsorted ? null : c.id);
  });
  return col;
}

/** Lock, spotlight, split by meaning, delete (when empty) and merge of one theme: one short row. */
function themeActions(themeId) {
  const { run, conn, say } = ctx;
  const lock = h('button', { type: 'button', class: 'secondary small lock', 'aria-pressed': 'false' });
  // Said, as every other button of the board says what it did (a walk-through's Lock left the
  // last message standing).
  lock.addEventListener('click', () => {
    const locking = lock.getAttribute('aria-pressed') !== 'true';
    const label = conn.state.themes.find((t) => t.id === themeId)?.label ?? '';
    run({ type: 'lockTheme', theme: themeId, locked: locking },
      locking ? `Locked “${label}”: a regrouping moves no note into or out of it.` : `Unlocked “${label}”.`);
  });
  const spot = h('button', { type: 'button', class: 'secondary small spotlight-toggle', 'aria-pressed': 'false' });
  spot.addEventListener('click', () => {
    const on = spot.getAttribute('aria-pressed') !== 'true';
    run({ type: 'spotlight', theme: on ? themeId : null }, on ? 'The wall now shows this theme alone.' : 'The wall shows the whole board again.');
  });
  // A column that mixes two things: the clustering proposes which notes leave for a new
  // theme; the proposal previews it on the cards and nothing moves until it is applied.
  const split = h('button', { type: 'button', class: 'secondary small split-meaning', hidden: true, text: 'Split' });
  split.addEventListener('click', async () => {
    const theme = conn.state.themes.find((t) => t.id === themeId);
    const [label, word] = [theme?.label ?? '', themeWord(theme?.kind)];
    // Its notes are the facilitator's: the grouping does not move them, so nothing to propose.
    if (split.dataset.yours === 'true') {
      say(`You placed the notes of “${label}” yourself (a merge places them too), so the grouping will not split them: select the notes to split off, name the new ${word} in the bar and press “Split off”.`, false);
      return;
    }
    const ack = await run({ type: 'splitByMeaning', theme: themeId });
    if (!ack) return;
    if (!ack.proposal) say(`No split to suggest for “${label}”: it needs at least three notes on each side that you have not placed yourself.`, false);
    else say(`Splitting “${label}” would move ${ack.moved} ${ack.moved === 1 ? 'note' : 'notes'} to a new ${word}: see the proposal, then apply or dismiss it.`, false);
  });
  const del = h('button', { type: 'button', class: 'secondary small delete-theme', hidden: true });
  del.addEventListener('click', () => {
    const label = conn.state.themes.find((t) => t.id === themeId)?.label ?? '';
    const hidden = conn.state.notes.filter((n) => n.theme === themeId && n.hidden).length;
    run({ type: 'deleteTheme', theme: themeId },
      hidden ? `Deleted “${label}”; its hidden ${hidden === 1 ? 'note is' : 'notes are'} in Unsorted, still hidden.` : `Deleted “${label}”.`);
  });
  const into = h('select', { class: 'merge-into', id: `merge-${themeId}` });
  const mergeForm = h('form', { class: 'inline-form' },
    h('label', { for: `merge-${themeId}`, text: 'Merge into' }), into,
    h('button', { type: 'submit', class: 'secondary small', text: 'Merge' }));
  mergeForm.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!into.value) return ctx.say('Choose the theme to merge into.');
    merge(themeId, into.value);
  });
  return h('div', { class: 'theme-actions' }, lock, spot, split, del,
    h('details', { class: 'merge-details' }, h('summary', { text: 'Merge' }), mergeForm));
}

function updateColumn(col, c, view) {
  const t = c.theme;
  const { kind, state } = view;
  col.classList.toggle('unsorted', !!c.unsorted);
  col.classList.toggle('empty', !!c.unsorted && c.notes.length === 0);
  col.classList.toggle('locked', !!t?.locked);
  // The count the wall and the summary show (hidden notes are on neither), and the hidden apart.
  const hiddenHere = c.notes.filter((n) => n.hidden).length, shownHere = c.notes.length - hiddenHere;
  setText(col.querySelector('.count'), `${shownHere} ${shownHere === 1 ? 'note' : 'notes'}${hiddenHere ? ` + ${hiddenHere} hidden` : ''}`);
  const checks = c.notes.filter((n) => view.doubts.has(n.id)).length;
  const toCheck = col.querySelector('.to-check');
  show(toCheck, checks > 0);
  setText(toCheck, `${checks} to check`);
  // (The visible words first, for voice control: "click 2 to check".)
  toCheck.setAttribute('aria-label', `${checks} to check in “${t ? t.label : 'Unsorted'}”: show the next marked note`);
  if (t) {
    setText(col.querySelector('.column-label'), t.label);
    const title = col.querySelector('.label-button');
    if (title) {
      setWrappingText(title, t.label);
      title.setAttribute('aria-label', `${t.label}: rename this ${themeWord(kind)}`);
    }
    const lock = col.querySelector('.lock');
    lock.setAttribute('aria-pressed', String(!!t.locked));
    setText(lock, t.locked ? 'Locked' : 'Lock');
    // What the lock really does (MeetingGrouping honours exactly this).
    lock.title = t.locked
      ? 'Locked: the automatic grouping takes no note out of it and adds none when it regroups. Click to unlock.'
      : 'Lock: the automatic grouping will take no note out of this theme and add none when it regroups (new notes may still be placed in it; you can still move notes by hand).';
    lock.setAttribute('aria-label', `Lock “${t.label}”`);   // pressed or not says whether it is
    const spot = col.querySelector('.spotlight-toggle');
    const lit = state.spotlight === t.id;
    spot.setAttribute('aria-pressed', String(lit));
    setText(spot, lit ? 'On the wall' : 'Spotlight');
    spot.title = lit ? 'The wall shows this theme alone. Click to show the whole board again.' : 'Show this theme alone on the wall, its notes large';
    spot.setAttribute('aria-label', `Spotlight “${t.label}” on the wall`);
    const split = col.querySelector('.split-meaning');
    // The server splits only an unlocked theme of six visible notes or more, three of them
    // not placed by hand (a proposal never moves those: a merged column has none). On a
    // column of notes you placed, the button stays and says so when pressed: a walk-through's
    // facilitator looked for it on a merged column and found nothing saying why it was gone.
    const visible = c.notes.filter((n) => !n.hidden);
    show(split, !t.locked && visible.length >= 6);
    split.dataset.yours = String(visible.filter((n) => !n.placedByHand).length < 3);
    split.title = split.dataset.yours === 'true'
      ? `You placed the notes of this ${themeWord(kind)} yourself (a merge places them too): select the notes to split off and press “Split off” in the bar`
      : `Split by meaning: the automatic grouping proposes which notes of this ${themeWord(kind)} form a new one (a preview: nothing moves until you apply it)`;
    split.setAttribute('aria-label', `Split “${t.label}” by meaning`);
    const del = col.querySelector('.delete-theme');
    // Empty, or holding only notes the facilitator hid (they go to Unsorted, still hidden).
    show(del, c.notes.every((n) => n.hidden));
    setText(del, 'Delete');
    del.setAttribute('aria-label', c.notes.length ? `Delete “${t.label}”; its hidden ${c.notes.length === 1 ? 'note goes' : 'notes go'} to Unsorted`
      : `Delete the empty ${themeWord(kind)} “${t.label}”`);
    const others = view.themes.filter((o) => o.id !== t.id).map((o) => [o.id, o.label]);
    setOptions(col.querySelector('.merge-into'), [['', 'Choose…'], ...others]);
  }
  const moveHere = col.querySelector('.move-here');
  const movable = [...selected].filter((id) => !c.notes.some((n) => n.id === id)).length;
  show(moveHere, movable > 0);
  col.querySelector('.column-tools').classList.toggle('moving', movable > 0);
  setText(moveHere, `Move ${movable} here`);
  moveHere.setAttribute('aria-label', `Move ${movable} selected ${movable === 1 ? 'note' : 'notes'} to “${t ? t.label : 'Unsorted'}”`);
  syncChildren(col.querySelector('.console-notes'), c.notes, (n) => n.id, createNote, (li, n) => updateNote(li, n, view));
}

function createNote(n) {
  const card = h('button', { type: 'button', class: 'note-card', 'aria-pressed': 'false' },
    h('span', { class: 'note-text' }), h('span', { class: 'reading' }), h('span', { class: 'corrected' }), h('span', { class: 'author' }), h('span', { class: 'proposed' }),
    h('span', { class: 'doubt' }));
  card.addEventListener('click', () => {
    if (selected.has(n.id)) selected.delete(n.id); else selected.add(n.id);
    ctx.draw();
  });
  // A "Check" mark the facilitator has read: one press says the note is right where it is
  // (kept in place, as "Keep in place" does for a selection), and the mark goes.
  const fine = h('button', { type: 'button', class: 'secondary small doubt-ok', hidden: true, text: 'Fine here' });
  fine.addEventListener('click', () => {
    fine.disabled = true;   // one press, one command (the mark goes once the server has it)
    keepNotes([n.id]).finally(() => { fine.disabled = false; });
  });
  const li = h('li', { class: 'console-note', draggable: 'true' }, card, fine);
  li.addEventListener('dragstart', (e) => {
    // Dragging a selected card carries the whole selection; any other card goes alone.
    const ids = selected.has(n.id) ? [...selected] : [n.id];
    e.dataTransfer.setData('application/x-convene-notes', JSON.stringify(ids));
    e.dataTransfer.setData('text/plain', ids.map((id) => ctx.conn.state.notes.find((x) => x.id === id)?.text ?? '').join('\n'));
    e.dataTransfer.effectAllowed = 'move';
    li.classList.add('dragging');
  });
  li.addEventListener('dragend', () => li.classList.remove('dragging'));
  return li;
}

function updateNote(li, n, view) {
  const card = li.querySelector('.note-card');
  const on = selected.has(n.id);
  li.classList.toggle('selected', on);
  li.classList.toggle('is-hidden', !!n.hidden);
  li.classList.toggle('from-partner', n.role === 'partner');
  card.setAttribute('aria-pressed', String(on));
  setWrappingText(li.querySelector('.note-text'), n.text);
  const who = authorOf(view.state, n);
  const author = `${nameAndOrg(who)}${n.scribed ? ' · scribed' : ''}`;
  setText(li.querySelector('.author'), author);
  const flags = [n.role === 'partner' ? ROLE_NAMES.partner : '', n.hidden ? 'hidden' : '', n.edited ? 'edited' : ''].filter(Boolean);
  // The card shows four lines of a long note; the tooltip has it whole (so does a selected card).
  card.title = `${n.text}\n— ${author}${flags.length ? ` · ${flags.join(', ')}` : ''}\nClick to select; drag to a theme to move it.`;
  // The console shows both: the author's words, and the summary's corrected text.
  const corrected = view.state.summaryEdits?.corrections?.[n.id];
  show(li.querySelector('.corrected'), !!corrected);
  setText(li.querySelector('.corrected'), corrected ? `In the summary: ${corrected}` : '');
  const to = view.preview.get(n.id);
  const proposed = li.querySelector('.proposed');
  show(proposed, !!to);
  setText(proposed, to ? `→ ${to}` : '');
  li.classList.toggle('in-proposal', !!to);
  // A note typed in Spanish: what the grouping read (Apertium's English), for a facilitator
  // who reads no Spanish. The wall and the summary keep the words as typed.
  const english = readingOf(n, view.kind);
  show(li.querySelector('.reading'), !!english);
  setText(li.querySelector('.reading'), english ? `Machine English (check it): ${english}` : '');
  // A note the grouping is least sure of: check it first.
  const doubt = view.doubts.get(n.id);
  show(li.querySelector('.doubt'), !!doubt);
  show(li.querySelector('.doubt-ok'), !!doubt);
  li.querySelector('.doubt-ok').setAttribute('aria-label', `Fine here: keep “${shortText(n.text)}” where it is`);
  setText(li.querySelector('.doubt'), doubt ? `Check: could also go in “${doubt}”` : '');
  li.classList.toggle('doubtful', !!doubt);
  // Placed (or kept) by the facilitator: the grouping leaves it there.
  li.classList.toggle('by-hand', !!n.placedByHand);
  card.setAttribute('aria-label', `${on ? 'Selected: ' : ''}${shortText(n.text)} — ${author}${n.hidden ? ' (hidden)' : ''}${to ? ` (the proposal moves it to ${to})` : ''}${english ? ` (reads in English: ${english})` : ''}${doubt ? ` (check: could also go in ${doubt})` : ''}${n.placedByHand ? ' (placed by you)' : ''}`);
}

// ---- Selection bar ----

function renderSelection(state, kind, themes, preview) {
  const bar = $('selection-bar');
  show(bar, selected.size > 0);
  // A new selection starts with no place chosen: the last one kept, one click filed the next
  // notes there too (a walk-through's misfile).
  if (!selected.size) { $('selection-target').value = ''; return; }
  const notes = [...selected].map((id) => state.notes.find((n) => n.id === id)).filter(Boolean);
  setText($('selection-count'), `${notes.length} ${notes.length === 1 ? 'note' : 'notes'} selected`);
  setOptions($('selection-target'), [['', 'Choose where…'], ...themes.map((t) => [t.id, t.label]), [UNSORTED_CHOICE, 'Unsorted']]);
  $('selection-move').disabled = !$('selection-target').value;
  show($('selection-keep'), notes.some((n) => !n.placedByHand));
  // Out of the proposal on screen without confirming where they are.
  show($('selection-leave-out'), notes.some((n) => preview.has(n.id)));
  show($('selection-hide'), notes.some((n) => !n.hidden));
  show($('selection-show'), notes.some((n) => n.hidden));
  // Notes of one column split off it; notes from several columns, or unsorted, go to a new one.
  const oneColumn = new Set(notes.map((n) => n.theme)).size === 1 && !!notes[0]?.theme;
  setText(document.querySelector('label[for=split-label]'), `${oneColumn ? 'Split into' : 'Put in'} a new ${themeWord(kind)}`);
  setText(document.querySelector('#split-form button[type=submit]'), oneColumn ? 'Split off' : 'Create');
  show($('split-form'), notes.length > 0);
  const one = notes.length === 1 ? notes[0] : null;
  if (one && $('correct-form').dataset.note !== one.id) {
    $('correct-form').dataset.note = one.id;
    $('correct-text').value = state.summaryEdits?.corrections?.[one.id] ?? one.text;
    correcting = false;   // another note: the form folds again
  }
  if (!one) {
    delete $('correct-form').dataset.note;
    correcting = false;
  }
  show($('correct-open'), !!one && !correcting);
  $('correct-open').setAttribute('aria-expanded', String(!!one && correcting));
  show($('correct-form'), !!one && correcting);
  show($('correct-english'), !!one && !!readingOf(one, kind));
}

// ---- The clustering's proposal ----

/** note id → where the proposal would move it (a theme's label, or "Unsorted"). */
function proposalPreview(state, proposal, kind) {
  const where = new Map();
  if (!proposal) return where;
  // New themes open only while the board is below its limit of themes (the first ones that fit).
  const room = THEMES_PER_KIND - state.themes.filter((t) => t.kind === kind).length;
  const newLabels = new Map((proposal.newThemes || []).filter((_, i) => i < room).map((t) => [t.id, `new: ${t.label}`]));
  const theme = (id) => state.themes.find((t) => t.id === id);
  for (const m of proposal.moves || []) {
    // A move the server would skip on "Apply" is not shown as one (MeetingState.wouldApply):
    // the note has moved, been placed by hand, hidden or withdrawn since, or its theme or
    // the one it would go to has been locked or merged away.
    const note = state.notes.find((n) => n.id === m.note);
    if (!note || note.withdrawn || note.hidden || note.placedByHand || (note.theme ?? null) !== (m.from ?? null)) continue;
    if (m.from != null && theme(m.from)?.locked) continue;
    const target = m.to == null || newLabels.has(m.to) ? null : theme(m.to);
    if (target?.locked) continue;
    const label = m.to == null ? 'Unsorted' : newLabels.get(m.to) ?? target?.label;
    if (label) where.set(m.note, label);
  }
  return where;
}

/** The proposal the box shows: its kind and `offered` (the server's name for it), and when it
 *  replaced one the box was showing. */
const shownProposal = { kind: null, offered: undefined, updatedAt: 0 };

/** How long the box says a proposal is new, after it replaced one on screen. */
const UPDATED_CUE_MS = 8000;

function renderProposal(state, kind, proposal, preview) {
  // A proposal none of whose moves still holds (its notes placed by hand or gone since) has
  // nothing to show: the next automatic pass replaces or withdraws it.
  const visible = !!proposal && preview.size > 0;
  const wasShowing = !$('proposal').hidden && shownProposal.kind === kind;
  show($('proposal'), visible);
  if (!visible) {
    shownProposal.kind = null;
    shownProposal.offered = undefined;
    return;
  }
  // A proposal the grouping put in place of the one on screen says so for a few seconds: the
  // facilitator may be reading it, and the notes marked → have changed under their eyes. (One
  // they asked for — Suggest, Split — is announced by its own button.)
  if (wasShowing && shownProposal.offered !== proposal.offered) shownProposal.updatedAt = proposal.requested ? 0 : Date.now();
  else if (!wasShowing) shownProposal.updatedAt = 0;
  shownProposal.kind = kind;
  shownProposal.offered = proposal.offered;
  const fresh = Date.now() - shownProposal.updatedAt < UPDATED_CUE_MS;
  $('proposal').classList.toggle('updated', fresh);
  setText($('proposal-updated'), fresh ? 'Updated just now, as the wall changed.' : '');
  if (fresh) {
    clearTimeout(shownProposal.timer);
    shownProposal.timer = setTimeout(() => ctx.draw(), UPDATED_CUE_MS + 50);
  }
  const moves = preview.size;
  // Only the new themes some card still goes to: once the facilitator has kept their notes
  // in place, the box no longer promises a theme that Apply would not open.
  const going = new Set(preview.values());
  const opened = (proposal.newThemes || []).filter((t) => going.has(`new: ${t.label}`)).map((t) => `“${t.label}”`);
  const word = themeWord(kind);
  const notesMoved = `${moves} ${moves === 1 ? 'note' : 'notes'}`;
  const opening = (verb) => (opened.length
    ? ` and ${verb} ${opened.length === 1 ? `a new ${word}` : `${opened.length} new ${themeWord(kind, 2)}`}: ${opened.join(', ')}` : '');
  const split = proposal.requested === 'split';
  const splitTheme = split ? state.themes.find((t) => t.id === proposal.theme) : null;
  setText($('proposal-heading'), split ? 'Split proposal' : 'Regrouping proposal');
  setText($('proposal-text'),
    (split
      ? `${splitTheme ? `split “${splitTheme.label}”` : 'split'}: move ${notesMoved} to a new ${word}${opened.length ? ` ${opened.join(', ')}` : ''}. ` +
        'Applied, the split is yours: its notes stay where it puts them.'
      : (proposal.requested === 'regroup'
        ? `regrouping would move ${notesMoved}${opening('open')}.`
        : `the automatic grouping suggests moving ${notesMoved}${opening('opening')}.`)) +
      ' Nothing moves until you apply it.');
  setText($('proposal-how'), 'The cards marked → show where each would go.' +
    // Taking part of it: a note the facilitator confirms where it is drops out of the proposal.
    (split ? '' : ' To leave a note out, select its card and press “Leave out”.'));
  const byTarget = new Map();
  for (const [note, to] of preview) {
    if (!byTarget.has(to)) byTarget.set(to, []);
    byTarget.get(to).push(state.notes.find((n) => n.id === note)?.text ?? note);
  }
  $('proposal-moves').replaceChildren(...[...byTarget].map(([to, texts]) =>
    h('li', {}, h('strong', { text: `→ ${to}: ` }), texts.map(shortText).join(' · '))));
}

// ---- Merge suggestions and notes to check, recomputed with the board ----

/** note id → the label of the other theme it is close to, for the notes the grouping is least
 *  sure of that are still where they were when the server said so, not placed by hand, and
 *  not moved by the standing proposal (its card says where it would go instead). */
function doubtsToShow(state, kind, preview) {
  const shown = new Map();
  if (suggestions.kind !== kind) return shown;
  for (const d of suggestions.doubts) {
    const n = state.notes.find((x) => x.id === d.note);
    const other = state.themes.find((t) => t.id === d.alsoClose);
    const own = state.themes.find((t) => t.id === n?.theme);
    if (!n || n.withdrawn || n.hidden || n.placedByHand || !own || own.locked || n.theme !== d.theme || !other || other.locked
        || preview.has(n.id)) continue;
    shown.set(n.id, other.label);
  }
  return shown;
}

/** A short fingerprint of a note's text (FNV-1a), so that an edit of the same length counts. */
function textHash(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

/** The English the grouping read for a note typed in Spanish, if it is of the note's words as they stand. */
function readingOf(note, kind) {
  const r = suggestions.kind === kind ? suggestions.readings.get(note.id) : undefined;
  return r && r.typed === note.text ? r.english : undefined;
}

/** Asks the server again a moment after the board of this kind changed. */
function scheduleSuggestions(state, kind) {
  // Everything the advice depends on: themes (and their locks), where each note is and
  // whether the facilitator placed it, hidden notes, and the pending proposal (a dismissed
  // one keeps its notes where they are: the server no longer doubts them).
  const version = JSON.stringify(themesOfKind(state, kind).map((t) => [t.id, t.label, !!t.locked]))
    + notesOfKind(state, kind).map((n) => `${n.id}:${n.theme}:${n.placedByHand ? 1 : 0}${n.hidden ? 1 : 0}:${textHash(n.text)}`).join(',')
    + JSON.stringify(state.proposals?.[kind] ?? null);
  if (suggestions.kind === kind && suggestions.version === version) return;
  clearTimeout(suggestTimer);
  suggestTimer = setTimeout(async () => {
    try {
      const ack = await ctx.conn.send({ type: 'mergeSuggestions', kind });
      const themeOf = new Map(notesOfKind(ctx.conn.state, kind).map((n) => [n.id, n.theme]));
      const doubts = (ack.doubts || []).map((d) => ({ ...d, theme: themeOf.get(d.note) }));
      // Each reading with the words it was read from: an edit since makes it stale.
      const typed = new Map(notesOfKind(ctx.conn.state, kind).map((n) => [n.id, n.text]));
      const readings = new Map((ack.readings || []).map((r) => [r.note, { english: r.english, typed: typed.get(r.note) }]));
      // A note whose reading went (edited: its new words are being read) gets it back
      // without waiting for the board to change: ask again shortly, a few times.
      const awaited = suggestions.kind === kind && [...suggestions.readings.keys()].some((id) => typed.has(id) && !readings.has(id));
      readingRetries = awaited ? readingRetries + 1 : 0;
      const again = awaited && readingRetries <= 5;
      // (The stale entries are kept only while waiting: they are what says a reading is due.)
      suggestions = { kind, version: again ? '' : version, list: ack.suggestions || [], doubts,
        readings: again ? new Map([...suggestions.readings, ...readings]) : readings };
      if (again) setTimeout(() => ctx.draw(), 2000);
    } catch (err) {
      // Refused for now (the grouping's budget) or cut off: nothing is remembered, so the
      // next drawing asks again, and one comes after a wait that doubles (3 s up to a minute)
      // even if nothing changes meanwhile. Any other refusal is final for this board.
      const passing = err?.code === 'rate_limited' || err?.code === 'disconnected' || err?.code === 'offline';
      suggestions = { kind, version: passing ? '' : version, list: [], doubts: [], readings: suggestions.readings };
      if (passing) {
        adviceRetryMs = Math.min(60_000, adviceRetryMs * 2);
        setTimeout(() => ctx.draw(), adviceRetryMs);
        return;
      }
    }
    adviceRetryMs = 1500;
    ctx.draw();
  }, 800);
}

function renderSuggestions(state, kind) {
  const label = (id) => state.themes.find((t) => t.id === id)?.label;
  // Stale ones (a theme gone since they were computed) are never shown.
  const live = suggestions.kind === kind ? suggestions.list.filter((s) => label(s.from) && label(s.into)) : [];
  const list = $('merge-suggestions');
  show($('merge-suggestions-box'), live.length > 0);
  syncChildren(list, live, (s) => `${s.from}>${s.into}`, (s) => h('li', {}, h('span', { class: 'what' }),
    h('button', { type: 'button', class: 'secondary small', onclick: () => merge(s.from, s.into) })),
  (li, s) => {
    // Only the closest pair of a board with more themes than the meeting aims for: not alike.
    setText(li.querySelector('.what'), s.closest
      ? `More ${themeWord(kind, 2)} than the ${state.meeting?.settings?.targetThemes ?? 5} the meeting aims for: “${label(s.from)}” and “${label(s.into)}” are the closest pair. `
      : `“${label(s.from)}” and “${label(s.into)}” look alike. `);
    setText(li.querySelector('button'), `Merge into “${label(s.into)}”`);
  });
}

// ---- Rename in place ----

function startRename(col, themeId) {
  const { conn, run } = ctx;
  const theme = conn.state.themes.find((t) => t.id === themeId);
  if (!theme) return;
  const title = col.querySelector('.label-button');
  const input = h('input', { class: 'rename', maxlength: '60', value: theme.label, 'aria-label': `New name for “${theme.label}”` });
  input.value = theme.label;
  title.hidden = true;
  title.after(input);
  input.focus();
  input.select();
  let done = false;
  const finish = async (save) => {
    if (done) return;
    done = true;
    const label = input.value;
    input.remove();
    title.hidden = false;
    if (save && label.trim() && label !== theme.label) await run({ type: 'renameTheme', theme: themeId, label }, 'Renamed.');
    title.focus();
  };
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') { e.preventDefault(); finish(true); }
    if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); finish(false); }
  });
  input.addEventListener('blur', () => finish(true));
}

/** The question before an undo: how many notes go back, and where (the columns by the names
 * they carry now). */
function undoQuestion(ack) {
  const notes = (n) => (n === 1 ? '1 note' : `${n} notes`);
  const place = (i) => (i.label == null ? 'Unsorted' : `“${i.label}”${i.comesBack ? ' (it comes back)' : ''}`);
  const into = ack.into || [];
  const one = ack.moved === 1;
  const back = into.length === 1
    ? `${one ? '1 note goes' : `${ack.moved} notes go`} back to ${place(into[0])}, where ${one ? 'it was' : 'they were'} before it.`
    : `${ack.moved} notes go back where they were before it: ${into.map((i) => `${i.notes} to ${place(i)}`).join(', ')}.`;
  const stay = ack.stay ? ` ${notes(ack.stay)} it moved ${ack.stay === 1 ? 'stays where it is' : 'stay where they are'} now (placed by hand since, or gone).` : '';
  // A column it opened or filled that the facilitator has made theirs stays, empty.
  const empty = ack.staysEmpty || [];
  const left = empty.length
    ? ` ${empty.map((l) => `“${l}”`).join(' and ')} ${empty.length === 1 ? 'stays' : 'stay'} on the wall, empty, as you named or kept ${empty.length === 1 ? 'it' : 'them'}: delete ${empty.length === 1 ? 'it' : 'them'} if no longer needed.`
    : '';
  return `Undo the last regrouping? ${back}${stay}${left}`;
}

/** Shows the undo question (null hides it). "Keep the board as it is" has the focus: Enter
 * pressed once too often must not undo. */
function askUndo(asked) {
  undoAsked = asked;
  show($('undo-confirm'), !!asked);
  if (!asked) return;
  setText($('undo-confirm-text'), asked.text);
  $('undo-confirm-no').focus();
}

