// The participant's phone: join, post notes for the current phase (queued offline), see,
// edit and withdraw one's own notes, champion strategy areas and name people to involve.

import { connect, normalizeCode, loadToken, saveToken, randomId, tokenKey } from './client.js';
import { Outbox } from './outbox.js';
import { phaseKind, mayPost, postsInThisMeeting, opportunitiesSeen, championsOf, supportersOf, signedUpFor, strategyAreas, nextStepsDated, otherNextSteps } from './meeting-state.js';
import { $, h, setText, setWrappingText, show, syncChildren, setOptions, characterCount, nameAndOrg } from './dom.js';
import { keepPagesForOffline } from './offline.js';
import { storage } from './storage.js';
import { formatWhen } from './format.js';
import { t, dateLocale, translatePage, languageSwitch, errorMessage, questionFor, language } from './phone-words.js';

keepPagesForOffline();

const NOTE_LIMIT = 280;

translatePage();
document.title = t('page.title');
// Everything the page draws is drawn again in the new words; a note being edited keeps what
// was typed. Errors shown under the forms answered an earlier action: they go.
languageSwitch($('language'), () => {
  document.title = t('page.title');
  for (const id of ['global-error', 'join-error', 'post-error', 'post-saved', 'nominate-error', 'champion-error']) setText($(id), '');
  // Still true in any language: a refused note waits below.
  if (rejected.length) setText($('global-error'), t('note.refusedBanner'));
  updateCounter();
  render();
});

const code = normalizeCode(new URLSearchParams(location.search).get('code'));
if (!code) location.replace('index.html');

let you = null; // the participant this phone is, once joined
let shownPhase = null; // the phase last drawn
let refused = false;
let refusal = null; // why the server refused this phone: {message, err}
let editing = null; // id of the note being edited
let confirming = null; // id of the note whose withdrawal is being confirmed
const rejected = []; // notes the server refused for good: shown so their text is not lost
const noteErrors = new Map(); // note id → {say, fixable}: the last error for that note (`say()`: in the page's words)

const outbox = new Outbox(code, {
  onChange: () => {
    // "Saved on this phone…" holds only while something waits: once the outbox is empty the
    // note has reached the wall (a walk-through's phone kept saying so, inviting a second post).
    if (!outbox.list().length) setText($('post-saved'), '');
    render();
  },
  onRejected: (entry, err) => {
    rejected.push({ ...entry, reason: () => errorMessage(err) });
    // Said at the top too: the card with the note and its reason may be far down the page.
    setText($('global-error'), t('note.refusedBanner'));
    render();
  },
});

// Who this phone is, remembered with the meeting state so that a page reloaded without a
// network can still show the person their notes.
const youKey = `convene.you.${code}`;
function rememberYou() {
  if (you) storage.set(youKey, JSON.stringify(you));
  else storage.remove(youKey);
  // The state keeps this phone's own notes when the facilitator hides them (marked, not gone).
  // (Called only once `conn` exists: from its callbacks and after joining.)
  if (conn.state) conn.state.own = you?.id ?? null;
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
    // The facilitator corrected this phone's name or organization ("tom becker" → "Tom Becker").
    if (event.type === 'participantRenamed' && you && event.participant?.id === you.id) {
      you = { ...you, name: event.participant.name, organization: event.participant.organization };
      rememberYou();
    }
    if (event.type === 'participantRemoved' && you && event.participant === you.id) {
      you = null;
      storage.remove(tokenKey(code));
      rememberYou();
    }
    render();
  },
  onStatus(status, message, err) {
    if (status === 'refused') {
      refused = true;
      refusal = { message, err };
    }
    renderStatus(status);
    render();
  },
  onError(err) {
    setText($('global-error'), errorMessage(err));
  },
});

// ---- Status line ----

