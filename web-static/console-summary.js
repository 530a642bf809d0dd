// The console's summary section: preview and download the meeting summary in every
// format, and e-mail it to the people who asked for it. The server renders the summary
// (from what is saved) and sends the e-mails; this only asks and shows.

import { $, h, setText, show, syncChildren } from './dom.js';

let summaryRun = null;
let groups = []; // the summary's themes and areas (id, label, kind, suggestion), loaded on demand
let rewarn = async () => {};

const STATUS_WORDS = { sending: 'sending…', delivered: 'delivered', failed: 'failed' };

/** Wires the buttons. `run(command, done)` sends a command and shows refusals; `say` shows a line. */
export function setupSummary(run, getState, say) {
  summaryRun = run;
  // A warning on screen ("3 themes still read as suggested…") is said again once a sentence is
  // saved: it stayed, out of date, until the next preview (a walk-through saved all eleven).
  rewarn = async () => {
    for (const box of [$('summary-drafts'), $('mail-unwritten')]) {
      if (box.hidden) continue;
      const count = await warnOfUnwrittenSentences(getState(), box);
      if (box === $('mail-unwritten') && typeof count === 'number') settleSendAnyway(count);
    }
  };
  $('summary-words-button').addEventListener('click', async () => {
    // The suggestions are built by the server from the notes as they are now.
    const ack = await run({ type: 'summary', format: 'json' });
    if (!ack) return;
    const summary = JSON.parse(ack.content);
    groups = [
      ...summary.opportunities.map((g) => ({ ...g, kind: 'Opportunity' })),
      // (An area nobody champions is only named in the summary, "Not a priority right now": a
      // sentence for it would never be read — a walk-through wrote one.)
      ...summary.strategyAreas.filter((g) => g.priority).map((g) => ({ ...g, kind: 'Strategy area' })),
    ];
    const state = getState();
    $('opening-text').value = state.summaryEdits.opening ?? summary.opening;
    show($('summary-words'), true);
    renderSummaryWords(state, true);
    $('opening-text').focus();
  });
  $('opening-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    await run({ type: 'setOpening', text: $('opening-text').value }, 'Opening saved.');
  });
  $('opening-default').addEventListener('click', async () => {
    if (await run({ type: 'setOpening', text: null }, 'The default opening is back.')) {
      const ack = await run({ type: 'summary', format: 'json' });
      if (ack) $('opening-text').value = JSON.parse(ack.content).opening;
    }
  });

  $('summary-preview-button').addEventListener('click', async () => {
    const ack = await run({ type: 'summary', format: 'text' });
    if (!ack) return;
    const box = $('summary-preview');
    setText(box, ack.content);
    show(box, true);
    box.focus();
    await warnOfUnwrittenSentences(getState(), $('summary-drafts'));
  });

  for (const button of document.querySelectorAll('.summary-download')) {
    button.addEventListener('click', async () => {
      // The HTML copy is the one to print: the console's own pages may not run its styles,
      // so it is opened from the downloads folder, where the browser prints it or saves a PDF.
      const saved = button.dataset.format === 'html'
        ? 'The summary is saved to your downloads folder: open it there to print it or save it as a PDF.'
        : 'The summary is saved to your downloads folder.';
      const ack = await run({ type: 'summary', format: button.dataset.format, includeContacts: $('download-contacts').checked }, saved);
      if (!ack) return;
      // A download of text the server produced; nothing is inserted into this page.
      const url = URL.createObjectURL(new Blob([ack.content], { type: ack.mediaType }));
      const link = h('a', { href: url, download: ack.filename });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      // A download goes out as it is, so it is told too (not only the send form).
      await warnOfUnwrittenSentences(getState(), $('summary-drafts'));
    });
  }

  $('mail-recipients-button').addEventListener('click', async () => {
    const ack = await run({ type: 'mailRecipients' });
    if (!ack) return;
    const list = $('mail-recipients');
    list.replaceChildren();
    if (ack.recipients.length === 0) {
      list.append(h('li', { text: 'Nobody has given an e-mail and agreed to receive the summary yet.' }));
    }
    for (const [i, r] of ack.recipients.entries()) {
      const id = `mail-recipient-${i}`;
      const box = h('input', { type: 'checkbox', id, value: r.email });
      box.checked = !r.delivered;
      box.disabled = r.delivered;
      const who = `${r.name}, ${r.organization} — ${r.email}${r.kind === 'nominee' ? ' (named to invite)' : ''}${r.delivered ? ' — already received it' : ''}`;
      list.append(h('li', {}, box, h('label', { for: id, text: who })));
    }
    // The people named to invite whom no message can reach: said, so the convener reaches
    // them another way (a walk-through's list left them out without a word).
    const mailed = new Set(ack.recipients.map((r) => r.email.toLowerCase()));
    const seen = new Set();
    const unreached = (getState().nominations || []).filter((n) => !mailed.has((n.contact || '').trim().toLowerCase())
      && !seen.has(`${n.name}|${n.contact}`.toLowerCase()) && seen.add(`${n.name}|${n.contact}`.toLowerCase()));
    setText($('mail-not-reached'), unreached.length
      ? `No e-mail address for ${unreached.length === 1 ? 'one person' : `${unreached.length} people`} named to invite — reach them another way: ` +
        unreached.map((n) => `${n.name}${n.organization ? ` (${n.organization})` : ''}${n.contact ? `, ${n.contact}` : ''}`).join('; ') + '.'
      : '');
    show($('mail-not-reached'), unreached.length > 0);
    // And the attendees who did not ask for it by e-mail (no address, or the box not ticked):
    // their phones say the organizers will share it (a walk-through's list left them out
    // without a word). Chairs sign every letter; one who never joined has no address here
    // (a walk-through's second chair signed letters nobody sent them).
    const participants = getState().participants || [];
    const notAsked = participants.filter((p) => !mailed.has((p.email || '').trim().toLowerCase()));
    // Said apart: no address at all, or an address without "Send me the meeting summary" ticked
    // (a walk-through's list said both "did not ask", and the convener could not tell whom
    // they may still write to).
    const named = (list) => list.map((p) => `${p.name}${p.organization ? ` (${p.organization})` : ''}`).join('; ');
    const noAddress = notAsked.filter((p) => !(p.email || '').trim());
    const unticked = notAsked.filter((p) => (p.email || '').trim());
    const plain = (s) => (s || '').toLowerCase().split(/\s+/).filter(Boolean).join(' ');
    const joined = new Set(participants.map((p) => plain(p.name)));
    const chairsAway = (getState().meeting?.chairs || []).map((c) => c.split(/[(,]/)[0].trim())
      .filter((c) => c && !joined.has(plain(c)));
    setText($('mail-not-asked'), [
      notAsked.length ? `Not on the list — share the summary with ${notAsked.length === 1 ? 'this attendee' : `these ${notAsked.length} attendees`} another way.` : '',
      noAddress.length ? `No e-mail address given: ${named(noAddress)}.` : '',
      unticked.length ? `An address given, but “Send me the meeting summary” not ticked: ${named(unticked)}.` : '',
      chairsAway.length ? `The letters are signed by ${chairsAway.length === 1 ? 'a chair' : 'chairs'} who did not join from a phone, and so ${chairsAway.length === 1 ? 'gets' : 'get'} none: ${chairsAway.join('; ')}.` : '',
    ].filter(Boolean).join(' '));
    show($('mail-not-asked'), notAsked.length > 0 || chairsAway.length > 0);
    show($('mail-form'), true);
    await warnOfUnwrittenSentences(getState(), $('mail-unwritten'));
    setText($('mail-send'), 'Send the summary');
    askedFor = null;
  });

  $('mail-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = $('mail-send');
    // One press at a time: a double click must not be the second press of the question below.
    if (button.disabled) return;
    const chosen = [...document.querySelectorAll('#mail-recipients input:checked:not(:disabled)')].map((b) => b.value);
    if (chosen.length === 0) return;
    button.disabled = true;
    try {
      // A summary that still reads as suggested goes to everyone only on a second press: the
      // suggestions quote notes, and an e-mail cannot be taken back (a walk-through sent six).
      // A check that failed counts as "cannot tell", and more suggested sentences than when
      // the question was asked ask it again.
      const drafted = await warnOfUnwrittenSentences(getState(), $('mail-unwritten'));
      const count = typeof drafted === 'number' ? drafted : Infinity;
      if (count > 0 && !(askedFor !== null && count <= askedFor)) {
        askedFor = count;
        setText(button, sendAnyway(count));
        say(count === Infinity
          ? 'The summary could not be checked for sentences still as suggested: press the button again to send it as it is.'
          : `${count === 1 ? '1 sentence' : `${count} sentences`} of the summary still ${count === 1 ? 'reads' : 'read'} as suggested from the notes: ` +
            'write them under “Your words for the summary”, or press the button again to send it as it is.');
        $('mail-unwritten').scrollIntoView({ block: 'nearest' });
        return;
      }
      // (Said once the server has taken it on: each delivery then shows in the list below, and
      // "Sending…" at the top outlived the deliveries in a walk-through.)
      const ack = await run({ type: 'sendSummary', recipients: chosen, appendix: $('mail-appendix').checked },
        `The summary is on its way to ${chosen.length} ${chosen.length === 1 ? 'person' : 'people'}: each delivery shows below.`);
      if (ack) show($('mail-form'), false);
      askedFor = null;
      setText(button, 'Send the summary');
    } finally {
      button.disabled = false;
    }
  });
}

