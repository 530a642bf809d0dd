// The facilitator's console: runs the agenda (phases and timers), corrects the clustering
// (create, rename, lock, merge and split themes; send notes elsewhere; hide notes), types
// notes for people without a phone, and records champions, nominations and next steps.
// Every control is a real button, select or input with a label, so it works from the
// keyboard. The key comes from the link's fragment (`#key=…`), which browsers never send
// to a server.

import { connect, normalizeCode, randomId } from './client.js';
import { phaseKind, themesOfKind, notesOfKind, championsOf, supportersOf, authorOf, participant, PHASES, PHASE_NAMES } from './meeting-state.js';
import { $, h, setText, show, syncChildren, setOptions, coalesce, characterCount, nameAndOrg, ROLE_NAMES } from './dom.js';
import { remainingMs, formatRemaining, describeRemaining, everySecond } from './timer.js';
import { setupSummary, renderMailings } from './console-summary.js';
import { addTimeboxInputs, readTimeboxes, messageBar } from './meeting-form.js';

const NOTE_LIMIT = 280;
const UNSORTED = '__unsorted';
const code = normalizeCode(new URLSearchParams(location.search).get('code'));
const key = new URLSearchParams(location.hash.slice(1)).get('key') || '';

let boardKind = null; // chosen by hand; null follows the phase
let shownPhase = null;
let focusAfterDraw = null; // [css selector] to focus once the next drawing is done
let nextStepsDirty = false;
let timeboxDirty = false;

const draw = coalesce(render);
const conn = connect({
  code,
  client: 'console',
  key,
  onWelcome: draw,
  onEvent: draw,
  onStatus(status, message) {
    setText($('status'), { connecting: 'Connecting…', connected: 'Connected', reconnecting: 'Reconnecting…', refused: 'Not connected' }[status]);
    $('status').className = `status status-${status}`;
    if (status === 'refused') {
      say(message);
      setText($('loading'), message);
    }
  },
  onError: (err) => say(err.message),
});

if (!code || !key) {
  conn.close();
  setText($('loading'), 'This console link is incomplete. Open the meeting from “Your meetings” (meetings.html), or use the console link printed by “convene meeting create” (it ends with #key=…).');
}

// ---- Messages ----

/** Shows a server answer or a confirmation in the bar at the top. */
const say = messageBar();

/** Sends a command; shows the server's sentence if it is refused. Resolves to the ack or null. */
async function run(command, done) {
  try {
    const ack = await conn.send(command);
    if (done) say(done, false);
    return ack;
  } catch (err) {
    say(err.message);
    return null;
  }
}

setupSummary(run);

// ---- Clustering: regroup (one undoable step) and merge suggestions ----

$('regroup-button').addEventListener('click', async () => {
  const kind = currentKind(conn.state);
  const ack = await run({ type: 'regroup', kind });
  if (ack) say(ack.moved === 1 ? 'Regrouped: 1 note moved.' : `Regrouped: ${ack.moved} notes moved.`, false);
});

$('undo-regroup-button').addEventListener('click', async () => {
  const ack = await run({ type: 'undoRegroup', kind: currentKind(conn.state) });
  if (ack) say(ack.moved === 1 ? 'Undone: 1 note is back.' : `Undone: ${ack.moved} notes are back.`, false);
});

$('suggest-merges-button').addEventListener('click', async () => {
  const ack = await run({ type: 'mergeSuggestions', kind: currentKind(conn.state) });
  if (!ack) return;
  const label = (id) => conn.state.themes.find((t) => t.id === id)?.label ?? id;
  const list = $('merge-suggestions');
  list.replaceChildren();
  if (ack.suggestions.length === 0) list.append(h('li', { text: 'No themes are alike enough to merge.' }));
  for (const s of ack.suggestions) {
    list.append(h('li', {},
      `“${label(s.from)}” and “${label(s.into)}” look alike. `,
      h('button', { type: 'button', text: `Merge into “${label(s.into)}”`,
        onclick: async (event) => {
          if (await run({ type: 'mergeThemes', from: s.from, into: s.into }, 'Merged.')) event.target.closest('li').remove();
        } })));
  }
});

// ---- Phase ----

