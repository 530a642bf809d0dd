// Next steps in the console: the champions' call and the next meeting (the phones show
// them in wrap-up, the summary lists them). What the facilitator is typing is never
// overwritten by a change arriving from the server.
import { $ } from './dom.js';

let nextStepsDirty = false;

/** "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM" from a date and an optional time input. */
function joinDateTime(date, time) {
  if (!date) return null;
  return time ? `${date}T${time.slice(0, 5)}` : date;
}

export function setupNextSteps({ run, say }) {
  const stepFields = ['call-date', 'call-time', 'call-host', 'meeting-date', 'meeting-time', 'other-steps'];
  for (const id of stepFields) $(id).addEventListener('input', () => { nextStepsDirty = true; });

  $('next-steps-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!$('call-date').value && $('call-time').value) return say("Give a date for the champions' call, or clear its time.");
    if (!$('meeting-date').value && $('meeting-time').value) return say('Give a date for the next meeting, or clear its time.');
    const command = { type: 'setNextSteps' };
    const callDate = joinDateTime($('call-date').value, $('call-time').value);
    const meetingDate = joinDateTime($('meeting-date').value, $('meeting-time').value);
    if (callDate) command.championsCallDate = callDate;
    if ($('call-host').value.trim()) command.championsCallHost = $('call-host').value;
    if (meetingDate) command.nextMeetingDate = meetingDate;
    if ($('other-steps').value.trim()) command.other = $('other-steps').value;
    if (await run(command, 'Next steps saved.')) nextStepsDirty = false;
  });
}

export function renderNextSteps(state) {
  // Never overwrite what the facilitator is typing.
  if (nextStepsDirty) return;
  const ns = state.nextSteps || {};
  const [callDate, callTime] = (ns.championsCall?.date || '').split('T');
  const [meetingDate, meetingTime] = (ns.nextMeeting?.date || '').split('T');
  $('call-date').value = callDate || '';
  $('call-time').value = callTime || '';
  $('call-host').value = ns.championsCall?.host || '';
  $('meeting-date').value = meetingDate || '';
  $('meeting-time').value = meetingTime || '';
  $('other-steps').value = ns.other || '';
}
