// The console's attendees, champions and nominations — including what the facilitator does
// on behalf of people without a phone: add them to the list, sign them up for strategy
// areas, name people to invite. Two records of one person (a second device) are merged,
// and someone who joined by mistake is removed; both cannot be undone, so each asks for a
// second press that says exactly what will happen.

import { themesOfKind, championsOf, supportersOf, participant, distinctPeople } from './meeting-state.js';
import { $, h, setText, show, syncChildren, setOptions, nameAndOrg, ROLE_NAMES } from './dom.js';
import { randomId } from './client.js';

let ctx = null; // { conn, run, say }
let confirming = null; // { kind: 'merge' | 'remove', id, into?, keepNotes? } awaiting its second press
let renaming = null;   // the record whose name and organization are being corrected
let nominationId = null; // kept until acknowledged: a second press after a lost answer names nobody twice
let editingNomination = null; // the id of the nomination the form corrects, if it does
let areaChosen = false;       // the facilitator picked an area in the form while correcting

export function setupAttendees({ conn, run, say, draw }) {
  ctx = { conn, run, say, draw };

  $('attendee-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const name = $('attendee-name').value, organization = $('attendee-org').value;
    const email = $('attendee-email').value.trim();
    if (!name.trim() || !organization.trim()) return say('Give their name and organization.');
    const command = { type: 'addAttendee', name, organization, role: $('attendee-role').value, consent: !!email && $('attendee-consent').checked };
    if (email) command.email = email;
    if (await run(command, `Added ${name} to the attendees.`)) {
      for (const id of ['attendee-name', 'attendee-org', 'attendee-email']) $(id).value = '';
      $('attendee-consent').checked = false;
      $('attendee-name').focus();
    }
  });

  $('facilitator-nominate-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const name = $('fnom-name').value, organization = $('fnom-org').value;
    if (!name.trim() || !organization.trim()) return say('Give their name and organization.');
    const editing = editingNomination;
    if (!editing) nominationId ??= randomId('nom-');
    const command = { type: editing ? 'editNomination' : 'nominate', id: editing ?? nominationId, name, organization };
    if ($('fnom-contact').value.trim()) command.contact = $('fnom-contact').value;
    // Correcting someone without touching their area keeps the area they have now: a merge
    // made meanwhile moved them, and the list may no longer hold the one loaded.
    const current = editing && ctx.conn.state.nominations.find((n) => n.id === editing);
    const area = editing && !areaChosen ? current?.theme ?? '' : $('fnom-area').value;
    if (area) command.theme = area;
    // The recipient list on screen was read before the correction: read again, it holds the
    // new address (the old one would make the whole send refused).
    const reload = editing && !$('mail-form').hidden;
    if (await run(command, editing ? `Saved the changes to ${name}.${reload ? ' The list of recipients was read again.' : ''}` : `Added ${name} to the people to invite.`)) {
      if (!editing) nominationId = null;
      // (Only the form that was sent: Edit pressed on someone else meanwhile stays loaded.)
      if (editingNomination === editing) stopEditingNomination(editing);
      if (reload) $('mail-recipients-button').click();
    }
  });
  $('fnom-area').addEventListener('change', () => { areaChosen = true; });
  $('fnom-cancel').addEventListener('click', () => { stopEditingNomination(editingNomination); say('Nothing changed.', false); });
}

/** "Edit" on a nomination: the form below the table holds its name, organization, contact
 *  and area, and saves them over it (who named them stays). A mistyped e-mail would
 *  otherwise keep the summary from ever reaching them. */
function editNomination(n) {
  editingNomination = n.id;
  areaChosen = false;
  nominationId = null;   // a draft of someone new, not sent, is replaced by this correction
  $('fnom-name').value = n.name;
  $('fnom-org').value = n.organization;
  $('fnom-contact').value = n.contact || '';
  $('fnom-area').value = n.theme || '';
  setText($('fnom-heading'), `Correct ${n.name}`);
  setText($('fnom-submit'), 'Save the changes');
  $('fnom-cancel').hidden = false;
  $('fnom-name').focus();
}

/** Back to naming someone new; the keyboard goes back to the row that was being corrected. */
function stopEditingNomination(id) {
  for (const field of ['fnom-name', 'fnom-org', 'fnom-contact']) $(field).value = '';
  $('fnom-area').value = '';
  namingSomeoneNew();
  const row = id && document.querySelector(`#nominations button.edit-nomination[data-id="${CSS.escape(id)}"]`);
  if (row) row.focus();
}

