// The meeting as a screen knows it: a plain object built from a `welcome` snapshot and
// kept current by applying `event`s (docs/PROTOCOL.md, "Server → client"). Pure: no DOM,
// no network, no clock, so every screen folds events the same way and the fold can be
// checked on its own.
//
// The state has the snapshot's shape (arrays in the server's order), plus `seq`, the last
// applied sequence number, and `console`, whether this screen also sees hidden notes.

/** Builds the state from a welcome's snapshot (taken over, not copied: it is freshly parsed). */
export function fromSnapshot(snapshot, seq, { console = false } = {}) {
  const s = snapshot;
  return {
    meeting: s.meeting,
    phase: s.phase,
    phaseStartedAt: s.phaseStartedAt,
    phaseMinutes: s.phaseMinutes,
    question: s.question,
    participants: s.participants || [],
    notes: s.notes || [],
    themes: s.themes || [],
    champions: s.champions || [],
    nominations: s.nominations || [],
    nextSteps: s.nextSteps || emptyNextSteps(),
    mailings: s.mailings || [], // console only: summary e-mails and each recipient's outcome
    summarySent: !!s.summarySent, // the summary has reached someone by e-mail (every screen)
    proposals: s.proposals || {}, // console only: the clustering's regroup proposal per kind
    undoable: s.undoable || {}, // console only: kind → notes the last regrouping moved, while it can be undone
    mergeUndoable: s.mergeUndoable || {}, // console only: kind → the last merge ({ theme, label, into }), while it can be undone
    spotlight: s.spotlight ?? null, // the theme the wall shows alone, or null
    joinOnWall: !!s.joinOnWall, // how to join is on the wall in large, for people arriving late
    // console only: the facilitator's words for the summary (opening, theme sentences, note corrections)
    summaryEdits: s.summaryEdits || { opening: null, syntheses: {}, corrections: {} },
    seq,
    console,
  };
}

export function emptyNextSteps() {
  return { championsCall: { date: null, host: null }, nextMeeting: { date: null }, other: null };
}

const byId = (list, id) => list.find((x) => x.id === id);
const withoutId = (list, id) => list.filter((x) => x.id !== id);
/** A per-kind map (console only: proposals, undoable regroupings) without one kind. */
const withoutKey = (map, key) => Object.fromEntries(Object.entries(map).filter(([k]) => k !== key));

/** A theme leaves the board (emptied automatic theme, or deleted by the facilitator). */
function removeTheme(s, id) {
  for (const n of s.notes) if (n.theme === id) n.theme = null;
  s.champions = s.champions.filter((c) => c.theme !== id);
  for (const nom of s.nominations) if (nom.theme === id) nom.theme = null;
  s.themes = withoutId(s.themes, id);
  if (s.spotlight === id) s.spotlight = null;
}

/**
 * Applies one event (the `event` object of an `event` message) with sequence number `seq`.
 * Mutates and returns `state`. Unknown event types are skipped so that a newer server does
 * not break an older page.
 */
export function applyEvent(state, event, seq) {
  if (seq !== undefined) state.seq = seq;
  const handler = handlers[event.type];
  if (handler) handler(state, event);
  return state;
}

/** A summary e-mail sending changed (console only; other screens get no details). */
function mailingChanged(s, e) {
  if (!e.mailing) return;
  s.mailings = s.mailings || [];
  const i = s.mailings.findIndex((m) => m.id === e.mailing.id);
  if (i >= 0) s.mailings[i] = e.mailing;
  else s.mailings.push(e.mailing);
}

