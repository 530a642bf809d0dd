// The facilitator's console: runs the agenda (phases and timers), corrects the clustering
// (console-board.js: create, rename, lock, merge, split and delete themes; move and hide
// notes; preview the clustering's proposals), types
// notes for people without a phone, and records champions, nominations and next steps.
// Every control is a real button, select or input with a label, so it works from the
// keyboard. The key comes from the link's fragment (`#key=…`), which browsers never send
// to a server.

import { connect, normalizeCode, randomId } from './client.js';
import { phaseKind, PHASES, PHASE_NAMES } from './meeting-state.js';
import { $, h, setText, show, coalesce, characterCount } from './dom.js';
import { remainingMs, formatRemaining, describeRemaining, everySecond } from './timer.js';
import { setupSummary, renderMailings, renderSummaryWords } from './console-summary.js';
import { addTimeboxInputs, readTimeboxes, messageBar } from './meeting-form.js';
import { setupBoard, renderBoard, followPhase } from './console-board.js';
import { setupAttendees, renderPeople, renderCommitments } from './console-attendees.js';

const NOTE_LIMIT = 280;
const code = normalizeCode(new URLSearchParams(location.search).get('code'));
// The key leaves the address bar at once (a screen share or a photo of the laptop would
// show it); this tab keeps it for reloads.
const KEY_STORAGE = `convene.console.${code}`;
const key = new URLSearchParams(location.hash.slice(1)).get('key') || sessionStorage.getItem(KEY_STORAGE) || '';
if (key) sessionStorage.setItem(KEY_STORAGE, key);
if (location.hash) history.replaceState(null, '', location.pathname + location.search);

let shownPhase = null;
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

setupSummary(run, () => conn.state);
setupBoard({ conn, run, say, draw });
setupAttendees({ conn, run, say, draw });

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

$('joining-open').addEventListener('change', async () => {
  const box = $('joining-open');
  const open = box.checked;
  if (!(await run({ type: 'updateMeeting', joiningOpen: open }, open ? 'Joining is open again.' : 'Joining is closed: nobody else can join with the code.'))) box.checked = !open;
});
let limitDirty = false;
$('participant-limit').addEventListener('input', () => { limitDirty = true; });
$('participant-limit-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const n = Number($('participant-limit').value);
  if (!Number.isInteger(n) || n < 1 || n > 500) return say('The limit is 1 to 500 people.');
  if (await run({ type: 'updateMeeting', participantLimit: n }, `At most ${n} people may join.`)) limitDirty = false;
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
    followPhase();
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
  renderSummaryWords(state);
  $('everyone-may-post').checked = !!state.meeting?.settings?.everyoneMayPost;
  $('joining-open').checked = state.meeting?.settings?.joiningOpen !== false;
  if (!limitDirty && document.activeElement !== $('participant-limit')) $('participant-limit').value = String(state.meeting?.settings?.participantLimit ?? 500);
  renderMeetingForm(state);
  tick();
}