/** How many sentences still read as suggested when "Send anyway" was offered (null: not offered). */
let askedFor = null;

/** "Send anyway, with 2 suggested sentences" said again for the `count` left once the
 *  facilitator writes some (it stayed, out of date, after a walk-through wrote both); back to
 *  "Send the summary" when none is left. */
function settleSendAnyway(count) {
  if (askedFor === null || count >= askedFor) return;
  askedFor = count > 0 ? count : null;
  setText($('mail-send'), count > 0 ? sendAnyway(count) : 'Send the summary');
}

/** The send button's second question, for `count` sentences still as suggested (Infinity: not known). */
const sendAnyway = (count) => (count === Infinity ? 'Send anyway' : `Send anyway, with ${count} suggested ${count === 1 ? 'sentence' : 'sentences'}`);

/**
 * Before sending: the themes and priority areas whose sentence is still the suggestion
 * built from the notes ("Notes here point to …"), which reads as a draft in an e-mail.
 */
async function warnOfUnwrittenSentences(state, box) {
  const ack = await summaryRun({ type: 'summary', format: 'json' });
  if (!ack) return;
  const summary = JSON.parse(ack.content);
  const written = state.summaryEdits?.syntheses || {};
  const drafts = [...summary.opportunities, ...summary.strategyAreas.filter((g) => g.priority)]
    .filter((g) => g.synthesis && !Object.prototype.hasOwnProperty.call(written, g.id));
  // The sample summary opens with when the partnership met: without a date it only says "met".
  const undated = !state.meeting?.date && !state.summaryEdits?.opening;   // (their own opening may say when)
  show(box, drafts.length > 0 || undated);
  const said = [];
  if (drafts.length) {
    const names = drafts.map((g) => `“${g.label}”`);
    const list = names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
    // Opportunity themes and strategy areas by their own names ("3 themes and 2 strategy areas").
    const areas = drafts.filter((g) => summary.strategyAreas.includes(g)).length, themes = drafts.length - areas;
    const counted = [themes ? `${themes} ${themes === 1 ? 'theme' : 'themes'}` : '',
      areas ? `${areas} ${areas === 1 ? 'strategy area' : 'strategy areas'}` : ''].filter(Boolean).join(' and ');
    said.push(`${counted} still ${drafts.length === 1 ? 'reads' : 'read'} as suggested from the notes ` +
      `(${list}). Write the room's own sentence under “Your words for the summary” first, or share it as it is.`);
  }
  if (undated) said.push('The meeting has no date, so the summary does not say when you met: add it under Settings.');
  setText(box, said.join(' '));
  return drafts.length;
}

