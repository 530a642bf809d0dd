// Small DOM helpers shared by the screens. User text only ever goes in as text nodes
// (textContent / append of a string), never as HTML, so a note holding markup shows the
// markup instead of running it.

/**
 * Creates an element. props: `class`, `text`, `on<event>` handlers, `dataset`, boolean
 * attributes as true/false, other attributes as strings. Children are nodes or strings
 * (strings become text nodes).
 */
export function h(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k === 'dataset') Object.assign(e.dataset, v);
    else if (k.startsWith('on') && typeof v === 'function') e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c !== null && c !== undefined && c !== false) e.append(c);
  }
  return e;
}

export const $ = (id) => document.getElementById(id);

/** Sets text only when it changed, so screen readers and selections are not disturbed. */
export function setText(el, text) {
  const t = text ?? '';
  if (el.textContent !== t) el.textContent = t;
}

/** A word with hyphens inside (a letter or digit on each side) short enough to keep whole. */
const HYPHENATED = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)+/gu;
const WHOLE_UP_TO = 16;

/**
 * Sets user text so that it wraps where a reader expects: never inside a short hyphenated
 * word — a browser breaks after any hyphen, and a projected wall read "I-|80" and
 * "E-|commerce" — and, in a long word of slashes ("almonds/pistachios"), after a slash
 * rather than mid-word. Longer hyphenated words ("banking-as-a-service") may still break at
 * their hyphens. The text stays text: pieces are text nodes, `<span class="nobreak">` and `<wbr>`.
 */
export function setWrappingText(el, text) {
  const t = text ?? '';
  if (el.textContent === t) return;   // (a <wbr> adds no text)
  const pieces = [];
  const slashes = (s) => s.split(/(?<=\/)(?=\p{L})/u).flatMap((part, i) => (i ? [document.createElement('wbr'), part] : [part]));
  // An "&" stays with the word before it: a line never starts on it ("Data centers / & /
  // transmission" in a walk-through's narrow column). Only the word's last part joins it (after
  // a slash or hyphen, and short): a long token kept whole could not wrap at all.
  const ampersands = (s) => s.split(/((?<=^|[\s/-])[^\s/-]{1,16} &)(?= |$)/).flatMap((part, i) => (i % 2 ? [h('span', { class: 'nobreak' }, part)] : slashes(part)));
  let last = 0;
  for (const m of t.matchAll(HYPHENATED)) {
    if (m[0].length > WHOLE_UP_TO) continue;
    pieces.push(...ampersands(t.slice(last, m.index)));
    // A hyphenated word kept whole takes a following "&" with it too ("I-80 &").
    const amp = /^ &(?= |$)/.test(t.slice(m.index + m[0].length)) ? ' &' : '';
    pieces.push(h('span', { class: 'nobreak' }, m[0] + amp));
    last = m.index + m[0].length + amp.length;
  }
  pieces.push(...ampersands(t.slice(last)));
  el.replaceChildren(...pieces.filter((p) => p !== ''));
}

export function show(el, visible) {
  if (el.hidden === visible) el.hidden = !visible;
}

/**
 * Makes `parent`'s children match `items`, keyed by `keyOf(item)`: existing elements are
 * kept and updated in place (focus, input and animations survive), new ones are created,
 * missing ones removed, and nodes are only moved when the order really changed, so nothing
 * on screen reshuffles without a reason.
 * create(item) → element; update(element, item) is called for new and kept ones alike.
 * Returns the elements created in this pass.
 */
export function syncChildren(parent, items, keyOf, create, update) {
  const existing = new Map();
  for (const child of Array.from(parent.children)) {
    if (child.dataset.key !== undefined) existing.set(child.dataset.key, child);
  }
  // Remove what is gone first, so the rest stays where it is instead of being moved around it.
  const wanted = new Set(items.map((item) => String(keyOf(item))));
  for (const [key, el] of existing) {
    if (!wanted.has(key)) {
      el.remove();
      existing.delete(key);
    }
  }
  const created = [];
  let cursor = parent.firstElementChild;
  // Skip leading children that are not keyed (headings kept in the same container).
  while (cursor && cursor.dataset.key === undefined) cursor = cursor.nextElementSibling;
  for (const item of items) {
    const key = String(keyOf(item));
    let el = existing.get(key);
    if (el) {
      existing.delete(key);
    } else {
      el = create(item);
      el.dataset.key = key;
      created.push(el);
    }
    update?.(el, item);
    if (el === cursor) {
      cursor = cursor.nextElementSibling;
    } else {
      parent.insertBefore(el, cursor);
    }
  }
  return created;
}

/**
 * Replaces a <select>'s options ([value, label] pairs) when the list changed; keeps the
 * chosen value if it still exists. Pass `signature` when many selects share one list.
 */
export function setOptions(select, options, signature = JSON.stringify(options)) {
  if (select.dataset.options === signature) return;
  const value = select.value;
  select.replaceChildren(...options.map(([v, label]) => h('option', { value: v, text: label })));
  select.dataset.options = signature;
  if (options.some(([v]) => v === value)) select.value = value;
}

/** Number of characters as a person (and the server) counts them: grapheme clusters. */
const segmenter = typeof Intl !== 'undefined' && Intl.Segmenter ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : null;
export function characterCount(text) {
  if (segmenter) {
    let n = 0;
    for (const _ of segmenter.segment(text)) n++;
    return n;
  }
  return Array.from(text).length;
}

/** "Name, Organization" with whatever parts exist. */
export function nameAndOrg(p) {
  return [p?.name, p?.organization].filter(Boolean).join(', ');
}

export const ROLE_NAMES = { employer: 'Employer', partner: 'Community partner' };

/**
 * Runs `fn` once, shortly, however often it is asked: a burst of events (a replay after a
 * reconnect) draws once. A timer rather than requestAnimationFrame, which never fires in a
 * tab that is not shown, so a console in a background tab is current when it comes back.
 */
export function coalesce(fn, delayMs = 30) {
  let timer = null;
  return () => {
    if (timer !== null) return;
    timer = setTimeout(() => {
      timer = null;
      fn();
    }, delayMs);
  };
}
