// The phase timer: the phase's time box counted from when the facilitator started it, on
// the server's clock (client.js corrects for this device's clock), so the wall, the console
// and the phones agree.

/** Milliseconds left in the phase (negative once over time), or null when there is no time box. */
export function remainingMs(state, serverNow) {
  if (!state || state.phase === 'closed' || !state.phaseMinutes) return null;
  return state.phaseStartedAt + state.phaseMinutes * 60_000 - serverNow;
}

/** "12:05" while time is left; "+1:30" for time over. */
export function formatRemaining(ms) {
  if (ms === null) return '';
  const over = ms < 0;
  // Round up while counting down so "0:00" shows exactly when time is up.
  const total = over ? Math.floor(-ms / 1000) : Math.ceil(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  const clock = h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
  return over ? `+${clock}` : clock;
}

/** Words for screen readers and titles: "12 minutes left", "3 minutes over time". */
export function describeRemaining(ms) {
  if (ms === null) return '';
  // Whole minutes gone by, as the clock beside it counts them (44:20 is "44 minutes left").
  if (Math.abs(ms) < 60_000) return ms >= 0 ? 'less than a minute left' : 'less than a minute over time';
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  const unit = minutes === 1 ? 'minute' : 'minutes';
  return ms >= 0 ? `${minutes} ${unit} left` : `${minutes} ${unit} over time`;
}

/** Calls `tick()` every second, aligned to the second so the display changes evenly. */
export function everySecond(tick) {
  tick();
  const loop = () => {
    tick();
    setTimeout(loop, 1000 - (Date.now() % 1000) + 5);
  };
  setTimeout(loop, 1000 - (Date.now() % 1000) + 5);
}
