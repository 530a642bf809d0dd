// The participant's phone: join, post notes for the current phase (queued offline), see,
// edit and withdraw one's own notes, champion strategy areas and name people to involve.

import { connect, normalizeCode, loadToken, saveToken, randomId, tokenKey } from './client.js';
import { Outbox } from './outbox.js';
import { phaseKind, mayPost, championsOf, supportersOf, signedUpFor, themesOfKind, PHASE_NAMES } from './meeting-state.js';
import { $, h, setText, show, syncChildren, setOptions, characterCount, nameAndOrg, ROLE_NAMES } from './dom.js';
import { keepPagesForOffline } from './offline.js';
import { storage } from './storage.js';
import { formatWhen } from './format.js';

keepPagesForOffline();

const NOTE_LIMIT = 280;
const KIND_WORD = { opportunity: 'opportunity', requirement: 'requirement' };

const code = normalizeCode(new URLSearchParams(location.search).get('code'));
if (!code) location.replace('index.html');

let you = null; // the participant this phone is, once joined
let shownPhase = null; // the phase last drawn
let refused = false;
let editing = null; // id of the note being edited
let confirming = null; // id of the note whose withdrawal is being confirmed
const rejected = []; // notes the server refused for good: shown so their text is not lost
const noteErrors = new Map(); // note id → {message, fixable}: the last error for that note

const outbox = new Outbox(code, {
  onChange: () => render(),
  onRejected: (entry, err) => {
    rejected.push({ ...entry, reason: err.message });
    render();
  },
});

// Who this phone is, remembered with the meeting state so that a page reloaded without a
// network can still show the person their notes.
const youKey = `convene.you.${code}`;
function rememberYou() {
  if (you) storage.set(youKey, JSON.stringify(you));
  else storage.remove(youKey);
}

const conn = connect({
  code,
  client: 'participant',
  remember: true,
  onWelcome(welcome, state) {
    you = welcome.you || null;
    rememberYou();
    render();
    if (you) outbox.flush(conn);
    document.title = `${state.meeting?.title || 'Meeting'} — Convene`;
  },
  onEvent(event, state) {
    // The event view has no e-mail; keep what the welcome told us about ourselves.
    if (event.type === 'participantJoined' && you && event.participant.id === you.id) {
      you = { ...you, ...event.participant };
      rememberYou();
    }
    if (event.type === 'noteWithdrawn' && event.note === editing) editing = null;
    // The facilitator merged this phone's record into another (the same person on two
    // devices): this phone goes on as that one. Or removed it: this phone may join again.
    if (event.type === 'participantsMerged' && you && event.from === you.id && event.participant) {
      you = { ...event.participant, email: you.email, consent: you.consent };
      rememberYou();
    }
    if (event.type === 'participantRemoved' && you && event.participant === you.id) {
      you = null;
      storage.remove(tokenKey(code));
      rememberYou();
    }
    render();
  },
  onStatus(status, message) {
    if (status === 'refused') {
      refused = true;
      setText($('refused-message'), message);
    }
    renderStatus(status);
    render();
  },
  onError(err) {
    setText($('global-error'), err.message);
  },
});

// ---- Status line ----

let lastStatus = 'connecting';
function renderStatus(status = lastStatus) {
  lastStatus = status;
  const waiting = outbox.list().length;
  const queued = waiting ? ` ${waiting === 1 ? '1 note is' : `${waiting} notes are`} saved on this phone and will be sent.` : '';
  const text = {
    connecting: 'Connecting…',
    connected: waiting ? `Connected. Sending ${waiting === 1 ? '1 note' : `${waiting} notes`}…` : 'Connected',
    reconnecting: `Reconnecting…${queued}`,
    refused: 'Not connected',
  }[status];
  setText($('status'), text);
  $('status').className = `status status-${status}`;
}

// ---- Join ----