/** One editor per theme and strategy area: the facilitator's sentence, else the suggestion. */
export function renderSummaryWords(state, refill = false) {
  if ($('summary-words').hidden) return;
  const written = state.summaryEdits.syntheses || {};
  const live = groups.filter((g) => state.themes.some((t) => t.id === g.id));
  syncChildren($('synthesis-list'), live, (g) => g.id, (g) => {
    const id = `synthesis-${g.id}`;
    const area = h('textarea', { id, rows: '2', maxlength: '400' });
    const form = h('form', { class: 'stack summary-word' },
      h('label', { for: id }, h('span', { class: 'kind' }), ' ', h('strong', { class: 'label' })),
      area,
      h('p', { class: 'hint state' }),
      h('div', { class: 'button-row' },
        h('button', { type: 'submit', class: 'primary small', text: 'Save the sentence' }),
        h('button', { type: 'button', class: 'secondary small', text: 'Back to the suggestion',
          onclick: async () => { if (await summaryRun({ type: 'setSynthesis', theme: g.id, text: null }, 'Back to the suggestion.')) area.value = g.suggestion || ''; } })));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      if (await summaryRun({ type: 'setSynthesis', theme: g.id, text: area.value }, area.value.trim() ? 'Sentence saved.' : 'No sentence for this one.')) await rewarn();
    });
    area.value = written[g.id] ?? g.suggestion ?? '';
    return h('li', {}, form);
  }, (li, g) => {
    const theme = state.themes.find((t) => t.id === g.id);
    setText(li.querySelector('.kind'), `${g.kind}:`);
    setText(li.querySelector('.label'), theme?.label ?? g.label);
    const mine = Object.prototype.hasOwnProperty.call(written, g.id);
    setText(li.querySelector('.state'), mine ? (written[g.id] ? 'Your sentence.' : 'No sentence (you cleared it).') : 'Suggested from the notes: edit it to say what the room meant.');
    const area = li.querySelector('textarea');
    if (refill && document.activeElement !== area) area.value = written[g.id] ?? g.suggestion ?? '';
  });
}