let lastStatus = 'connecting';
function renderStatus(status = lastStatus) {
  lastStatus = status;
  const waiting = outbox.list().length;
  const queued = waiting ? t('status.queued', waiting) : '';
  const text = {
    connecting: t('status.connecting'),
    connected: waiting ? t('status.sending', waiting) : t('status.connected'),
    reconnecting: t('status.reconnecting') + queued,
    refused: t('status.refused'),
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
    ? ['join-name', t('join.error.name')]
    : !organization.trim()
      ? ['join-org', t('join.error.organization')]
      : email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)
        ? ['join-email', t('join.error.email')]
        : null;
  if (problem) {
    setText($('join-error'), problem[1]);
    $(problem[0]).focus();
    return;
  }
  // The page's language: the letter with the summary opens in it.
  const command = { type: 'join', name, organization, role, consent, language };
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
    setText($('join-error'), errorMessage(err));
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
noteText.addEventListener('input', () => {
  // The round the note in the box was begun in; once edited in a later round, it is that
  // round's note (the person has read the question above it).
  const kind = conn.state && phaseKind(conn.state.phase);
  typedFor = noteText.value.trim() ? kind ?? typedFor : null;
  show($('note-other-round'), false);
  updateCounter();
  keepDraft();
});

// The round (opportunity or requirement) the text in the box was typed in: a note half
// typed as the facilitator moved the room on would otherwise be posted under the new question
// unnoticed (a walk-through's "autonomous yard trucks at the DCs" became a requirement).
let typedFor = null;

// A note half typed survives a reload (a phone's browser reloads a page left in the
// background; a tap on a link does too): kept per meeting with the round it was typed for,
// and offered back only in that round.
const draftKey = `convene.draft.${code}`;
let draftRestored = false;
function keepDraft() {
  const kind = conn.state && phaseKind(conn.state.phase);
  if (noteText.value.trim() && kind) storage.setJSON(draftKey, { kind, text: noteText.value });
  else storage.remove(draftKey);
}
function restoreDraft(kind) {
  // Only once the server has said which round this is: a page reloaded on its remembered
  // state would offer an opportunity typed before the room moved on to requirements, and so
  // would a replay's welcome before the events it brings have arrived.
  if (draftRestored || noteText.value || !conn.caughtUp) return;
  draftRestored = true;
  const draft = storage.getJSON(draftKey, null);
  if (draft?.kind === kind && typeof draft.text === 'string') {
    noteText.value = draft.text;
    typedFor = kind;
    updateCounter();
  } else if (draft) {
    storage.remove(draftKey); // typed for a round that is over
  }
}

/** "12 / 280", or how far over the limit a note is ("34 characters too long"). */
export function counterText(n) {
  const over = n - NOTE_LIMIT;
  if (over <= 0) return `${n} / ${NOTE_LIMIT}`;
  return t('note.counter.over', over, NOTE_LIMIT);
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
    setText($('post-error'), t('note.empty'));
    setText($('post-saved'), '');
    postErrorFixable = true;
    noteText.focus();
    return;
  }
  if (characterCount(text) > NOTE_LIMIT) {
    setText($('post-error'), t('note.tooLong', counterText(characterCount(text))));
    setText($('post-saved'), '');
    postErrorFixable = true;
    return;
  }
  postErrorFixable = false;
  // Offline, the note is safe: said calmly (a polite status, not an alert).
  setText($('post-error'), '');
  setText($('post-saved'), conn.connected ? '' : t('note.savedOffline'));
  // Into the outbox first: from here on the note survives a lost connection or a reload.
  outbox.add(kind, text);
  noteText.value = '';
  typedFor = null;
  show($('note-other-round'), false);
  storage.remove(draftKey);
  updateCounter();
  outbox.flush(conn);
  noteText.focus();
});

// ---- Rendering ----