$('join-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const form = e.currentTarget;
  const name = $('join-name').value;
  const organization = $('join-org').value;
  const email = $('join-email').value.trim();
  const role = form.elements.role.value;
  const consent = $('join-consent').checked;
  const problem = !name.trim()
    ? ['join-name', 'Please type your name.']
    : !organization.trim()
      ? ['join-org', 'Please type your organization.']
      : email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)
        ? ['join-email', 'That e-mail address does not look right.']
        : null;
  if (problem) {
    setText($('join-error'), problem[1]);
    $(problem[0]).focus();
    return;
  }
  const command = { type: 'join', name, organization, role, consent };
  if (email) command.email = email;
  const button = form.querySelector('button[type=submit]');
  button.disabled = true;
  setText($('join-error'), '');
  try {
    const ack = await conn.send(command);
    saveToken(code, ack.token);
    const joined = conn.state.participants.find((p) => p.id === ack.participant);
    you = { ...(joined || { id: ack.participant, name, organization, role }), email: email || null, consent: consent && !!email };
    rememberYou();
    render();
    outbox.flush(conn);
    $('question').focus();
  } catch (err) {
    setText($('join-error'), err.message);
  } finally {
    button.disabled = false;
  }
});

// Consent without an e-mail is ignored by the server: say so before it happens.
for (const id of ['join-email', 'join-consent']) {
  $(id).addEventListener('input', () => show($('consent-hint'), $('join-consent').checked && !$('join-email').value.trim()));
}

// ---- Posting ----

const noteText = $('note-text');
noteText.addEventListener('input', updateCounter);

/** "12 / 280", or how far over the limit a note is ("34 characters too long"). */
export function counterText(n) {
  const over = n - NOTE_LIMIT;
  if (over <= 0) return `${n} / ${NOTE_LIMIT}`;
  return `${over} ${over === 1 ? 'character' : 'characters'} too long (${NOTE_LIMIT} at most)`;
}

function updateCounter() {
  const n = characterCount(noteText.value);
  setText($('note-count'), counterText(n));
  $('note-count').classList.toggle('over', n > NOTE_LIMIT);
  $('post-button').disabled = n > NOTE_LIMIT;
  // An error about the note's length or emptiness goes once the note is fixed.
  if (postErrorFixable && n > 0 && n <= NOTE_LIMIT && noteText.value.trim()) {
    setText($('post-error'), '');
    postErrorFixable = false;
  }
}
let postErrorFixable = false; // the error shown is about the text itself

$('post-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const state = conn.state;
  const kind = state && phaseKind(state.phase);
  const text = noteText.value;
  if (!kind) return;
  if (!text.trim()) {
    setText($('post-error'), 'Write your note first.');
    postErrorFixable = true;
    noteText.focus();
    return;
  }
  if (characterCount(text) > NOTE_LIMIT) {
    setText($('post-error'), `Your note is ${counterText(characterCount(text))}: please shorten it.`);
    postErrorFixable = true;
    return;
  }
  postErrorFixable = false;
  setText($('post-error'), conn.connected ? '' : 'Saved on this phone. It will be sent when the connection is back.');
  // Into the outbox first: from here on the note survives a lost connection or a reload.
  outbox.add(kind, text);
  noteText.value = '';
  updateCounter();
  outbox.flush(conn);
  noteText.focus();
});

// ---- Rendering ----

function render() {
  renderStatus();
  const state = conn.state;
  show($('refused'), refused);
  show($('loading'), !refused && !state);
  show($('join'), !refused && !!state && !you);
  show($('meeting'), !refused && !!state && !!you);
  if (!state) return;
  setText($('meeting-title'), state.meeting?.title || 'Convene');
  if (!you) return;
  setText($('you'), `${nameAndOrg(you)} · ${ROLE_NAMES[you.role] || you.role}`);
  setText($('phase'), PHASE_NAMES[state.phase] || state.phase);
  setText($('question'), state.question);
  // A new phase starts at the top of the page, with its question, wherever the phone was.
  if (shownPhase !== null && shownPhase !== state.phase) scrollTo({ top: 0, behavior: 'instant' });
  shownPhase = state.phase;
  renderPosting(state);
  renderCommitments(state);
  renderNotes(state);
}

function renderPosting(state) {
  const kind = phaseKind(state.phase);
  const allowed = mayPost(state, you);
  show($('post-form'), allowed);
  if (allowed) {
    setText($('note-label'), `Your ${KIND_WORD[kind]}`);
    setText($('post-button'), `Post ${KIND_WORD[kind]}`);
  }
  let closed = '';
  if (!allowed) {
    if (kind) {
      closed = 'In this meeting only employers post notes. Community partners listen, and can sign up to support strategy areas in the commitments phase.';
    } else {
      closed = {
        welcome: 'Posting opens when the facilitator starts the opportunities round.',
        commitments: 'Posting is closed. Sign up below to champion strategy areas.',
        'wrap-up': `Posting is closed. Thank you for your notes! ${nextStepsLine(state)}`,
        closed: 'The meeting is closed. Thank you for taking part! The summary will follow.',
      }[state.phase] || 'Posting is closed right now.';
    }
  }
  setText($('post-closed'), closed);
  show($('post-closed'), !!closed);
}