for (const phase of PHASES) {
  $('phase-buttons').append(
    h('button', { type: 'button', class: 'phase-button', 'aria-pressed': 'false', dataset: { phase }, text: PHASE_NAMES[phase],
      onclick: () => run({ type: 'setPhase', phase }) }),
  );
}

$('timebox').addEventListener('input', () => { timeboxDirty = true; });
$('timebox-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const phase = conn.state?.phase;
  const minutes = Number($('timebox').value);
  if (!phase || !Number.isInteger(minutes) || minutes < 1 || minutes > 240) {
    say('A time box is 1 to 240 minutes.');
    return;
  }
  if (await run({ type: 'updateMeeting', timeboxes: { [phase]: minutes } }, `The ${PHASE_NAMES[phase]} phase now has ${minutes} minutes.`)) {
    timeboxDirty = false;
  }
});

function renderPhase(state) {
  for (const b of $('phase-buttons').children) {
    const current = b.dataset.phase === state.phase;
    b.setAttribute('aria-pressed', String(current));
    b.title = current ? 'Restart the timer of this phase' : `Move the meeting to ${PHASE_NAMES[b.dataset.phase]}`;
  }
  setText($('phase-name'), PHASE_NAMES[state.phase] || state.phase);
  setText($('question'), state.question);
  show($('timebox-form'), state.phase !== 'closed');
  if (state.phase !== shownPhase) timeboxDirty = false;
  if (!timeboxDirty && document.activeElement !== $('timebox')) $('timebox').value = String(state.phaseMinutes || '');
}

function tick() {
  const ms = remainingMs(conn.state, conn.serverNow());
  setText($('timer'), ms === null ? 'no timer' : `${formatRemaining(ms)} (${describeRemaining(ms)})`);
  $('timer').classList.toggle('over', ms !== null && ms < 0);
}
everySecond(tick);

// ---- Theme board ----

for (const radio of document.querySelectorAll('input[name=board-kind]')) {
  radio.addEventListener('change', () => {
    boardKind = radio.value;
    draw();
  });
}

function currentKind(state) {
  if (boardKind) return boardKind;
  return phaseKind(state.phase) ?? (state.phase === 'welcome' ? 'opportunity' : 'requirement');
}

$('create-theme-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const label = $('new-theme-label').value;
  if (!label.trim()) return say('Give the new theme a label.');
  const kind = currentKind(conn.state);
  if (await run({ type: 'createTheme', kind, label }, `Created “${label}”.`)) $('new-theme-label').value = '';
});

function renderBoard(state) {
  const kind = currentKind(state);
  for (const radio of document.querySelectorAll('input[name=board-kind]')) radio.checked = radio.value === kind;
  setText($('new-theme-text'), kind === 'opportunity' ? 'New opportunity theme' : 'New strategy area');

  const themes = themesOfKind(state, kind);
  const notes = notesOfKind(state, kind);
  const known = new Set(themes.map((t) => t.id));
  const groups = new Map(themes.map((t) => [t.id, []]));
  const unsorted = [];
  for (const n of notes) (n.theme && known.has(n.theme) ? groups.get(n.theme) : unsorted).push(n);
  const hidden = notes.filter((n) => n.hidden).length;
  setText($('board-summary'),
    `${notes.length} ${kind === 'opportunity' ? 'opportunities' : 'requirements'} in ${themes.length} ` +
      `${kind === 'opportunity' ? (themes.length === 1 ? 'theme' : 'themes') : (themes.length === 1 ? 'strategy area' : 'strategy areas')}` +
      `${unsorted.length ? `, ${unsorted.length} unsorted` : ''}${hidden ? `, ${hidden} hidden` : ''}.`);

  const columns = [
    ...themes.map((t) => ({ id: t.id, theme: t, notes: groups.get(t.id) })),
    { id: UNSORTED, theme: null, notes: unsorted },
  ];
  // One list of destinations shared by every note's "Send to" menu.
  const destinations = [['', 'Unsorted'], ...themes.map((t) => [t.id, t.label])];
  const signature = JSON.stringify(destinations);
  const ctx = { state, themes, destinations, signature };
  syncChildren($('console-board'), columns, (c) => c.id, createColumn, (col, c) => updateColumn(col, c, ctx));
}

