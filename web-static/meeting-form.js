// What the organizer's page and the console's settings share: the minutes-per-phase
// inputs, and the bar at the top that shows the server's answers.

import { PHASES, PHASE_NAMES } from './meeting-state.js';
import { $, h, setText, show } from './dom.js';

/** Adds one labelled number input per phase (not "closed") to `container`; ids start with `idPrefix`. */
export function addTimeboxInputs(container, idPrefix, minutesOf = () => '') {
  for (const phase of PHASES.filter((p) => p !== 'closed')) {
    container.append(
      h('label', { for: `${idPrefix}${phase}`, text: PHASE_NAMES[phase] }),
      h('input', { id: `${idPrefix}${phase}`, type: 'number', min: '1', max: '240', step: '1', required: '',
        value: String(minutesOf(phase)), dataset: { phase } }));
  }
}

/**
 * The minutes typed in `container`'s inputs as `{phase: minutes}`, or null after putting
 * the keyboard on the first one that is not 1 to 240 (the caller says why).
 */
export function readTimeboxes(container) {
  const boxes = {};
  for (const input of container.querySelectorAll('input')) {
    const minutes = Number(input.value);
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > 240) {
      input.focus();
      return null;
    }
    boxes[input.dataset.phase] = minutes;
  }
  return boxes;
}

/** A function that shows a sentence in the bar `id` (errors stay 12 s, confirmations 6 to 12 s by their length). */
export function messageBar(id = 'message') {
  let timer = null;
  function say(text, isError = true) {
    const bar = $(id);
    // A confirmation is a status (read when the reader pauses); only an error interrupts.
    // (The role first, so the new words are announced the new way.)
    bar.setAttribute('role', isError ? 'alert' : 'status');
    setText(bar, text);
    bar.classList.toggle('ok', !isError);
    show(bar, true);
    clearTimeout(timer);
    // Long enough to read after looking up from the room (4 s was gone before a facilitator
    // who glanced away saw that the button had done anything): about 80 ms a character.
    timer = setTimeout(() => show(bar, false), isError ? 12_000 : Math.min(12_000, Math.max(6000, text.length * 80)));
  }
  /** Takes the message away at once (what it said no longer holds: a key that now works). */
  say.clear = () => {
    clearTimeout(timer);
    show($(id), false);
  };
  return say;
}
