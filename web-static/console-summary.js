// The console's summary section: preview and download the meeting summary in every
// format, and e-mail it to the people who asked for it. The server renders the summary
// (from what is saved) and sends the e-mails; this only asks and shows.

import { $, h, setText, show, syncChildren } from './dom.js';

const STATUS_WORDS = { sending: 'sending…', delivered: 'delivered', failed: 'failed' };

/** Wires the buttons. `run(command, done)` sends a command and shows refusals. */
export function setupSummary(run) {
  $('summary-preview-button').addEventListener('click', async () => {
    const ack = await run({ type: 'summary', format: 'text' });
    if (!ack) return;
    const box = $('summary-preview');
    setText(box, ack.content);
    show(box, true);
    box.focus();
  });

  for (const button of document.querySelectorAll('.summary-download')) {
    button.addEventListener('click', async () => {
      const ack = await run({ type: 'summary', format: button.dataset.format });
      if (!ack) return;
      // A download of text the server produced; nothing is inserted into this page.
      const url = URL.createObjectURL(new Blob([ack.content], { type: ack.mediaType }));
      const link = h('a', { href: url, download: ack.filename });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
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
    show($('mail-form'), true);
  });

  $('mail-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const chosen = [...document.querySelectorAll('#mail-recipients input:checked:not(:disabled)')].map((b) => b.value);
    if (chosen.length === 0) return;
    const ack = await run({ type: 'sendSummary', recipients: chosen },
      `Sending the summary to ${chosen.length} ${chosen.length === 1 ? 'person' : 'people'}…`);
    if (ack) show($('mail-form'), false);
  });
}

/** Shows each sending and each recipient's outcome, with the reason of a failure. */
export function renderMailings(state) {
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