const handlers = {
  summarySendStarted: mailingChanged,
  // What a phone or the wall sees of a sending: that the summary has gone out, no addresses.
  mailing(s, e) {
    if (e.summarySent) s.summarySent = true;
  },
  summaryDelivered(s, e) {
    s.summarySent = true;
    mailingChanged(s, e);
  },
  summaryFailed: mailingChanged,
  meetingUpdated(s, e) {
    s.meeting = e.meeting;
    // The phase's time box is read from the settings, so a changed time box changes the timer.
    const minutes = e.meeting?.settings?.timeboxes?.[s.phase];
    if (typeof minutes === 'number') s.phaseMinutes = minutes;
  },
  // Sent once for a brand-new meeting; treated like an update.
  meetingCreated(s, e) {
    handlers.meetingUpdated(s, e);
  },
  participantJoined(s, e) {
    const i = s.participants.findIndex((p) => p.id === e.participant.id);
    if (i >= 0) s.participants[i] = e.participant;
    else s.participants.push(e.participant);
  },
  phaseChanged(s, e) {
    s.phase = e.phase;
    s.phaseStartedAt = e.phaseStartedAt;
    s.phaseMinutes = e.phaseMinutes;
    s.question = e.question;
    s.spotlight = null;
    s.joinOnWall = false;
  },
  notePosted(s, e) {
    const i = s.notes.findIndex((n) => n.id === e.note.id);
    if (i >= 0) s.notes[i] = e.note;
    else s.notes.push(e.note);
  },
  noteEdited(s, e) {
    const n = byId(s.notes, e.note);
    if (!n) return; // a hidden note this screen never had
    if (typeof e.text === 'string') n.text = e.text;
    n.edited = true;
  },
  noteWithdrawn(s, e) {
    s.notes = withoutId(s.notes, e.note);
  },
  noteHidden(s, e) {
    const n = byId(s.notes, e.note);
    if (e.hidden) {
      // Phones and the wall must not keep what the facilitator hid; the console marks it, and
      // so does its author's phone (`own`): the note was theirs, and its disappearing from
      // "Your notes" without a word read as a fault.
      if (s.console || (n && s.own && n.author === s.own)) {
        if (n) n.hidden = true;
      } else {
        s.notes = withoutId(s.notes, e.note);
      }
      return;
    }
    if (n) {
      n.hidden = false;
      if (e.noteView) Object.assign(n, e.noteView);
    } else if (e.noteView) {
      insertByTime(s.notes, { ...e.noteView, hidden: false });
    }
  },
  themeCreated(s, e) {
    if (!byId(s.themes, e.theme.id)) s.themes.push(e.theme);
  },
  // An undone regrouping puts back a theme it had emptied, where it stood among the themes.
  themeRestored(s, e) {
    if (byId(s.themes, e.theme.id)) return;
    const at = Math.min(Math.max(0, e.position ?? s.themes.length), s.themes.length);
    s.themes.splice(at, 0, e.theme);
  },
  themeRenamed(s, e) {
    const t = byId(s.themes, e.theme);
    if (!t) return;
    t.label = e.label;
    if (e.byHand) t.labelByHand = true;
  },
  // One placement pass of the clustering: new themes, notes placed, labels changed.
  grouped(s, e) {
    for (const c of e.changes || []) {
      if (c.op === 'createTheme') handlers.themeCreated(s, { theme: c.theme });
      else if (c.op === 'move') handlers.noteMoved(s, { note: c.note, theme: c.theme, byHand: false });
      else if (c.op === 'relabel') handlers.themeRenamed(s, { theme: c.theme, label: c.label });
      else if (c.op === 'removeTheme') removeTheme(s, c.theme);
    }
  },
  noteMoved(s, e) {
    const n = byId(s.notes, e.note);
    if (!n) return;
    n.theme = e.theme ?? null;
    n.placed = true;
    if (e.byHand) n.placedByHand = true;
  },
  // "Leave out": those notes' moves leave the proposal (as MeetingState.dismissMoves).
  proposalMovesDismissed(s, e) {
    const p = s.proposals?.[e.kind];
    if (!p) return;
    const out = new Set(e.notes || []);
    const moves = (p.moves || []).filter((m) => !out.has(m.note));
    const targets = new Set(moves.map((m) => m.to).filter((t) => t != null));
    // A new theme whose title named what the notes left out said is titled again.
    const titles = new Map((e.titles || []).map((t) => [t.theme, t.label]));
    const newThemes = (p.newThemes || []).filter((t) => targets.has(t.id))
      .map((t) => (titles.has(t.id) ? { ...t, label: titles.get(t.id) } : t));
    s.proposals = moves.length
      ? { ...s.proposals, [e.kind]: { ...p, moves, newThemes } }
      : withoutKey(s.proposals, e.kind);
  },
  regroupRecorded(s, e) {
    s.undoable = { ...s.undoable, [e.kind]: e.moved };
  },
  // Undone (a split by meaning's notes are back where they came from, no longer pinned).
  regroupUndone(s, e) {
    s.undoable = withoutKey(s.undoable, e.kind);
    for (const id of e.released || []) {
      const n = byId(s.notes, id);
      if (n) n.placedByHand = false;
    }
  },
  themesMerged(s, e) {
    const { from, into } = e;
    // The last merge of its kind, for the console's "Undo the merge" (as the server keeps it).
    const merged = byId(s.themes, from);
    if (merged && s.console) {
      const notes = s.notes.filter((n) => n.theme === from).map((n) => n.id);
      s.mergeUndoable = { ...s.mergeUndoable, [merged.kind]: { theme: from, label: merged.label, into, notes, named: !!merged.labelByHand } };
    }
    // The facilitator grouped these notes: pinned, as on the server.
    for (const n of s.notes) {
      if (n.theme === from || n.theme === into) {
        n.theme = into;
        n.placedByHand = true;
      }
    }
    // Champions of the merged area now champion the area it joined, once each — added after
    // the others, in the server's order (a fresh snapshot lists them so).
    const same = (a, b) => a.participant === b.participant && a.theme === b.theme;
    const moved = [];
    for (const c of s.champions) {
      if (c.theme !== from) continue;
      const m = { participant: c.participant, theme: into };
      if (!s.champions.some((k) => same(k, m)) && !moved.some((k) => same(k, m))) moved.push(m);
    }
    s.champions = s.champions.filter((c) => c.theme !== from).concat(moved);
    for (const nom of s.nominations) if (nom.theme === from) nom.theme = into;
    s.themes = withoutId(s.themes, from);
    if (s.spotlight === from) s.spotlight = into;
  },
  // The merged theme is back (the events before this one): the notes the merge had pinned
  // that nobody had placed by hand are the grouping's again.
  mergeUndone(s, e) {
    s.mergeUndoable = withoutKey(s.mergeUndoable, e.kind);
    for (const id of e.released || []) {
      const n = byId(s.notes, id);
      if (n) n.placedByHand = false;
    }
  },
  themeSplit(s, e) {
    if (e.newTheme && !byId(s.themes, e.newTheme.id)) {
      // The new theme sits right after the one it came from, as on the server.
      const i = s.themes.findIndex((t) => t.id === e.theme);
      if (i >= 0) s.themes.splice(i + 1, 0, e.newTheme);
      else s.themes.push(e.newTheme);
    }
    const newId = e.newTheme?.id;
    if (!newId) return;
    for (const id of e.notes || []) {
      const n = byId(s.notes, id);
      if (n) {
        n.theme = newId;
        n.placedByHand = true;
      }
    }
    // The notes left in the old theme were decided too (as on the server).
    for (const n of s.notes) if (n.theme === e.theme) n.placedByHand = true;
  },
  themeLocked(s, e) {
    const t = byId(s.themes, e.theme);
    if (t) t.locked = e.locked;
  },
  // Two records of one person became one: `from`'s notes, sign-ups and nominations are `into`'s.
  participantsMerged(s, e) {
    const { from, into } = e;
    s.participants = withoutId(s.participants, from);
    if (e.participant) {
      const i = s.participants.findIndex((p) => p.id === into);
      if (i >= 0) s.participants[i] = e.participant;
    }
    for (const n of s.notes) if (n.author === from) n.author = into;
    const kept = [];
    for (const c of s.champions) {
      const moved = c.participant === from ? { participant: into, theme: c.theme } : c;
      if (!kept.some((k) => k.participant === moved.participant && k.theme === moved.theme)) kept.push(moved);
    }
    s.champions = kept;
    for (const nom of s.nominations) if (nom.nominatedBy === from) nom.nominatedBy = into;
  },
  // The facilitator corrected how a name or organization is written: the record as it now reads.
  participantRenamed(s, e) {
    const i = s.participants.findIndex((p) => p.id === e.participant?.id);
    if (i >= 0) s.participants[i] = { ...s.participants[i], ...e.participant };
  },
  // A record removed by the facilitator: its notes stay under its name, or go.
  participantRemoved(s, e) {
    const p = byId(s.participants, e.participant);
    s.participants = withoutId(s.participants, e.participant);
    s.champions = s.champions.filter((c) => c.participant !== e.participant);
    if (e.keepNotes) {
      for (const n of s.notes) {
        if (n.author !== e.participant) continue;
        n.author = null;
        if (p) n.scribed = { name: p.name, organization: p.organization, role: p.role };
      }
    } else {
      s.notes = s.notes.filter((n) => n.author !== e.participant);
    }
  },
  // Console only (other screens get a bare "summaryEdited" event and skip it).
  openingSet(s, e) {
    s.summaryEdits = { ...s.summaryEdits, opening: e.text ?? null };
  },
  synthesisSet(s, e) {
    const syntheses = { ...s.summaryEdits.syntheses };
    if (e.text === null || e.text === undefined) delete syntheses[e.theme];
    else syntheses[e.theme] = e.text;
    s.summaryEdits = { ...s.summaryEdits, syntheses };
  },
  noteCorrected(s, e) {
    const corrections = { ...s.summaryEdits.corrections };
    if (e.text === null || e.text === undefined) delete corrections[e.note];
    else corrections[e.note] = e.text;
    s.summaryEdits = { ...s.summaryEdits, corrections };
  },
  themeDeleted(s, e) {
    removeTheme(s, e.theme);
  },
  spotlightSet(s, e) {
    s.spotlight = e.spotlight ?? null;
  },
  joinShown(s, e) {
    s.joinOnWall = !!e.shown;
  },
  // Console only (other screens get a bare "proposal" event and skip it).
  proposalOffered(s, e) {
    s.proposals = { ...s.proposals, [e.kind]: e.proposal };
  },
  proposalResolved(s, e) {
    s.proposals = withoutKey(s.proposals, e.kind);
  },
  championSigned(s, e) {
    if (!s.champions.some((c) => c.participant === e.participant && c.theme === e.theme)) {
      s.champions.push({ participant: e.participant, theme: e.theme });
    }
  },
  championWithdrawn(s, e) {
    s.champions = s.champions.filter((c) => !(c.participant === e.participant && c.theme === e.theme));
  },
  nominated(s, e) {
    const i = s.nominations.findIndex((n) => n.id === e.nomination.id);
    if (i >= 0) s.nominations[i] = e.nomination;
    else s.nominations.push(e.nomination);
  },
  nominationWithdrawn(s, e) {
    s.nominations = withoutId(s.nominations, e.nomination);
  },
  nextStepsSet(s, e) {
    s.nextSteps = e.nextSteps || emptyNextSteps();
  },
};