function render() {
  renderStatus();
  const state = conn.state;
  show($('refused'), refused);
  if (refusal) setText($('refused-message'), refusal.err ? errorMessage(refusal.err) : refusal.message);
  show($('loading'), !refused && !state);
  // After the meeting, or once the facilitator has closed joining, someone opening the link
  // for the first time is told so, not handed a form to fill in before hearing it.
  const ended = !!state && state.phase === 'closed';
  const shut = ended || state?.meeting?.settings?.joiningOpen === false;
  const wasJoining = !$('join').hidden;
  show($('join'), !refused && !!state && !you && !shut);
  show($('join-closed'), !refused && !!state && !you && shut);
  // Someone filling in the form as the meeting closes is told why it went.
  if (wasJoining && shut && !you) $('join-closed-heading').focus();
  if (shut && !you) {
    setText($('join-closed-heading'), t(ended ? 'join.closedHeading' : 'join.shutHeading'));
    setText($('join-closed-text'), ended ? t('join.closed', nextStepsLine(state)) : t('join.shut'));
  }
  show($('meeting'), !refused && !!state && !!you);
  if (!state) return;
  setText($('meeting-title'), state.meeting?.title || 'Convene');
  document.title = state.meeting?.title ? `${state.meeting.title} — Convene` : t('page.title');
  if (!you) return;
  setText($('you'), `${nameAndOrg(you)} · ${t(`role.${you.role}`)}`);
  setText($('phase'), t(`phase.${state.phase}`));
  // The welcome's question asks people to join: someone who has is told they are in.
  // Closed: thanks, and once the summary has gone out, that it was sent — to someone who gave
  // an address and agreed to receive it (the line under it says how the summary comes).
  const mailed = !!you.email && !!you.consent && state.mailAvailable !== false;
  setText($('question'), state.phase === 'welcome' ? t('welcome.joined', you.name) : questionFor(state.phase, state.question, you.role, nextStepsDated(state),
    state.summarySent && mailed));
  // What "these opportunities" are, as on the wall.
  const recap = state.phase === 'requirements' ? opportunitiesSeen(state).map((th) => th.label) : [];
  setText($('recap'), recap.length ? t('recap', recap.join(' · ')) : '');
  show($('recap'), recap.length > 0);
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
    restoreDraft(kind);
    const other = !!noteText.value.trim() && !!typedFor && typedFor !== kind;
    if (other) setText($('note-other-round'), t('note.otherRound', t(`round.${typedFor}`), t(`round.${kind}`)));
    show($('note-other-round'), other);
    setText($('note-label'), t(`note.label.${kind}`));
    setText($('post-button'), t(`note.post.${kind}`));
  }
  let closed = '';
  if (!allowed) {
    // A community partner who may not post is told what they can do, not an employer's words.
    const listener = you && !postsInThisMeeting(state, you);
    const own = (key) => (listener ? `${key}.partner` : key);
    if (kind) {
      closed = t('closed.partners');
    } else {
      closed = {
        welcome: t(own('closed.welcome')),
        // Champion or support goes by role: a partner the facilitator let post still supports.
        commitments: t(you?.role === 'partner' ? 'closed.commitments.partner' : 'closed.commitments'),
        'wrap-up': t(own('closed.wrap-up'), nextStepsLine(state)),
        // Only someone who gave an e-mail and agreed is promised the summary by e-mail.
        // Once it has gone out, it is no longer something to wait for.
        // (Once sent to them, the question above says so: not twice.)
        closed: t('closed.closed', you?.email && you?.consent && state.mailAvailable !== false
          ? (state.summarySent ? '' : t('closed.summary.mail')) : t('closed.summary.ask'),
          [yourAreasLine(state), nextStepsLine(state)].filter(Boolean).join('\n')).replace(/ \n/, '\n').trim(),
      }[state.phase] || t('closed.other');
    }
  }
  setText($('post-closed'), closed);
  show($('post-closed'), !!closed);
}

/** What you put your name on, once the strategy areas are no longer shown ("" if nothing). */
function yourAreasLine(state) {
  const labels = state.champions.filter((c) => c.participant === you?.id)
    .map((c) => state.themes.find((th) => th.id === c.theme)?.label).filter(Boolean);
  if (!labels.length) return '';
  const quoted = labels.map((l) => `“${l}”`);
  const list = quoted.length > 1 ? `${quoted.slice(0, -1).join(', ')} ${t('word.and', quoted.at(-1))} ${quoted.at(-1)}` : quoted[0];
  return t(you.role === 'partner' ? 'closed.yours.partner' : 'closed.yours', list);
}