/** The form names someone new again (what is typed in it stays). */
function namingSomeoneNew() {
  editingNomination = null;
  areaChosen = false;
  setText($('fnom-heading'), 'Name someone to invite');
  setText($('fnom-submit'), 'Add to the people to invite');
  $('fnom-cancel').hidden = true;
}

// ---- Attendees ----

export function renderPeople(state) {
  const people = state.participants;
  // Counted as the wall and the summary count them: one person on two devices once.
  const distinct = distinctPeople(people);
  const employers = distinct.filter((p) => p.role === 'employer').length;
  const consenting = people.filter((p) => p.consent && p.email).length;
  const partners = distinct.length - employers;
  const twice = people.length - distinct.length;
  const oddCase = people.filter((p) => typedCase(p)).length;
  setText($('people-summary'),
    `${distinct.length} taking part: ${employers} ${employers === 1 ? 'employer' : 'employers'}, ` +
      `${partners} ${partners === 1 ? 'community partner' : 'community partners'}. ${consenting} asked for the summary.` +
      (twice ? ` ${twice === 1 ? '1 record looks like' : `${twice} records look like`} a second device of someone: merge below.` : '') +
      (oddCase ? ` ${oddCase === 1 ? '1 name was' : `${oddCase} names were`} typed all in capitals or in small letters (or ${oddCase === 1 ? 'its organization' : 'their organizations'}): correct ${oddCase === 1 ? 'it' : 'them'} below before the summary goes out.` : ''));
  if (confirming && !people.some((p) => p.id === confirming.id)) confirming = null;
  if (renaming && !people.some((p) => p.id === renaming)) renaming = null;
  const others = (id) => people.filter((p) => p.id !== id).map((p) => [p.id, recordLabel(people, p)]);
  syncChildren($('people'), people, (p) => p.id, createPersonRow, (tr, p) => {
    const cells = tr.children;
    // Two records with one name are most likely one person on two devices: say so.
    const twins = people.filter((o) => o.name.trim().toLowerCase() === p.name.trim().toLowerCase());
    const nth = twins.indexOf(p) + 1;
    setText(cells[0].querySelector('.name'), p.name);
    setText(cells[0].querySelector('.dup'), twins.length > 1 ? `record ${nth} of ${twins.length} with this name` : '');
    show(cells[0].querySelector('.dup'), twins.length > 1);
    // Typed all in capitals or all in small letters on a phone: it goes into the summary and
    // the letters as typed ("Dear EARL HUTCHINS," in a walk-through) unless corrected.
    const typed = typedCase(p);
    setText(cells[0].querySelector('.typed-case'), typed ? `typed ${typed}: “Edit name” offers it with capitals — check it and save` : '');
    show(cells[0].querySelector('.typed-case'), !!typed);
    setText(cells[1], p.organization);
    setText(cells[2], ROLE_NAMES[p.role] || p.role);
    setContact(cells[3], p.email || '—');
    setText(cells[4], p.consent && p.email ? 'Yes' : 'No');
    const notes = state.notes.filter((n) => n.author === p.id).length;
    const signups = state.champions.filter((c) => c.participant === p.id).length;
    const select = tr.querySelector('.merge-into');
    setOptions(select, [['', 'Same person as…'], ...others(p.id)]);
    select.setAttribute('aria-label', `${p.name} is the same person as`);
    tr.querySelector('.merge-button').setAttribute('aria-label', `Merge ${p.name} into the chosen record`);
    tr.querySelector('.remove-button').setAttribute('aria-label', `Remove ${p.name}`);
    tr.querySelector('.rename-button').setAttribute('aria-label', `Correct how ${p.name}'s name and organization are written`);
    const form = tr.querySelector('.rename-row');
    const opening = renaming === p.id && form.hidden;
    if (opening) {
      // Filled once, as it opens: what the facilitator types is never overwritten by a redraw.
      // A name typed all in capitals or small letters opens written with capitals at the start
      // of each word, to check and save ("jen tran" opened as typed, and was saved so).
      form.querySelector('.rename-name').value = shape(p.name) ? wordCase(p.name) : p.name;
      // (An organization typed all in capitals stays as typed: "BNSF RAILWAY CO" hides its acronyms.)
      form.querySelector('.rename-org').value = shape(p.organization) === 'in small letters' && p.organization.trim().split(/\s+/).length >= 3
        ? wordCase(p.organization) : p.organization;
    }
    show(form, renaming === p.id);
    if (opening) form.querySelector('.rename-name').focus();
    const confirm = tr.querySelector('.confirm-row');
    const mine = confirming?.id === p.id ? confirming : null;
    show(confirm, !!mine);
    if (mine) {
      const into = participant(state, mine.into);
      const record = (x) => recordLabel(people, x);
      const what = `${plural(notes, 'note')} and ${plural(signups, 'sign-up')}`;
      setText(confirm.querySelector('.confirm-text'), mine.kind === 'merge'
        ? `Merge ${record(p)} into ${record(into)}? Their ${what} become ${into?.name ?? 'theirs'}'s, and their phone goes on as ${into?.name ?? 'them'}. This cannot be undone.`
        : `Remove ${nameAndOrg(p)}? ${mine.keepNotes ? `Their ${plural(notes, 'note')} stay on the wall under their name` : `Their ${plural(notes, 'note')} are withdrawn`}; their ${plural(signups, 'sign-up')} go. This cannot be undone.`);
      show(confirm.querySelector('.keep-notes-choice'), mine.kind === 'remove' && notes > 0);
      tr.querySelector('.keep-notes').checked = mine.keepNotes !== false;
    }
  });
}

