// The organizer's page: lists the meetings on this server with links to their consoles,
// and starts a new meeting. It needs the server's organizer key, which `convene serve`
// prints in a link ending with `#organizer=…` (the fragment never reaches a server). The
// key is remembered in this browser and removed from the address bar, so a projected
// screen does not show it.

import { request, ServerError } from './client.js';
import { PHASE_NAMES } from './meeting-state.js';
import { $, h, setText, show, syncChildren } from './dom.js';
import { addTimeboxInputs, readTimeboxes, messageBar } from './meeting-form.js';
import { storage } from './storage.js';

const KEY_STORAGE = 'convene.organizerKey';
const DEFAULT_MINUTES = { welcome: 15, opportunities: 45, requirements: 45, commitments: 20, 'wrap-up': 10 };

let organizerKey = keyFromText(location.hash) || storage.get(KEY_STORAGE) || '';
if (location.hash) history.replaceState(null, '', location.pathname + location.search);

/** The key from a pasted link (`…#organizer=KEY`) or a bare key. */
function keyFromText(text) {
  const value = String(text || '').trim();
  const inLink = /[#&]organizer=([A-Za-z0-9]+)/.exec(value);
  if (inLink) return inLink[1];
  return /^[A-Za-z0-9]{16,128}$/.test(value) ? value : '';
}

const say = messageBar();

function consoleLink(m) {
  return `console.html?code=${encodeURIComponent(m.code)}#key=${encodeURIComponent(m.key)}`;
}

// ---- The key ----

function showSections(haveKey) {
  show($('key-section'), !haveKey);
  show($('new-section'), haveKey);
  show($('list-section'), haveKey);
}

$('key-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const key = keyFromText($('organizer-key').value);
  if (!key) return say('That is not an organizer link or key. Copy the whole link “convene serve” printed.');
  organizerKey = key;
  // "That is not an organizer link" no longer holds once the list comes.
  if (await refresh()) say.clear();
});

$('forget-key').addEventListener('click', () => {
  storage.remove(KEY_STORAGE);
  organizerKey = '';
  showSections(false);
  $('organizer-key').value = '';
  $('organizer-key').focus();
});

// ---- The list ----

/** Lists the meetings; true once they are shown. */
async function refresh() {
  if (!organizerKey) {
    showSections(false);
    $('organizer-key').focus();
    return false;
  }
  let ack;
  try {
    ack = await request({ type: 'listMeetings', organizerKey });
  } catch (err) {
    if (err instanceof ServerError && err.code === 'bad_key') {
      storage.remove(KEY_STORAGE);
      organizerKey = '';
      showSections(false);
    }
    say(err.message);
    return false;
  }
  storage.set(KEY_STORAGE, organizerKey);
  showSections(true);
  renderList(ack.meetings || []);
  return true;
}

function renderList(meetings) {
  show($('list-empty'), meetings.length === 0);
  syncChildren($('meetings'), meetings, (m) => m.id,
    () => h('tr', {}, h('td'), h('td'), h('td', { class: 'code' }), h('td'), h('td'), h('td'),
      h('td', {}, h('a', { class: 'console-link', text: 'Console' }), ' · ',
        h('a', { class: 'wall-link', text: 'Wall', target: '_blank', rel: 'noopener' }))),
    (tr, m) => {
      const cells = tr.children;
      setText(cells[0], `${m.title} (${m.industry}, ${m.region})`);
      setText(cells[1], m.date || '—');
      setText(cells[2], m.code);
      setText(cells[3], PHASE_NAMES[m.phase] || m.phase);
      setText(cells[4], String(m.participants));
      setText(cells[5], String(m.notes));
      const open = tr.querySelector('.console-link');
      open.href = consoleLink(m);
      open.setAttribute('aria-label', `Console of ${m.title}`);
      const wall = tr.querySelector('.wall-link');
      wall.href = `wall.html?code=${encodeURIComponent(m.code)}`;
      wall.setAttribute('aria-label', `Wall of ${m.title}`);
    });
}

// ---- A new meeting ----

addTimeboxInputs($('new-timeboxes'), 'new-minutes-', (phase) => DEFAULT_MINUTES[phase]);

let creating = false;
$('new-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  if (creating) return; // one press, one meeting
  const message = {
    type: 'createMeeting', organizerKey,
    title: $('new-title').value, industry: $('new-industry').value, region: $('new-region').value,
    everyoneMayPost: $('new-everyone-may-post').checked,
  };
  if (!message.title.trim() || !message.industry.trim() || !message.region.trim()) {
    return say('A meeting needs a title, an industry and a region.');
  }
  if ($('new-date').value) message.date = $('new-date').value;
  if ($('new-place').value.trim()) message.place = $('new-place').value;
  const chairs = $('new-chairs').value.split('\n').map((c) => c.trim()).filter(Boolean);
  if (chairs.length) message.chairs = chairs;
  message.timeboxes = readTimeboxes($('new-timeboxes'));
  if (!message.timeboxes) return say('Each phase gets 1 to 240 minutes.');
  creating = true;
  try {
    const ack = await request(message);
    const m = ack.meeting;
    setText($('created-code'), m.code);
    $('created-console').href = consoleLink(m);
    $('created-wall').href = `wall.html?code=${encodeURIComponent(m.code)}`;
    const phone = new URL(`phone.html?code=${encodeURIComponent(m.code)}`, location.href).href;
    $('created-phone').href = phone;
    setText($('created-phone'), phone);
    show($('created'), true);
    $('created').focus();
    $('new-form').reset();
    say(`“${m.title}” is ready. Its join code is ${m.code}.`, false);
    await refresh();
  } catch (err) {
    say(err.message);
  } finally {
    creating = false;
  }
});

refresh();