/** The recorded next steps, in words ("The champions' call is on …, hosted by …"). */
function nextStepsLine(state) {
  const ns = state.nextSteps || {};
  const parts = [];
  const call = ns.championsCall || {};
  if (call.date || call.host) parts.push(t('next.call', call.date ? formatWhen(call.date, dateLocale()) : '', call.host || ''));
  if (ns.nextMeeting?.date) parts.push(t('next.meeting', formatWhen(ns.nextMeeting.date, dateLocale())));
  // The facilitator's other steps, one a line as they typed them.
  // (Their own bullets, dashes or numbers give way to the list's.)
  parts.push(...otherNextSteps(ns.other));
  // A list, a step a line (the notice keeps line breaks): one run-on paragraph was hard to read.
  return parts.length ? t('next.steps', parts.map((p) => `• ${p}`).join('\n')) : t('next.later');
}

function renderCommitments(state) {
  const open = state.phase === 'commitments' || state.phase === 'wrap-up';
  show($('commitments'), open);
  if (!open) return;
  const areas = strategyAreas(state);
  setText($('champion-hint'), t(you.role === 'partner' ? 'areas.hint.partner' : 'areas.hint.employer'));
  show($('areas-empty'), areas.length === 0);
  syncChildren($('areas'), areas, (area) => area.id, createArea, (li, area) => updateArea(li, area, state));
  setOptions($('nom-area'), [['', t('nominate.whole')], ...areas.map((area) => [area.id, area.label])]);

  const mine = state.nominations.filter((n) => n.nominatedBy === you.id);
  show($('your-nominations-heading'), mine.length > 0);
  syncChildren($('your-nominations'), mine, (n) => n.id, createNomination, (li, n) => {
    const area = n.theme ? state.themes.find((th) => th.id === n.theme)?.label : null;
    setText(li.querySelector('.who'), nameAndOrg(n));
    setText(li.querySelector('.meta'), area ? t('nominate.for', area) : t('nominate.forWhole'));
  });
}

/** How long a sign-up (or its withdrawal) stands before the same button may undo it. */
const TOGGLE_SETTLE_MS = 1200;

function createArea(area) {
  const button = h('button', { type: 'button', class: 'toggle', 'aria-pressed': 'false' });
  button.addEventListener('click', async () => {
    // A double tap is one tap: on a fast network the sign-up was acknowledged before the
    // second tap landed, which then took the name off again — silently (a walk-through's
    // champion ended up signed up for nothing). A change stands for a moment before the
    // same button may undo it (and looks unavailable for that moment).
    if (button.getAttribute('aria-disabled') === 'true') return;
    const signed = button.getAttribute('aria-pressed') === 'true';
    button.disabled = true;
    setText($('champion-error'), '');
    try {
      await conn.send({ type: signed ? 'unchampion' : 'champion', theme: area.id });
      button.setAttribute('aria-disabled', 'true');
      setTimeout(() => button.removeAttribute('aria-disabled'), TOGGLE_SETTLE_MS);
    } catch (err) {
      setText($('champion-error'), errorMessage(err));
    } finally {
      button.disabled = false;
    }
  });
  // What the area holds, a tap away: a title alone ("Shop & counties") does not say what
  // someone would be signing up to drive.
  const notes = h('details', { class: 'area-notes' }, h('summary', {}), h('ul', {}));
  return h('li', { class: 'card area' }, h('p', { class: 'area-label' }), h('p', { class: 'meta champions' }),
    h('p', { class: 'meta supporters' }), notes, h('p', { class: 'you-champion' }), button);
}