function createColumn(c) {
  const col = h('section', { class: 'console-column' },
    h('header', { class: 'column-head' },
      h('h3', { class: 'column-label', id: `label-${c.id}` }), h('span', { class: 'count' }), h('span', { class: 'badge locked', text: 'Locked' })));
  if (c.theme) col.append(themeControls(c.theme.id));
  col.append(h('ul', { class: 'console-notes' }));
  return col;
}

/** Rename, lock, merge and split controls of one theme. */
function themeControls(themeId) {
  const rename = h('input', { class: 'rename', maxlength: '60', id: `rename-${themeId}` });
  rename.addEventListener('input', () => { rename.dataset.dirty = '1'; });
  const renameForm = h('form', { class: 'inline-form' },
    h('label', { for: `rename-${themeId}`, text: 'Label' }), rename,
    h('button', { type: 'submit', class: 'secondary', text: 'Rename' }));
  renameForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!rename.value.trim()) return say('A theme needs a label.');
    if (await run({ type: 'renameTheme', theme: themeId, label: rename.value }, 'Renamed.')) delete rename.dataset.dirty;
  });

  const lock = h('button', { type: 'button', class: 'secondary lock', 'aria-pressed': 'false' });
  lock.addEventListener('click', () => run({ type: 'lockTheme', theme: themeId, locked: lock.getAttribute('aria-pressed') !== 'true' }));

  const into = h('select', { class: 'merge-into', id: `merge-${themeId}` });
  const mergeForm = h('form', { class: 'inline-form' },
    h('label', { for: `merge-${themeId}`, text: 'Merge into' }), into,
    h('button', { type: 'submit', class: 'secondary', text: 'Merge' }));
  mergeForm.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!into.value) return say('Choose the theme to merge into.');
    run({ type: 'mergeThemes', from: themeId, into: into.value }, 'Merged.');
  });

  const splitLabel = h('input', { maxlength: '60', id: `split-${themeId}` });
  const splitForm = h('form', { class: 'inline-form' },
    h('label', { for: `split-${themeId}`, text: 'New theme for the selected notes' }), splitLabel,
    h('button', { type: 'submit', class: 'secondary', text: 'Split off' }));
  splitForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    const col = splitForm.closest('.console-column');
    const ids = Array.from(col.querySelectorAll('.split-check:checked'), (box) => box.closest('.console-note').dataset.key);
    if (!ids.length) return say('Select the notes to split off first (the “Select” boxes).');
    if (!splitLabel.value.trim()) return say('Give the new theme a label.');
    if (await run({ type: 'splitTheme', theme: themeId, notes: ids, label: splitLabel.value }, 'Split into a new theme.')) {
      splitLabel.value = '';
    }
  });

  renameForm.append(lock);
  // Merging and splitting are rarer and heavier: folded away so the board stays readable.
  return h('div', { class: 'theme-controls' }, renameForm,
    h('details', {}, h('summary', { text: 'Merge or split' }), mergeForm, splitForm));
}

function updateColumn(col, c, ctx) {
  const t = c.theme;
  setText(col.querySelector('.column-label'), t ? t.label : 'Unsorted');
  setText(col.querySelector('.count'), `${c.notes.length} ${c.notes.length === 1 ? 'note' : 'notes'}`);
  col.classList.toggle('unsorted', !t);
  show(col.querySelector('.badge.locked'), !!t?.locked);
  if (t) {
    const rename = col.querySelector('.rename');
    if (document.activeElement !== rename && !rename.dataset.dirty) rename.value = t.label;
    const lock = col.querySelector('.lock');
    lock.setAttribute('aria-pressed', String(!!t.locked));
    setText(lock, t.locked ? 'Unlock' : 'Lock');
    lock.title = t.locked ? 'Let the clustering change this theme again' : 'Keep the clustering from adding or taking notes';
    const others = ctx.themes.filter((o) => o.id !== t.id).map((o) => [o.id, o.label]);
    setOptions(col.querySelector('.merge-into'), [['', 'Choose a theme…'], ...others]);
  }
  syncChildren(col.querySelector('.console-notes'), c.notes, (n) => n.id, createNote, (li, n) => updateNote(li, n, ctx));
}