/** The recorded next steps, in words ("The champions' call is on …, hosted by …"). */
function nextStepsLine(state) {
  const ns = state.nextSteps || {};
  const parts = [];
  const call = ns.championsCall || {};
  if (call.date || call.host) {
    const when = call.date ? ` is on ${formatWhen(call.date)}` : ' date is to be set';
    parts.push(`The champions' call${when}${call.host ? `, hosted by ${call.host}` : ''}.`);
  }
  if (ns.nextMeeting?.date) parts.push(`The next meeting is on ${formatWhen(ns.nextMeeting.date)}.`);
  if (ns.other) parts.push(ns.other);
  return parts.length ? `Next steps: ${parts.join(' ')}` : 'The next steps will come with the summary.';
}

function renderCommitments(state) {
  const open = state.phase === 'commitments' || state.phase === 'wrap-up';
  show($('commitments'), open);
  if (!open) return;
  const areas = themesOfKind(state, 'requirement');
  setText($('champion-hint'), you.role === 'partner'
    ? 'Employers champion the strategy areas; sign up to support any your organization will help with. You can choose more than one.'
    : 'Sign up as a champion for any areas you will help drive. You can choose more than one.');
  show($('areas-empty'), areas.length === 0);
  syncChildren($('areas'), areas, (t) => t.id, createArea, (li, t) => updateArea(li, t, state));
  setOptions($('nom-area'), [['', 'The partnership as a whole'], ...areas.map((t) => [t.id, t.label])]);

  const mine = state.nominations.filter((n) => n.nominatedBy === you.id);
  show($('your-nominations-heading'), mine.length > 0);
  syncChildren($('your-nominations'), mine, (n) => n.id, createNomination, (li, n) => {
    const area = n.theme ? state.themes.find((t) => t.id === n.theme)?.label : null;
    setText(li.querySelector('.who'), nameAndOrg(n));
    setText(li.querySelector('.meta'), area ? `for ${area}` : 'for the partnership');
  });
}

function createArea(t) {
  const button = h('button', { type: 'button', class: 'toggle', 'aria-pressed': 'false' });
  button.addEventListener('click', async () => {
    const signed = button.getAttribute('aria-pressed') === 'true';
    button.disabled = true;
    setText($('champion-error'), '');
    try {
      await conn.send({ type: signed ? 'unchampion' : 'champion', theme: t.id });
    } catch (err) {
      setText($('champion-error'), err.message);
    } finally {
      button.disabled = false;
    }
  });
  return h('li', { class: 'card area' }, h('p', { class: 'area-label' }), h('p', { class: 'meta champions' }),
    h('p', { class: 'meta supporters' }), h('p', { class: 'you-champion' }), button);
}

function updateArea(li, t, state) {
  const champions = championsOf(state, t.id);
  const supporters = supportersOf(state, t.id);
  const signed = signedUpFor(state, t.id).some((p) => p.id === you.id);
  // Employers champion (drive) an area; community partners support it.
  const partner = you.role === 'partner';
  setText(li.querySelector('.area-label'), t.label);
  setText(
    li.querySelector('.champions'),
    champions.length ? `Champions: ${champions.map((p) => p.name).join(', ')}` : 'No champion yet',
  );
  show(li.querySelector('.supporters'), supporters.length > 0);
  setText(li.querySelector('.supporters'), `Supported by: ${supporters.map((p) => p.name).join(', ')}`);
  setText(li.querySelector('.you-champion'), partner
    ? 'You support this area. Press again to take it back.'
    : 'You are a champion of this area. Press again to take it back.');
  // A toggle keeps one label; its pressed state (and the line above it) says whether it is on.
  const button = li.querySelector('button');
  const action = partner ? "I'll support this" : "I'll champion this";
  button.setAttribute('aria-pressed', String(signed));
  setText(button, action);
  button.setAttribute('aria-label', `${action}: ${t.label}`);
  show(li.querySelector('.you-champion'), signed);
}

function createNomination(n) {
  const button = h('button', { type: 'button', class: 'secondary', text: 'Remove' });
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await conn.send({ type: 'withdrawNomination', id: n.id });
    } catch (err) {
      setText($('nominate-error'), err.message);
      button.disabled = false;
    }
  });
  return h('li', { class: 'card' }, h('p', { class: 'who' }), h('p', { class: 'meta' }), h('div', { class: 'actions' }, button));
}

