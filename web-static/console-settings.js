// Settings in the console: who may post, whether joining is open, how many may join, and
// the meeting's description and time boxes. Fields being edited are never overwritten by a
// change arriving from the server; saving sends only what the form holds.
import { $ } from './dom.js';
import { addTimeboxInputs, readTimeboxes } from './meeting-form.js';

let limitDirty = false;
let meetingFormDirty = false;

export function setupSettings({ run, say }) {
  $('everyone-may-post').addEventListener('change', async () => {
    const box = $('everyone-may-post');
    const wanted = box.checked;
    const ok = await run({ type: 'updateMeeting', everyoneMayPost: wanted },
      wanted ? 'Community partners may now post notes.' : 'Only employers post notes now.');
    if (!ok) box.checked = !wanted;
  });

  $('joining-open').addEventListener('change', async () => {
    const box = $('joining-open');
    const open = box.checked;
    if (!(await run({ type: 'updateMeeting', joiningOpen: open }, open ? 'Joining is open again.' : 'Joining is closed: nobody else can join with the code.'))) box.checked = !open;
  });
  $('participant-limit').addEventListener('input', () => { limitDirty = true; });
  $('participant-limit-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const n = Number($('participant-limit').value);
    if (!Number.isInteger(n) || n < 1 || n > 500) return say('The limit is 1 to 500 people.');
    if (await run({ type: 'updateMeeting', participantLimit: n }, `At most ${n} people may join.`)) limitDirty = false;
  });

  // The meeting's description and time boxes. Fields being edited are never overwritten by
  // a change arriving from the server; saving sends only what the form holds.
  addTimeboxInputs($('meeting-timeboxes'), 'minutes-');
  $('meeting-form').addEventListener('input', () => { meetingFormDirty = true; });
  $('meeting-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const command = {
      type: 'updateMeeting',
      title: $('meeting-title-input').value, industry: $('meeting-industry').value, region: $('meeting-region').value,
      date: $('meeting-day').value || null, place: $('meeting-place').value.trim() ? $('meeting-place').value : null,
      chairs: $('meeting-chairs').value.split('\n').map((c) => c.trim()).filter(Boolean),
      targetThemes: Number($('meeting-target').value),
    };
    if (!command.title.trim() || !command.industry.trim() || !command.region.trim()) {
      return say('A meeting needs a title, an industry and a region.');
    }
    if (!Number.isInteger(command.targetThemes) || command.targetThemes < 3 || command.targetThemes > 8) {
      return say('Aim for 3 to 8 themes (the workbook ends with 4 or 5).');
    }
    command.timeboxes = readTimeboxes($('meeting-timeboxes'));
    if (!command.timeboxes) return say('Each phase gets 1 to 240 minutes.');
    if (await run(command, 'Settings saved.')) meetingFormDirty = false;
  });
}

export function renderSettings(state) {
  $('everyone-may-post').checked = !!state.meeting?.settings?.everyoneMayPost;
  $('joining-open').checked = state.meeting?.settings?.joiningOpen !== false;
  if (!limitDirty && document.activeElement !== $('participant-limit')) $('participant-limit').value = String(state.meeting?.settings?.participantLimit ?? 500);
  renderMeetingForm(state);
}

function renderMeetingForm(state) {
  if (meetingFormDirty) return;
  const m = state.meeting || {};
  const settings = m.settings || {};
  $('meeting-title-input').value = m.title || '';
  $('meeting-industry').value = m.industry || '';
  $('meeting-region').value = m.region || '';
  $('meeting-day').value = m.date || '';
  $('meeting-place').value = m.place || '';
  $('meeting-chairs').value = (m.chairs || []).join('\n');
  $('meeting-target').value = String(settings.targetThemes || 5);
  for (const input of $('meeting-timeboxes').querySelectorAll('input')) {
    input.value = String(settings.timeboxes?.[input.dataset.phase] ?? '');
  }
}
