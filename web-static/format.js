// How dates typed by the facilitator ("YYYY-MM-DD" or "YYYY-MM-DDTHH:MM") are shown.
// They are wall-clock times at the venue, so they are read as local times, never as UTC.

/**
 * "Thursday, January 21, 2027, 3:00 PM", or the text as given if it is not such a date.
 * `locale`: the language to write it in ("es": "jueves, 21 de enero de 2027, 15:00").
 */
export function formatWhen(value, locale = 'en') {
  if (!value) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(value);
  if (!m) return value;
  const [, y, mo, d, hh, mm] = m;
  const date = new Date(Number(y), Number(mo) - 1, Number(d), Number(hh ?? 0), Number(mm ?? 0));
  const options = { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' };
  if (hh !== undefined) Object.assign(options, { hour: 'numeric', minute: '2-digit' });
  try {
    // In English "3:00 p.m.", as the summary and the e-mail write it (the wall read "3:00 PM").
    return new Intl.DateTimeFormat(locale, options).formatToParts(date)
      .map((p) => (p.type === 'dayPeriod' && locale.startsWith('en') ? (/^p/i.test(p.value) ? 'p.m.' : 'a.m.') : p.value)).join('');
  } catch {
    return value;
  }
}