function updateArea(li, area, state) {
  const champions = championsOf(state, area.id);
  const supporters = supportersOf(state, area.id);
  const signed = signedUpFor(state, area.id).some((p) => p.id === you.id);
  // Employers champion (drive) an area; community partners support it.
  const partner = you.role === 'partner';
  setWrappingText(li.querySelector('.area-label'), area.label);
  setText(
    li.querySelector('.champions'),
    champions.length ? t('areas.champions', champions.map((p) => p.name).join(', '))
      : t(state.phase === 'commitments' ? 'areas.noChampion' : 'areas.notPriority'),
  );
  show(li.querySelector('.supporters'), supporters.length > 0);
  setText(li.querySelector('.supporters'), t('areas.supporters', supporters.map((p) => p.name).join(', ')));
  setText(li.querySelector('.you-champion'), t(partner ? 'areas.youSupport' : 'areas.youChampion'));
  // A toggle keeps one label; its pressed state (and the line above it) says whether it is on.
  const button = li.querySelector('button');
  const action = t(partner ? 'areas.support' : 'areas.champion');
  button.setAttribute('aria-pressed', String(signed));
  setText(button, action);
  button.setAttribute('aria-label', `${action}: ${area.label}`);
  show(li.querySelector('.you-champion'), signed);
  const held = state.notes.filter((n) => n.theme === area.id && !n.hidden);
  show(li.querySelector('.area-notes'), held.length > 0);
  setText(li.querySelector('.area-notes summary'), t('areas.notes', held.length));
  syncChildren(li.querySelector('.area-notes ul'), held, (n) => n.id, () => h('li', {}), (item, n) => setText(item, n.text));
}

function createNomination(n) {
  const button = h('button', { type: 'button', class: 'secondary', 'data-t': 'remove', text: t('remove') });
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await conn.send({ type: 'withdrawNomination', id: n.id });
    } catch (err) {
      setText($('nominate-error'), errorMessage(err));
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
    setText($('nominate-error'), t('nominate.error'));
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
    setText($('nominate-error'), errorMessage(err));
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
    ...posted.reverse().map((n) => ({ id: n.id, kind: n.kind, text: n.text, status: 'posted', edited: n.edited, hidden: !!n.hidden })),
  ];
}

function renderNotes(state) {
  const items = noteItems(state);
  // Someone who never posts in this meeting (a community partner, by default) has no "Your
  // notes" to keep reading about.
  show($('your-notes'), items.length > 0 || postsInThisMeeting(state, you));
  show($('notes-empty'), items.length === 0);
  syncChildren($('notes'), items, (i) => i.id, createNote, updateNote);
}

function createNote(item) {
  const id = item.id;
  const li = h(
    'li',
    { class: 'card note' },
    h('p', { class: 'meta' }, h('span', { class: 'kind' }), h('span', { class: 'badge pending', 'data-t': 'badge.pending', text: t('badge.pending') }),
      h('span', { class: 'badge edited', 'data-t': 'badge.edited', text: t('badge.edited') }), h('span', { class: 'badge rejected', 'data-t': 'badge.rejected', text: t('badge.rejected') })),
    h('p', { class: 'note-text' }),
    h('p', { class: 'where' }),
    h('p', { class: 'reason error' }),
  );

  // Normal actions.
  const actions = h('div', { class: 'actions view-actions' },
    h('button', { type: 'button', class: 'secondary edit', 'data-t': 'note.edit', text: t('note.edit'), onclick: () => startEdit(id) }),
    h('button', { type: 'button', class: 'secondary withdraw', 'data-t': 'note.withdraw', text: t('note.withdraw'), onclick: () => askWithdraw(id) }),
    h('button', { type: 'button', class: 'secondary cancel-send', 'data-t': 'note.dontSend', text: t('note.dontSend'), onclick: () => outbox.remove(id) }),
    h('button', { type: 'button', class: 'secondary dismiss', 'data-t': 'note.dismiss', text: t('note.dismiss'), onclick: () => dismiss(id) }),
  );

  // Editing in place.
  const editArea = h('textarea', { rows: '4', class: 'edit-text', 'aria-label': t('note.editLabel') });
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
      h('button', { type: 'submit', class: 'primary', 'data-t': 'save', text: t('save') }),
      h('button', { type: 'button', class: 'secondary', 'data-t': 'cancel', text: t('cancel'), onclick: () => stopEdit() })));
  editForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    const text = editArea.value;
    if (!text.trim()) return showNoteError(id, () => t('note.cannotBeEmpty'), true);
    if (characterCount(text) > NOTE_LIMIT) return showNoteError(id, () => t('note.tooLong', counterText(characterCount(text))), true);
    await act(id, { type: 'edit', note: id, text }, () => stopEdit());
  });
  li.countEdit = countEdit;

  // Confirming a withdrawal (no pop-up dialogs: they are awkward on phones).
  const confirm = h('div', { class: 'confirm' },
    h('p', { 'data-t': 'note.withdrawAsk', text: t('note.withdrawAsk') }),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'danger', 'data-t': 'note.withdrawYes', text: t('note.withdrawYes'),
        onclick: () => act(id, { type: 'withdraw', note: id }, () => { confirming = null; }) }),
      h('button', { type: 'button', class: 'secondary', 'data-t': 'note.keep', text: t('note.keep'), onclick: () => { confirming = null; render(); } })));

  // Drawn hidden: `updateNote` fills the form when editing starts (it must not take a form
  // made visible for a moment for one already being edited).
  editForm.hidden = true;
  confirm.hidden = true;
  li.append(actions, editForm, confirm);
  return li;
}