/** How a name or organization was typed when it would read wrong in a letter: "all in
 *  capitals" ("EARL HUTCHINS"), "in small letters" ("tom becker"), or null. An acronym-like
 *  organization ("BNSF", "ACME LLC") is no sign: only the name, and an organization of
 *  three words or more, count. */
function typedCase(p) {
  return shape(p.name) ?? (p.organization.trim().split(/\s+/).length >= 3 ? shape(p.organization) : null);
}

/** "all in capitals", "in small letters", or null (mixed, or under four letters). */
function shape(text) {
  const l = [...text].filter((c) => c.toLowerCase() !== c.toUpperCase());
  if (l.length < 4) return null;
  if (l.every((c) => c === c.toUpperCase())) return 'all in capitals';
  if (l.every((c) => c === c.toLowerCase())) return 'in small letters';
  return null;
}

/** "jen tran" / "JEN O'NEILL-PARK" / "bank of the west" → "Jen Tran" / "Jen O'Neill-Park" /
 *  "Bank of the West": a capital at the start of each word and after a hyphen or an apostrophe
 *  (not a possessive's "s": "St. Mary's"), small letters elsewhere, and small joining words
 *  inside left small (a suggestion the facilitator checks: "McDonald" they write themselves). */
const SMALL_WORDS = new Set(['of', 'and', 'the', 'for', 'at', 'in', 'on', 'de', 'del', 'la', 'las', 'los', 'y', 'van', 'von', 'der', 'da']);
export function wordCase(text) {
  return text.toLowerCase().replace(/(^|[\s\-'’])(\p{L}+)/gu, (whole, before, word, at) => {
    if (/['’]/.test(before) && word.length === 1) return whole;
    if (at > 0 && /\s/.test(before) && SMALL_WORDS.has(word)) return whole;
    return before + word[0].toUpperCase() + word.slice(1);
  });
}

/** "Karen Lee, Acme" — with "(record 2)" when several records share the name. */
function recordLabel(people, p) {
  if (!p) return '';
  const twins = people.filter((o) => o.name.trim().toLowerCase() === p.name.trim().toLowerCase());
  return twins.length > 1 ? `${nameAndOrg(p)} (record ${twins.indexOf(p) + 1})` : nameAndOrg(p);
}

const plural = (n, word) => `${n} ${n === 1 ? word : `${word}s`}`;

function createPersonRow(p) {
  const id = p.id;
  const select = h('select', { class: 'merge-into' });
  const merge = h('button', { type: 'button', class: 'secondary small merge-button', text: 'Merge' });
  merge.addEventListener('click', () => {
    if (!select.value) return ctx.say('Choose the record this person is the same as.');
    confirming = { kind: 'merge', id, into: select.value };
    renaming = null;
    ctx.draw();
  });
  const remove = h('button', { type: 'button', class: 'secondary small remove-button', text: 'Remove' });
  remove.addEventListener('click', () => {
    confirming = { kind: 'remove', id, keepNotes: true };
    renaming = null;
    ctx.draw();
  });
  // A name typed in lower case or with a typo on a phone ("tom becker"), written as it should
  // read on the wall, in the summary and in the letters.
  const rename = h('button', { type: 'button', class: 'secondary small rename-button', text: 'Edit name' });
  rename.addEventListener('click', () => {
    renaming = renaming === id ? null : id;
    confirming = null;
    ctx.draw();
  });
  // Closed (saved, cancelled, Esc): the keyboard goes back to the row's "Edit name".
  const closeRename = () => { renaming = null; ctx.draw(); rename.focus(); };
  const newName = h('input', { type: 'text', class: 'rename-name', maxlength: '80', 'aria-label': 'Name' });
  const newOrg = h('input', { type: 'text', class: 'rename-org', maxlength: '120', 'aria-label': 'Organization' });
  const renameRow = h('form', { class: 'rename-row inline-form', hidden: true }, newName, newOrg,
    h('button', { type: 'submit', class: 'small', text: 'Save' }),
    h('button', { type: 'button', class: 'secondary small', text: 'Cancel', onclick: closeRename }));
  renameRow.addEventListener('keydown', (e) => { if (e.key === 'Escape') { e.preventDefault(); closeRename(); } });
  renameRow.addEventListener('submit', async (e) => {
    e.preventDefault();
    const name = newName.value.trim(), organization = newOrg.value.trim();
    if (!name || !organization) return ctx.say('Write both their name and their organization.');
    if (await ctx.run({ type: 'renameParticipant', participant: id, name, organization }, `Saved: ${name}, ${organization}.`)) closeRename();
    else ctx.draw();
  });
  const keep = h('input', { type: 'checkbox', class: 'keep-notes', checked: true });
  keep.addEventListener('change', () => {
    if (confirming?.id === id) confirming.keepNotes = keep.checked;
    ctx.draw();
  });
  const yes = h('button', { type: 'button', class: 'danger small confirm-yes', text: 'Yes, do it' });
  yes.addEventListener('click', async () => {
    const c = confirming;
    if (!c || c.id !== id) return;
    confirming = null;
    if (c.kind === 'merge') await ctx.run({ type: 'mergeParticipants', from: id, into: c.into }, 'Merged the two records.');
    else await ctx.run({ type: 'removeParticipant', participant: id, keepNotes: c.keepNotes }, 'Removed from the attendees.');
    ctx.draw();
  });
  const cancel = h('button', { type: 'button', class: 'secondary small', text: 'Cancel',
    onclick: () => { confirming = null; ctx.draw(); } });
  const confirmRow = h('div', { class: 'confirm-row', hidden: true },
    h('p', { class: 'confirm-text' }),
    h('label', { class: 'choice small keep-notes-choice' }, keep, 'Keep their notes on the wall'),
    yes, cancel);
  return h('tr', {}, h('td', {}, h('span', { class: 'name' }), h('span', { class: 'dup', hidden: true }),
    h('span', { class: 'dup typed-case', hidden: true })), h('td'), h('td'), h('td'), h('td'),
    h('td', { class: 'person-actions' }, h('div', { class: 'inline-form' }, rename, select, merge, remove), renameRow, confirmRow));
}

// ---- Champions and nominations ----

export function renderCommitments(state) {
  const areas = themesOfKind(state, 'requirement');
  show($('areas-empty'), areas.length === 0);
  // Requirements left out of every strategy area (hidden ones aside): the facilitator may want
  // to place them before people sign up; otherwise they reach the summary only as "other".
  // (From the commitments on: while the room posts requirements, new ones wait unsorted a moment.)
  const signing = ['commitments', 'wrap-up', 'closed'].includes(state.phase);
  const outside = state.notes.filter((n) => n.kind === 'requirement' && !n.theme && !n.hidden);
  show($('requirements-outside'), signing && outside.length > 0 && areas.length > 0);
  if (signing && outside.length) {
    const short = (text) => { const c = Array.from(text); return c.length > 60 ? `${c.slice(0, 57).join('')}…` : text; };
    const quoted = outside.slice(0, 3).map((n) => `“${short(n.text)}”`).join(', ');
    setText($('requirements-outside'), `${outside.length === 1 ? '1 requirement is' : `${outside.length} requirements are`} in no strategy area: `
      + `${quoted}${outside.length > 3 ? ', …' : ''}. `
      + (outside.length === 1
        ? 'Drag it into an area on the board if it belongs there; otherwise the summary lists it under “Other requirements”.'
        : 'Drag those that belong in an area into it on the board; the summary lists the others under “Other requirements”.'));
  }
  const people = state.participants.map((p) => [p.id, nameAndOrg(p)]);
  syncChildren($('champion-areas'), areas, (t) => t.id, createAreaCard, (li, t) => {
    const champions = championsOf(state, t.id);
    const supporters = supportersOf(state, t.id);
    setText(li.querySelector('.area-label'), t.label);
    // The workbook's verdict ("not a priority right now") once the room has had its chance, as
    // on the wall; before and while the facilitator calls for champions, only the fact.
    const verdict = state.phase === 'wrap-up' || state.phase === 'closed';
    setText(li.querySelector('.champions'), champions.length ? `Champions: ${champions.map(nameAndOrg).join('; ')}`
      : verdict ? 'No employer champion: not a priority right now.' : 'No employer champion yet.');
    show(li.querySelector('.supporters'), supporters.length > 0);
    setText(li.querySelector('.supporters'), `Community partners supporting: ${supporters.map(nameAndOrg).join('; ')}`);
    li.classList.toggle('no-champion', champions.length === 0);
    const select = li.querySelector('select');
    setOptions(select, [['', 'Choose an attendee…'], ...people]);
    select.setAttribute('aria-label', `Attendee to sign up for ${t.label}`);
    li.querySelector('.sign-up').setAttribute('aria-label', `Sign the chosen attendee up for ${t.label}`);
    li.querySelector('.sign-off').setAttribute('aria-label', `Take the chosen attendee off ${t.label}`);
  });
  setOptions($('fnom-area'), [['', 'The partnership as a whole'], ...areas.map((t) => [t.id, t.label])]);

  // Removed (by a phone, or another console) while being corrected: the form keeps what was
  // typed, and would name them anew.
  if (editingNomination && !state.nominations.some((n) => n.id === editingNomination)) {
    namingSomeoneNew();
    ctx.say('The person you were correcting was removed from the people to invite meanwhile. Press “Add to the people to invite” to name them again.', false);
  }
  show($('nominations-empty'), state.nominations.length === 0);
  syncChildren($('nominations'), state.nominations, (n) => n.id,
    (n) => h('tr', {}, h('td'), h('td'), h('td'), h('td'), h('td'),
      h('td', { class: 'row-buttons' },
        h('button', { type: 'button', class: 'secondary edit-nomination', text: 'Edit',
          onclick: () => editNomination(ctx.conn.state.nominations.find((x) => x.id === n.id) ?? n) }),
        h('button', { type: 'button', class: 'secondary remove-nomination', text: 'Remove',
          onclick: () => ctx.run({ type: 'withdrawNomination', id: n.id }, 'Removed.') }))),
    (tr, n) => {
      const cells = tr.children;
      setText(cells[0], n.name);
      setText(cells[1], n.organization);
      setContact(cells[2], n.contact || '—');
      setText(cells[3], n.theme ? state.themes.find((t) => t.id === n.theme)?.label || '—' : 'The partnership as a whole');
      const by = n.nominatedBy === 'facilitator' ? 'Facilitator' : nameAndOrg(participant(state, n.nominatedBy)) || '—';
      setText(cells[4], by);
      cells[5].querySelector('.edit-nomination').setAttribute('aria-label', `Edit ${n.name}`);
      cells[5].querySelector('.edit-nomination').dataset.id = n.id;
      cells[5].querySelector('.remove-nomination').setAttribute('aria-label', `Remove ${n.name}`);
    });
}

/** A contact in a narrow cell: it may break after "@" or a dot, never mid-word
 * ("rosa@jimeneztool.exampl e"); <wbr> is not copied with the address. */
function setContact(cell, contact) {
  if (cell.dataset.contact === contact) return;
  cell.dataset.contact = contact;
  // "rosa@jimeneztool.example" → "rosa@", "jimeneztool.", "example" (no lookbehind: older Safari).
  const pieces = [];
  for (const part of contact.split(/([@.])/)) {
    if (part === '@' || part === '.') pieces[pieces.length - 1] = (pieces.at(-1) || '') + part;
    else if (part) pieces.push(part);
  }
  cell.replaceChildren(...pieces.flatMap((p, i) => (i ? [h('wbr'), p] : [p])));
}

/** An area's card, with signing an attendee up (or off) on their behalf: employers become
 * champions, community partners supporters. */
function createAreaCard(t) {
  const select = h('select', {});
  const act = (signed) => async () => {
    if (!select.value) return ctx.say('Choose the attendee first.');
    const who = participant(ctx.conn.state, select.value);
    const role = who?.role === 'partner' ? 'a supporter' : 'a champion';
    const label = ctx.conn.state.themes.find((x) => x.id === t.id)?.label ?? '';
    if (await ctx.run({ type: 'signUp', participant: select.value, theme: t.id, signed },
      signed ? `${who?.name} is now ${role} of “${label}”.` : `${who?.name} is no longer ${role} of “${label}”.`)) select.value = '';
  };
  return h('li', { class: 'card' }, h('h3', { class: 'area-label' }), h('p', { class: 'champions' }), h('p', { class: 'supporters' }),
    h('div', { class: 'inline-form on-behalf' }, select,
      h('button', { type: 'button', class: 'secondary small sign-up', text: 'Sign up', onclick: act(true) }),
      h('button', { type: 'button', class: 'secondary small sign-off', text: 'Take off', onclick: act(false) })));
}