// The id is kept until the server confirms, so pressing the button again after a dropped
// connection cannot name the same person twice.
let nominationId = null;
$('nominate-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const form = e.currentTarget;
  const name = $('nom-name').value;
  const organization = $('nom-org').value;
  if (!name.trim() || !organization.trim()) {
    setText($('nominate-error'), 'Please give their name and organization.');
    (name.trim() ? $('nom-org') : $('nom-name')).focus();
    return;
  }
  nominationId ??= randomId('nom-');
  const command = { type: 'nominate', id: nominationId, name, organization };
  const contact = $('nom-contact').value;
  if (contact.trim()) command.contact = contact;
  if ($('nom-area').value) command.theme = $('nom-area').value;
  const button = form.querySelector('button[type=submit]');
  button.disabled = true;
  setText($('nominate-error'), '');
  try {
    await conn.send(command);
    nominationId = null;
    $('nom-name').value = $('nom-org').value = $('nom-contact').value = '';
    $('nom-name').focus();
  } catch (err) {
    setText($('nominate-error'), err.message);
  } finally {
    button.disabled = false;
  }
});

// ---- Your notes ----

/** Items for the list, newest first: refused, then queued, then posted notes. */
function noteItems(state) {
  const posted = state.notes.filter((n) => n.author === you.id);
  const postedIds = new Set(posted.map((n) => n.id));
  const queued = outbox.list().filter((e) => !postedIds.has(e.id));
  return [
    ...rejected.map((e) => ({ id: e.id, kind: e.kind, text: e.text, status: 'rejected', reason: e.reason })),
    ...queued.reverse().map((e) => ({ id: e.id, kind: e.kind, text: e.text, status: 'pending' })),
    ...posted.reverse().map((n) => ({ id: n.id, kind: n.kind, text: n.text, status: 'posted', edited: n.edited })),
  ];
}

function renderNotes(state) {
  const items = noteItems(state);
  show($('notes-empty'), items.length === 0);
  syncChildren($('notes'), items, (i) => i.id, createNote, updateNote);
}

function createNote(item) {
  const id = item.id;
  const li = h(
    'li',
    { class: 'card note' },
    h('p', { class: 'meta' }, h('span', { class: 'kind' }), h('span', { class: 'badge pending', text: 'Pending' }),
      h('span', { class: 'badge edited', text: 'Edited' }), h('span', { class: 'badge rejected', text: 'Not posted' })),
    h('p', { class: 'note-text' }),
    h('p', { class: 'where' }),
    h('p', { class: 'reason error' }),
  );

  // Normal actions.
  const actions = h('div', { class: 'actions view-actions' },
    h('button', { type: 'button', class: 'secondary edit', text: 'Edit', onclick: () => startEdit(id) }),
    h('button', { type: 'button', class: 'secondary withdraw', text: 'Withdraw', onclick: () => askWithdraw(id) }),
    h('button', { type: 'button', class: 'secondary cancel-send', text: "Don't send", onclick: () => outbox.remove(id) }),
    h('button', { type: 'button', class: 'secondary dismiss', text: 'Dismiss', onclick: () => dismiss(id) }),
  );

  // Editing in place.
  const editArea = h('textarea', { rows: '4', class: 'edit-text', 'aria-label': 'Edit your note' });
  const editCount = h('p', { class: 'counter' });
  const countEdit = () => {
    const n = characterCount(editArea.value);
    setText(editCount, counterText(n));
    editCount.classList.toggle('over', n > NOTE_LIMIT);
    // A stale error about the text (too long, empty) goes once it is fixed.
    if (noteErrors.has(id) && editArea.value.trim() && n <= NOTE_LIMIT && noteErrors.get(id).fixable) {
      noteErrors.delete(id);
      const reason = li.querySelector('.reason');
      setText(reason, '');
      show(reason, false);
    }
  };
  editArea.addEventListener('input', countEdit);
  const editForm = h('form', { class: 'stack edit-form' }, editArea, editCount,
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'primary', text: 'Save' }),
      h('button', { type: 'button', class: 'secondary', text: 'Cancel', onclick: () => stopEdit() })));
  editForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    const text = editArea.value;
    if (!text.trim()) return showNoteError(id, 'A note cannot be empty. Withdraw it instead.', true);
    if (characterCount(text) > NOTE_LIMIT) return showNoteError(id, `Your note is ${counterText(characterCount(text))}: please shorten it.`, true);
    await act(id, { type: 'edit', note: id, text }, () => stopEdit());
  });
  li.countEdit = countEdit;

  // Confirming a withdrawal (no pop-up dialogs: they are awkward on phones).
  const confirm = h('div', { class: 'confirm' },
    h('p', { text: 'Withdraw this note? It will disappear from the wall.' }),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'danger', text: 'Yes, withdraw',
        onclick: () => act(id, { type: 'withdraw', note: id }, () => { confirming = null; }) }),
      h('button', { type: 'button', class: 'secondary', text: 'Keep it', onclick: () => { confirming = null; render(); } })));

  li.append(actions, editForm, confirm);
  return li;
}