/** Shows each sending and each recipient's outcome, with the reason of a failure. */
export function renderMailings(state) {
  // Said before anyone presses Send (a walk-through found out only then): a server with no
  // e-mail set up offers the downloads instead.
  const unavailable = state.mailAvailable === false;
  show($('mail-unavailable'), unavailable);
  show($('mail-recipients-button'), !unavailable);
  show($('mail-hint'), !unavailable);
  if (unavailable) show($('mail-form'), false);
  const mailings = [...(state.mailings || [])].reverse();
  syncChildren($('mailings'), mailings, (m) => m.id,
    () => h('li', {}, h('p', { class: 'mailing-title' }), h('ul', { class: 'plain-list' })),
    (li, m) => {
      const counts = { delivered: 0, failed: 0, sending: 0 };
      for (const r of m.recipients) counts[r.status] += 1;
      setText(li.firstChild, `Sent at ${new Date(m.startedAt).toLocaleTimeString()}: ${counts.delivered} delivered, ${counts.failed} failed, ${counts.sending} on the way`);
      li.lastChild.replaceChildren(...m.recipients.map((r) =>
        h('li', { class: `mail-${r.status}`, text: `${r.email}: ${STATUS_WORDS[r.status]}${r.reason ? ` — ${r.reason}` : ''}` })));
    });
}