function createNote(n) {
  const id = n.id;
  const move = h('select', { class: 'move', id: `move-${id}` });
  move.addEventListener('change', async () => {
    const ack = await run({ type: 'moveNote', note: id, theme: move.value || null });
    if (!ack) {
      move.value = move.dataset.current || '';
      return;
    }
    // The note now sits in another column, drawn anew: keep the keyboard on it there.
    focusAfterDraw = `.console-note[data-key="${CSS.escape(id)}"] select.move`;
    draw();
  });
  const hide = h('button', { type: 'button', class: 'secondary hide' });
  hide.addEventListener('click', () => run({ type: 'hideNote', note: id, hidden: hide.dataset.hidden !== 'true' }));
  return h('li', { class: 'console-note' },
    h('p', { class: 'note-text' }),
    h('p', { class: 'meta' }, h('span', { class: 'author' }), ' ', h('span', { class: 'tag' }), ' ',
      h('span', { class: 'badge hidden-badge', text: 'Hidden' }), ' ', h('span', { class: 'badge edited', text: 'Edited' })),
    h('div', { class: 'note-controls' },
      h('label', { class: 'choice small split-choice' }, h('input', { type: 'checkbox', class: 'split-check' }), 'Select'),
      h('label', { for: `move-${id}`, text: 'Send to' }), move, hide));
}

function updateNote(li, n, ctx) {
  li.classList.toggle('is-hidden', !!n.hidden);
  li.classList.toggle('from-partner', n.role === 'partner');
  setText(li.querySelector('.note-text'), n.text);
  const who = authorOf(ctx.state, n);
  setText(li.querySelector('.author'), `${nameAndOrg(who)}${n.scribed ? ' (typed by the facilitator)' : ''}`);
  setText(li.querySelector('.tag'), ROLE_NAMES[n.role] || n.role);
  show(li.querySelector('.hidden-badge'), !!n.hidden);
  show(li.querySelector('.edited'), !!n.edited);
  show(li.querySelector('.split-choice'), !!n.theme);
  // Each note's controls name the note, so a screen reader tells 25 "Send to" menus apart.
  const chars = Array.from(n.text);
  const short = chars.length > 60 ? `${chars.slice(0, 60).join('')}…` : n.text;
  li.querySelector('.split-check').setAttribute('aria-label', `Select for splitting: ${short}`);
  const move = li.querySelector('select.move');
  move.setAttribute('aria-label', `Send to (note: ${short})`);
  setOptions(move, ctx.destinations, ctx.signature);
  move.dataset.current = n.theme || '';
  if (document.activeElement !== move) move.value = n.theme || '';
  const hide = li.querySelector('button.hide');
  hide.dataset.hidden = String(!!n.hidden);
  setText(hide, n.hidden ? 'Show' : 'Hide');
  hide.setAttribute('aria-label', `${n.hidden ? 'Show' : 'Hide'} note: ${short}`);
}

// ---- Scribe ----

let scribeId = null; // kept until acknowledged: pressing again after a lost answer cannot post twice
$('scribe-text').addEventListener('input', () => {
  const n = characterCount($('scribe-text').value);
  setText($('scribe-count'), `${n} / ${NOTE_LIMIT}`);
  $('scribe-count').classList.toggle('over', n > NOTE_LIMIT);
  scribeId = null;
});
$('scribe-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const name = $('scribe-name').value;
  const organization = $('scribe-org').value;
  const text = $('scribe-text').value;
  if (!name.trim() || !organization.trim() || !text.trim()) return say("Give the person's name, organization and the note.");
  if (characterCount(text) > NOTE_LIMIT) return say(`A note can have at most ${NOTE_LIMIT} characters.`);
  scribeId ??= randomId('n-');
  const command = { type: 'post', id: scribeId, kind: $('scribe-kind').value, text,
    scribe: { name, organization, role: $('scribe-role').value } };
  if (await run(command, `Posted for ${name}.`)) {
    scribeId = null;
    $('scribe-text').value = '';
    setText($('scribe-count'), `0 / ${NOTE_LIMIT}`);
    $('scribe-text').focus();
  }
});

// ---- Participants ----