function updateNote(li, item) {
  li.className = `card note note-${item.status}`;
  setText(li.querySelector('.kind'), item.kind === 'requirement' ? 'Requirement' : 'Opportunity');
  show(li.querySelector('.badge.pending'), item.status === 'pending');
  show(li.querySelector('.badge.edited'), item.status === 'posted' && !!item.edited);
  show(li.querySelector('.badge.rejected'), item.status === 'rejected');
  setText(li.querySelector('.note-text'), item.text);
  // Where the note is on the wall, so its author need not look for it there.
  const where = item.status === 'posted' ? wallPlace(item.id) : '';
  setText(li.querySelector('.where'), where);
  show(li.querySelector('.where'), !!where);
  const reason = item.status === 'rejected' ? item.reason : noteErrors.get(item.id)?.message || '';
  setText(li.querySelector('.reason'), reason);
  show(li.querySelector('.reason'), !!reason);

  const isEditing = editing === item.id && item.status === 'posted';
  const isConfirming = confirming === item.id && item.status === 'posted';
  const canChange = item.status === 'posted' && conn.state?.phase !== 'closed';
  show(li.querySelector('.view-actions'), !isEditing && !isConfirming);
  show(li.querySelector('.edit'), canChange);
  show(li.querySelector('.withdraw'), canChange);
  show(li.querySelector('.cancel-send'), item.status === 'pending');
  show(li.querySelector('.dismiss'), item.status === 'rejected');
  const form = li.querySelector('.edit-form');
  const wasEditing = !form.hidden;
  show(form, isEditing);
  if (isEditing && !wasEditing) {
    const area = li.querySelector('.edit-text');
    area.value = item.text;
    li.countEdit();
    area.focus();
  }
  show(li.querySelector('.confirm'), isConfirming);
}

/** "On the wall under “Drones”", or why it is not in a theme. */
function wallPlace(id) {
  const state = conn.state;
  const note = state?.notes.find((n) => n.id === id);
  if (!note) return '';
  if (note.hidden) return 'Hidden from the wall by the facilitator';
  const theme = note.theme ? state.themes.find((t) => t.id === note.theme) : null;
  return theme ? `On the wall under “${theme.label}”` : 'On the wall, not in a theme yet';
}

function startEdit(id) {
  editing = id;
  confirming = null;
  noteErrors.delete(id);
  render();
}

function stopEdit() {
  const id = editing;
  editing = null;
  render();
  document.querySelector(`#notes [data-key="${CSS.escape(id)}"] .edit`)?.focus();
}

function askWithdraw(id) {
  confirming = id;
  editing = null;
  render();
  document.querySelector(`#notes [data-key="${CSS.escape(id)}"] .danger`)?.focus();
}

function dismiss(id) {
  const i = rejected.findIndex((e) => e.id === id);
  if (i >= 0) rejected.splice(i, 1);
  render();
}

/** `fixable`: the error is about the text being typed, and goes once it is fixed. */
function showNoteError(id, message, fixable = false) {
  noteErrors.set(id, { message, fixable });
  render();
}

/** Sends a command about one note and shows the server's answer on that note. */
async function act(id, command, done) {
  noteErrors.delete(id);
  try {
    await conn.send(command);
    done();
  } catch (err) {
    noteErrors.set(id, { message: err.message, fixable: false });
  }
  render();
}

// A page reloaded without a network starts from what it remembered (the server's welcome
// replaces it once the connection is back).
if (conn.state && loadToken(code)) {
  try {
    you = JSON.parse(storage.get(youKey) || 'null');
  } catch {
    you = null;
  }
}
updateCounter();
render();
