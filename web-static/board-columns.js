// The columns of a board — one per theme of a kind, then "Unsorted" — as the wall and the
// console both draw them. Pure: no DOM, no clock (the caller passes the server's time).

import { themesOfKind, notesOfKind } from './meeting-state.js';

export const UNSORTED = '__unsorted';

/**
 * `state`: the meeting (meeting-state.js); `kind`: 'opportunity' or 'requirement'.
 * Options:
 * - `includeHidden`: the console also lists notes the facilitator hid;
 * - `graceMs` / `now`: a note younger than `graceMs` that the clustering has not placed yet
 *   is left out (the wall shows it once, in its theme, rather than popping into Unsorted
 *   and jumping across the projected screen); `waiting` then says when to look again;
 * - `keepEmpty`: also list themes without notes (the console, where they can be filled or
 *   deleted). Otherwise only themes the facilitator named stay while empty: the wall never
 *   shows an empty column nobody made.
 * Unsorted comes last, only while it holds notes or when there is no theme at all.
 */
export function boardColumns(state, kind, { includeHidden = false, graceMs = 0, now = 0, keepEmpty = false } = {}) {
  const themes = themesOfKind(state, kind);
  const byTheme = new Map(themes.map((t) => [t.id, []]));
  const unsorted = [];
  let waiting = Infinity;
  for (const n of notesOfKind(state, kind)) {
    if (n.hidden && !includeHidden) continue;
    if (n.theme && byTheme.has(n.theme)) byTheme.get(n.theme).push(n);
    else if (!graceMs || n.placed || n.placedByHand || now - n.at >= graceMs) unsorted.push(n);
    else waiting = Math.min(waiting, n.at + graceMs - now);
  }
  const columns = themes
    .map((t) => ({ id: t.id, theme: t, label: t.label, notes: byTheme.get(t.id) }))
    .filter((c) => keepEmpty || c.notes.length > 0 || c.theme.labelByHand);
  if (unsorted.length || columns.length === 0) {
    columns.push({ id: UNSORTED, theme: null, label: 'Unsorted', notes: unsorted, unsorted: true });
  }
  return { columns, waiting: waiting === Infinity ? null : waiting };
}