function renderPeople(state) {
  const people = state.participants;
  const employers = people.filter((p) => p.role === 'employer').length;
  const consenting = people.filter((p) => p.consent && p.email).length;
  const partners = people.length - employers;
  setText($('people-summary'),
    `${people.length} joined: ${employers} ${employers === 1 ? 'employer' : 'employers'}, ` +
      `${partners} ${partners === 1 ? 'community partner' : 'community partners'}. ${consenting} asked for the summary.`);
  syncChildren($('people'), people, (p) => p.id,
    () => h('tr', {}, h('td'), h('td'), h('td'), h('td'), h('td')),
    (tr, p) => {
      const cells = tr.children;
      setText(cells[0], p.name);
      setText(cells[1], p.organization);
      setText(cells[2], ROLE_NAMES[p.role] || p.role);
      setText(cells[3], p.email || '—');
      setText(cells[4], p.consent && p.email ? 'Yes' : 'No');
    });
}

// ---- Champions and nominations ----

function renderCommitments(state) {
  const areas = themesOfKind(state, 'requirement');
  show($('areas-empty'), areas.length === 0);
  syncChildren($('champion-areas'), areas, (t) => t.id,
    () => h('li', { class: 'card' }, h('h3', { class: 'area-label' }), h('p', { class: 'champions' }), h('p', { class: 'supporters' })),
    (li, t) => {
      const champions = championsOf(state, t.id);
      const supporters = supportersOf(state, t.id);
      setText(li.querySelector('.area-label'), t.label);
      setText(li.querySelector('.champions'),
        champions.length ? `Champions: ${champions.map(nameAndOrg).join('; ')}` : 'No employer champion yet: not a priority right now.');
      show(li.querySelector('.supporters'), supporters.length > 0);
      setText(li.querySelector('.supporters'), `Community partners supporting: ${supporters.map(nameAndOrg).join('; ')}`);
      li.classList.toggle('no-champion', champions.length === 0);
    });

  show($('nominations-empty'), state.nominations.length === 0);
  syncChildren($('nominations'), state.nominations, (n) => n.id,
    (n) => h('tr', {}, h('td'), h('td'), h('td'), h('td'), h('td'),
      h('td', {}, h('button', { type: 'button', class: 'secondary', text: 'Remove',
        onclick: () => run({ type: 'withdrawNomination', id: n.id }, 'Removed.') }))),
    (tr, n) => {
      const cells = tr.children;
      setText(cells[0], n.name);
      setText(cells[1], n.organization);
      setText(cells[2], n.contact || '—');
      setText(cells[3], n.theme ? state.themes.find((t) => t.id === n.theme)?.label || '—' : 'The partnership as a whole');
      const by = n.nominatedBy === 'facilitator' ? 'Facilitator' : nameAndOrg(participant(state, n.nominatedBy)) || '—';
      setText(cells[4], by);
      cells[5].firstChild.setAttribute('aria-label', `Remove ${n.name}`);
    });
}

// ---- Next steps ----

const stepFields = ['call-date', 'call-time', 'call-host', 'meeting-date', 'meeting-time', 'other-steps'];
for (const id of stepFields) $(id).addEventListener('input', () => { nextStepsDirty = true; });

/** "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM" from a date and an optional time input. */
function joinDateTime(date, time) {
  if (!date) return null;
  return time ? `${date}T${time.slice(0, 5)}` : date;
}

$('next-steps-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  if (!$('call-date').value && $('call-time').value) return say("Give a date for the champions' call, or clear its time.");
  if (!$('meeting-date').value && $('meeting-time').value) return say('Give a date for the next meeting, or clear its time.');
  const command = { type: 'setNextSteps' };
  const callDate = joinDateTime($('call-date').value, $('call-time').value);
  const meetingDate = joinDateTime($('meeting-date').value, $('meeting-time').value);
  if (callDate) command.championsCallDate = callDate;
  if ($('call-host').value.trim()) command.championsCallHost = $('call-host').value;
  if (meetingDate) command.nextMeetingDate = meetingDate;
  if ($('other-steps').value.trim()) command.other = $('other-steps').value;
  if (await run(command, 'Next steps saved.')) nextStepsDirty = false;
});

