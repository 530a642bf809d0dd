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
import { messageBar } from './meeting-form.js';
import { setupBoard, renderBoard, followPhase } from './console-board.js';
import { setupAttendees, renderPeople, renderCommitments } from './console-attendees.js';
import { setupNextSteps, renderNextSteps } from './console-next-steps.js';
import { setupSettings, renderSettings } from './console-settings.js';

const NOTE_LIMIT = 280;
const code = normalizeCode(new URLSearchParams(location.search).get('code'));
// The key leaves the address bar at once (a screen share or a photo of the laptop would
// show it); this tab keeps it for reloads.
const KEY_STORAGE = `convene.console.${code}`;
const key = new URLSearchParams(location.hash.slice(1)).get('key') || sessionStorage.getItem(KEY_STORAGE) || '';
if (key) sessionStorage.setItem(KEY_STORAGE, key);
if (location.hash) history.replaceState(null, '', location.pathname + location.search);

let shownPhase = null;
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

setupSummary(run, () => conn.state, say);
setupBoard({ conn, run, say, draw });
setupAttendees({ conn, run, say, draw });
setupNextSteps({ run, say });
setupSettings({ run, say });

// ---- Phase ----

// A phase change awaiting its second press (closing, or going back): the phase asked for and
// the phase it was asked from (a move made meanwhile, from another console, cancels it).
let pending = null;

async function movePhase(phase) {
  askPhase(null);
  const from = conn.state?.phase;
  if (phase === from && phase === 'closed') return;   // no timer to restart once closed
  const said = phase === from ? `The ${PHASE_NAMES[phase]} timer starts again.`
    : phase === 'closed' ? 'The meeting is closed: the wall and the phones say it is over.'
      : `The meeting is now in ${PHASE_NAMES[phase]}: the wall and the phones have moved with it.`;
  await run({ type: 'setPhase', phase }, said);
}

/** Shows the question before a phase change that is easy to regret; null hides it and gives
 * the focus back to the phase button that asked. "Not yet" has the focus: Enter pressed once
 * too often must not close the meeting. */
function askPhase(phase) {
  const asked = pending;
  pending = phase ? { phase, from: conn.state?.phase } : null;
  show($('phase-confirm'), !!phase);
  if (!phase) {
    if (asked && $('phase-confirm').contains(document.activeElement)) {
      document.querySelector(`#phase-buttons [data-phase="${asked.phase}"]`)?.focus();
    }
    return;
  }
  const closing = phase === 'closed';
  setText($('phase-confirm-text'), closing
    ? 'Close the meeting? Phones will say it is over and posting stops.'
    : `Go back to ${PHASE_NAMES[phase]}? Its timer starts again, and phones show the ${PHASE_NAMES[phase]} question.`);
  setText($('phase-confirm-yes'), closing ? 'Close the meeting' : `Back to ${PHASE_NAMES[phase]}`);
  $('phase-confirm-no').focus();
}

for (const phase of PHASES) {
  $('phase-buttons').append(
    h('button', { type: 'button', class: 'phase-button', 'aria-pressed': 'false', dataset: { phase }, text: PHASE_NAMES[phase],
      onclick: () => {
        const current = conn.state?.phase;
        const back = PHASES.indexOf(phase) < PHASES.indexOf(current);
        if (phase !== current && (phase === 'closed' || back)) askPhase(phase);
        else movePhase(phase);
      } }),
  );
}
$('phase-confirm-yes').addEventListener('click', () => { if (pending) movePhase(pending.phase); });
$('phase-confirm-no').addEventListener('click', () => askPhase(null));
$('phase-confirm').addEventListener('keydown', (e) => { if (e.key === 'Escape') askPhase(null); });

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
  // The phase moved meanwhile (another console): the question no longer holds.
  if (pending && pending.from !== state.phase) askPhase(null);
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
  // The clock alone ("44:20"): the words beside it ("45 minutes left") read as a second,
  // different count; they stay as the tooltip.
  setText($('timer'), ms === null ? 'no timer' : formatRemaining(ms));
  $('timer').title = ms === null ? '' : describeRemaining(ms);
  $('timer').classList.toggle('over', ms !== null && ms < 0);
}
everySecond(tick);