/** Its own notes the facilitator hid, from a phone's welcome (`yourHiddenNotes`): kept, marked,
 *  each in its place in time (the phone lists "Your notes" newest first). */
export function keepOwnHidden(s, notes) {
  for (const n of Array.isArray(notes) ? notes : []) {
    if (n && typeof n.id === 'string' && !byId(s.notes, n.id)) insertByTime(s.notes, { ...n, hidden: true });
  }
}

// A note shown again goes back to where it was posted, so lists keep their order.
function insertByTime(notes, note) {
  let i = notes.length;
  while (i > 0 && (notes[i - 1].at ?? 0) > (note.at ?? 0)) i--;
  notes.splice(i, 0, note);
}

// ---- Read helpers shared by the screens ----

/** The facilitator's other next steps, one a line, without the bullets or numbers they were
 *  typed with ("- Send invitations", "2) Share the summary"): each screen lists them its way,
 *  as the summary numbers them (`SummaryWording.otherSteps` on the server). */
export function otherNextSteps(text) {
  return String(text || '').split('\n').map((line) => line.trim()
    .replace(/^[-–—•*·]\s*/u, '')
    .replace(/^\d{1,2}[.)](?=\s|$)\s*/u, '')).filter(Boolean);
}

/** The kind of note the room posts in a phase, or null (as `Phase.noteKind` on the server). */
export function phaseKind(phase) {
  if (phase === 'opportunities') return 'opportunity';
  if (phase === 'requirements') return 'requirement';
  return null;
}