function renderNextSteps(state) {
  // Never overwrite what the facilitator is typing.
  if (nextStepsDirty) return;
  const ns = state.nextSteps || {};
  const [callDate, callTime] = (ns.championsCall?.date || '').split('T');
  const [meetingDate, meetingTime] = (ns.nextMeeting?.date || '').split('T');
  $('call-date').value = callDate || '';
  $('call-time').value = callTime || '';
  $('call-host').value = ns.championsCall?.host || '';
  $('meeting-date').value = meetingDate || '';
  $('meeting-time').value = meetingTime || '';
  $('other-steps').value = ns.other || '';
}

// ---- Settings ----

$('everyone-may-post').addEventListener('change', async () => {
  const box = $('everyone-may-post');
  const wanted = box.checked;
  const ok = await run({ type: 'updateMeeting', everyoneMayPost: wanted },
    wanted ? 'Community partners may now post notes.' : 'Only employers post notes now.');
  if (!ok) box.checked = !wanted;
});

// The meeting's description and time boxes. Fields being edited are never overwritten by
// a change arriving from the server; saving sends only what the form holds.
let meetingFormDirty = false;
addTimeboxInputs($('meeting-timeboxes'), 'minutes-');
$('meeting-form').addEventListener('input', () => { meetingFormDirty = true; });
$('meeting-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const command = {
    type: 'updateMeeting',
    title: $('meeting-title-input').value, industry: $('meeting-industry').value, region: $('meeting-region').value,
    date: $('meeting-day').value || null, place: $('meeting-place').value.trim() ? $('meeting-place').value : null,
    chairs: $('meeting-chairs').value.split('\n').map((c) => c.trim()).filter(Boolean),
    targetThemes: Number($('meeting-target').value),
  };
  if (!command.title.trim() || !command.industry.trim() || !command.region.trim()) {
    return say('A meeting needs a title, an industry and a region.');
  }
  if (!Number.isInteger(command.targetThemes) || command.targetThemes < 3 || command.targetThemes > 8) {
    return say('Aim for 3 to 8 themes (the workbook ends with 4 or 5).');
  }
  command.timeboxes = readTimeboxes($('meeting-timeboxes'));
  if (!command.timeboxes) return say('Each phase gets 1 to 240 minutes.');
  if (await run(command, 'Settings saved.')) meetingFormDirty = false;
});

function renderMeetingForm(state) {
  if (meetingFormDirty) return;
  const m = state.meeting || {};
  const settings = m.settings || {};
  $('meeting-title-input').value = m.title || '';
  $('meeting-industry').value = m.industry || '';
  $('meeting-region').value = m.region || '';
  $('meeting-day').value = m.date || '';
  $('meeting-place').value = m.place || '';
  $('meeting-chairs').value = (m.chairs || []).join('\n');
  $('meeting-target').value = String(settings.targetThemes || 5);
  for (const input of $('meeting-timeboxes').querySelectorAll('input')) {
    input.value = String(settings.timeboxes?.[input.dataset.phase] ?? '');
  }
}

// ---- Drawing ----

function render() {
  const state = conn.state;
  if (!state) return;
  show($('loading'), false);
  const title = state.meeting?.title || 'Meeting';
  setText($('meeting-title'), title);
  document.title = `Console — ${title}`;
  const joinCode = state.meeting?.code || code;
  setText($('join-code'), joinCode);
  $('wall-link').href = `wall.html?code=${encodeURIComponent(joinCode)}`;
  $('phone-link').href = `phone.html?code=${encodeURIComponent(joinCode)}`;

  if (state.phase !== shownPhase) {
    // A new phase shows its own kind of notes, and scribed notes default to it.
    boardKind = null;
    const kind = phaseKind(state.phase);
    if (kind) $('scribe-kind').value = kind;
  }
  renderPhase(state);
  shownPhase = state.phase;
  renderBoard(state);
  renderPeople(state);
  renderCommitments(state);
  renderNextSteps(state);
  renderMailings(state);
  $('everyone-may-post').checked = !!state.meeting?.settings?.everyoneMayPost;
  renderMeetingForm(state);
  tick();

  if (focusAfterDraw) {
    const target = document.querySelector(focusAfterDraw);
    focusAfterDraw = null;
    if (target && document.activeElement !== target) target.focus();
  }
}