// ---- How to join, on the wall ----

$('show-join').addEventListener('click', async () => {
  const shown = !conn.state?.joinOnWall;
  await run({ type: 'showJoin', shown }, shown ? 'The wall shows how to join until you take it off or move the meeting on.' : 'The wall is back.');
});

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
  if (scribing) return;   // a double press posts once, and lists the person once
  scribing = true;
  try {
    scribeId ??= randomId('n-');
    const role = $('scribe-role').value;
    const command = { type: 'post', id: scribeId, kind: $('scribe-kind').value, text, scribe: { name, organization, role } };
    if (!(await run(command, `Posted for ${name}.`))) return;
    scribeId = null;
    $('scribe-text').value = '';
    setText($('scribe-count'), `0 / ${NOTE_LIMIT}`);
    $('scribe-text').focus();
    // Someone posted for is at the meeting: listed once among the participants, they can be
    // signed up as a champion and are named in the summary (a walk-through typed a person's
    // name, organization and e-mail a second time to do that). Only once the note is in.
    const same = (a, b) => a.trim().toLowerCase() === b.trim().toLowerCase();
    const listed = conn.state.participants.some((p) => same(p.name, name) && same(p.organization, organization));
    if ($('scribe-attendee').checked && !listed) {
      await run({ type: 'addAttendee', name: name.trim(), organization: organization.trim(), role, consent: false },
        `Posted for ${name}; ${name.trim()} is now among the participants.`);
    }
  } finally {
    scribing = false;
  }
});
let scribing = false;

// ---- Sections in the order the phase needs them ----

// What the phase is about comes first: the champions in commitments; the next steps, the
// champions and the summary at the wrap-up; the summary once closed. The page itself is
// reordered (and the section links with it), not only its look, so that the keyboard and a
// screen reader meet the sections in the order they are shown.
const SECTIONS = ['board-section', 'phase-section', 'scribe-section', 'people-section', 'commitments-section',
  'next-steps-section', 'summary-section', 'settings-section'];
const FIRST_IN_PHASE = {
  // While people join, who has joined (and who must be added by hand) comes first.
  welcome: ['people-section', 'phase-section'],
  commitments: ['commitments-section'],
  'wrap-up': ['next-steps-section', 'commitments-section', 'summary-section'],
  closed: ['summary-section', 'next-steps-section'],
};
let orderedFor = null;

function orderSections(phase) {
  const first = FIRST_IN_PHASE[phase] || [];
  const key = first.join(',');
  if (key === orderedFor) return;
  orderedFor = key;
  const order = [...first, ...SECTIONS.filter((id) => !first.includes(id))];
  const main = document.querySelector('.console-main');
  const nav = document.querySelector('.console-nav');
  // Moving a node takes the focus out of it: a field being typed in (a phase changed from
  // another laptop) gets it back, where it was.
  const active = document.activeElement;
  for (const id of order) {
    main.append($(id));
    nav.append(nav.querySelector(`a[href="#${id}"]`));
  }
  if (active && active !== document.activeElement && document.contains(active)) active.focus({ preventScroll: true });
}

// ---- Drawing ----

function render() {
  const state = conn.state;
  if (!state) return;
  show($('loading'), false);
  orderSections(state.phase);
  const title = state.meeting?.title || 'Meeting';
  setText($('meeting-title'), title);
  document.title = `Console — ${title}`;
  const joinCode = state.meeting?.code || code;
  setText($('join-code'), joinCode);
  $('wall-link').href = `wall.html?code=${encodeURIComponent(joinCode)}`;
  $('phone-link').href = `phone.html?code=${encodeURIComponent(joinCode)}`;
  // How to join, in large on the wall for people arriving late: offered while the room can
  // still join and the wall does not show it anyway (the welcome).
  const joinable = state.phase !== 'welcome' && state.phase !== 'closed' && state.meeting?.settings?.joiningOpen !== false;
  show($('show-join'), joinable || state.joinOnWall);
  $('show-join').setAttribute('aria-pressed', String(!!state.joinOnWall));
  setText($('show-join'), state.joinOnWall ? 'Take how to join off the wall' : 'Show how to join on the wall');

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
  renderSettings(state);
  tick();
}