export function themesOfKind(state, kind) {
  return state.themes.filter((t) => t.kind === kind);
}

/** The strategy areas people may sign up for, as the wall and phones list them: a requirement
 * theme with a note shown, one the facilitator named or locked, or one the room has already backed
 * (champions, supporters, people to invite). Not an automatic theme whose only notes were
 * hidden: the board leaves that column out, and in a walk-through it came back in the
 * commitments as "Re wages · 0 notes · I'll champion this". */
export function strategyAreas(state) {
  return themesOfKind(state, 'requirement').filter((t) => t.labelByHand || t.locked
    || state.notes.some((n) => n.theme === t.id && !n.hidden)
    || state.champions.some((c) => c.theme === t.id)
    || state.nominations.some((n) => n.theme === t.id));
}

/** The opportunity themes the room sees (a note shown, or named by the facilitator), in the
 *  board's order: what "these opportunities" means once the room posts requirements, when the
 *  opportunities' board is no longer on the wall or the phones. */
export function opportunitiesSeen(state) {
  return themesOfKind(state, 'opportunity').filter((t) => t.labelByHand || state.notes.some((n) => n.theme === t.id && !n.hidden));
}

export function notesOfKind(state, kind) {
  return state.notes.filter((n) => n.kind === kind);
}

export function participant(state, id) {
  return state.participants.find((p) => p.id === id) || null;
}