function updateNote(li, item) {
  li.className = `card note note-${item.status}`;
  li.querySelector('.edit-text').setAttribute('aria-label', t('note.editLabel'));
  setText(li.querySelector('.kind'), t(item.kind === 'requirement' ? 'kind.requirement' : 'kind.opportunity'));
  show(li.querySelector('.badge.pending'), item.status === 'pending');
  show(li.querySelector('.badge.edited'), item.status === 'posted' && !!item.edited);
  show(li.querySelector('.badge.rejected'), item.status === 'rejected');
  setWrappingText(li.querySelector('.note-text'), item.text);
  // Where the note is on the wall, so its author need not look for it there.
  const where = item.status === 'posted' ? wallPlace(item.id) : '';
  setWrappingText(li.querySelector('.where'), where);
  show(li.querySelector('.where'), !!where);
  const reason = item.status === 'rejected' ? item.reason() : noteErrors.get(item.id)?.say() || '';
  setText(li.querySelector('.reason'), reason);
  show(li.querySelector('.reason'), !!reason);

  // A note is rewritten only in its own round (the server says so too): once the room has
  // moved on, the wall is what was discussed. It can be withdrawn until the meeting closes.
  // (Not once the facilitator has hid it: its new words would reach no screen, not even this one.)
  const canEdit = item.status === 'posted' && phaseKind(conn.state?.phase) === item.kind && !item.hidden;
  const canWithdraw = item.status === 'posted' && conn.state?.phase !== 'closed';
  if (editing === item.id && !canEdit && item.status === 'posted') {
    // The round ended while this note was being rewritten: say so rather than drop the box silently.
    editing = null;
    noteErrors.set(item.id, { say: () => t('note.roundOver'), fixable: false });
    setText(li.querySelector('.reason'), t('note.roundOver'));
    show(li.querySelector('.reason'), true);
  }
  const isEditing = editing === item.id && canEdit;
  const isConfirming = confirming === item.id && canWithdraw;
  show(li.querySelector('.view-actions'), !isEditing && !isConfirming);
  show(li.querySelector('.edit'), canEdit);
  show(li.querySelector('.withdraw'), canWithdraw);
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
  if (note.hidden) return t('where.hidden');
  const theme = note.theme ? state.themes.find((th) => th.id === note.theme) : null;
  // Parked by the facilitator, or its round is over: no theme is coming for it.
  // (Not yet placed at all: the grouping still decides, even once the round is over.)
  const waiting = !note.placed || (!note.placedByHand && phaseKind(state.phase) === note.kind);
  return theme ? t('where.theme', theme.label) : t(waiting ? 'where.unsorted' : 'where.parked');
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
  // The banner pointed at these cards: gone with the last of them.
  if (!rejected.length && $('global-error').textContent === t('note.refusedBanner')) setText($('global-error'), '');
  render();
}

/** `say()`: the error in the page's words. `fixable`: it is about the text being typed, and goes once it is fixed. */
function showNoteError(id, say, fixable = false) {
  noteErrors.set(id, { say, fixable });
  render();
}

/** Sends a command about one note and shows the server's answer on that note. */
async function act(id, command, done) {
  noteErrors.delete(id);
  try {
    await conn.send(command);
    done();
  } catch (err) {
    noteErrors.set(id, { say: () => errorMessage(err), fixable: false });
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