/** Participants championing a theme, in sign-up order. */
/** Everyone who signed up for a strategy area, in the order they did. */
export function signedUpFor(state, themeId) {
  return state.champions
    .filter((c) => c.theme === themeId)
    .map((c) => participant(state, c.participant))
    .filter(Boolean);
}

/** The employers driving a strategy area: the workbook's champions. An area is a priority
 * only with one (the partnership is employer-led). */
export function championsOf(state, themeId) {
  return signedUpFor(state, themeId).filter((p) => p.role === 'employer');
}

/** The community partners who signed up to support a strategy area. */
export function supportersOf(state, themeId) {
  return signedUpFor(state, themeId).filter((p) => p.role === 'partner');
}

/** Who wrote a note: the participant, or the person the facilitator typed it for. */
export function authorOf(state, note) {
  if (note.author) {
    const p = participant(state, note.author);
    if (p) return { name: p.name, organization: p.organization, role: p.role };
  }
  if (note.scribed) return note.scribed;
  return { name: '', organization: '', role: note.role || 'employer' };
}

/** Whether this participant may post notes now (phase open, and role allowed). */
export function mayPost(state, you) {
  return !!phaseKind(state.phase) && postsInThisMeeting(state, you);
}

/** Whether `you` posts notes in this meeting at all (employers; everyone when the facilitator allows it). */
export function postsInThisMeeting(state, you) {
  return !!you && (you.role === 'employer' || !!state.meeting?.settings?.everyoneMayPost);
}

/** The phases' questions as the server words them by default (Sources/ConveneCore/Phase.swift). */
export const DEFAULT_QUESTIONS = {
  welcome: "Welcome! Join with your name and organization — we'll start shortly.",
  opportunities: 'What are the big opportunities for our industry in our region?',
  requirements: 'What must we collectively tackle to seize these opportunities?',
  commitments: 'Which strategy areas will you champion? Who else should be involved?',
  'wrap-up': "Next steps: champions' call within 30 days, next meeting within 60 days.",
  closed: 'Thank you! The meeting summary will follow.',
};

/** The closed wall's default words once the summary has gone out by e-mail (to those who asked:
 *  a walk-through's wall said "has been sent" to a room where some had given no address). */
export const SUMMARY_SENT = 'Thank you! The meeting summary has gone out by e-mail to everyone who asked for it.';

/**
 * The people behind the attendee records: one person who joined from two devices (the same
 * name, organization and role, case and spacing aside) counts once, as in the summary
 * (MeetingSummary.onePerPerson, which also keeps apart two records with different e-mail
 * addresses — the wall does not see addresses).
 */
export function distinctPeople(participants) {
  const words = (s) => s.toLowerCase().split(/\s+/).filter(Boolean).join(' ');
  const seen = new Set();
  return participants.filter((p) => {
    const key = `${words(p.name)}\n${words(p.organization)}\n${p.role}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Whether the facilitator has recorded a date for the champions' call or the next meeting. */
export function nextStepsDated(state) {
  return !!(state.nextSteps?.championsCall?.date || state.nextSteps?.nextMeeting?.date);
}

export const PHASES = ['welcome', 'opportunities', 'requirements', 'commitments', 'wrap-up', 'closed'];

export const PHASE_NAMES = {
  welcome: 'Welcome',
  opportunities: 'Opportunities',
  requirements: 'Requirements',
  commitments: 'Commitments',
  'wrap-up': 'Wrap-up',
  closed: 'Closed',
};
