// The words of the pages people open on their own phones (the join page and the phone page),
// in English and in Spanish. Launch meetings in border and farm regions have employers who
// write their notes in Spanish (two of the shared meeting walls are a fifth Spanish); their
// phones should speak to them the same way.
//
// The language is, in order: the one chosen on the page (the "Español" / "English" switch,
// remembered on the phone), a `?lang=` in the link (a convener can hand out a Spanish link),
// or the phone's own language settings. The console and the wall stay in English: the
// facilitator's screens are one person's, and the wall shows the notes as people wrote them.
// What people wrote (notes, theme titles, the facilitator's question if they changed it) is
// never translated.

import { storage } from './storage.js';
import { PHASE_NAMES, DEFAULT_QUESTIONS } from './meeting-state.js';
import { ROLE_NAMES } from './dom.js';

/** The languages offered, each named in itself (what the switch shows). */
export const LANGUAGES = { en: 'English', es: 'Español' };
const STORAGE_KEY = 'convene.language';

/**
 * The language to speak: `?lang=` in the link (then remembered, so the join page's choice
 * carries to the phone page), else a choice made on this phone, else the first of the
 * browser's preferred languages that we have (by its first part: "es-MX" is Spanish).
 */
export function chooseLanguage(search = globalThis.location?.search ?? '', preferred = globalThis.navigator?.languages ?? []) {
  const asked = new URLSearchParams(search).get('lang')?.toLowerCase().split('-')[0];
  if (asked && LANGUAGES[asked]) {
    storage.set(STORAGE_KEY, asked);
    return asked;
  }
  const saved = storage.get(STORAGE_KEY);
  if (saved && LANGUAGES[saved]) return saved;
  for (const tag of preferred) {
    const base = String(tag).toLowerCase().split('-')[0];
    if (LANGUAGES[base]) return base;
  }
  return 'en';
}

export let language = chooseLanguage();

/**
 * The locale dates are written in: the phone's own Spanish ("es-MX") when it has one, else
 * the United States' ("es-US": "3:00 p.m."); English as in the rest of the product.
 */
export function dateLocale(preferred = globalThis.navigator?.languages ?? []) {
  if (language !== 'es') return 'en';
  return preferred.find((tag) => String(tag).toLowerCase().startsWith('es-')) ?? 'es-US';
}

/** Switches the page's language and remembers the choice on this phone. */
export function setLanguage(lang) {
  if (!LANGUAGES[lang]) return;
  language = lang;
  storage.set(STORAGE_KEY, lang);
  document.documentElement.lang = lang;
}

/** The words for `key` in the page's language (a function of `args` for sentences with parts). */
export function t(key, ...args) {
  const entry = WORDS[language]?.[key] ?? WORDS.en[key];
  if (entry === undefined) return key;
  return typeof entry === 'function' ? entry(...args) : entry;
}

/** Fills every element marked `data-t="key"` with its words, and the page's `lang`. */
export function translatePage(root = document) {
  document.documentElement.lang = language;
  for (const el of root.querySelectorAll('[data-t]')) el.textContent = t(el.dataset.t);
}

/**
 * A switch to the other language, in that language's own words ("Español" on an English
 * page). `onSwitch` redraws what the page draws itself.
 */
export function languageSwitch(button, onSwitch) {
  const draw = () => {
    const other = language === 'es' ? 'en' : 'es';
    button.textContent = LANGUAGES[other];
    button.lang = other; // read out in its own language
  };
  button.addEventListener('click', () => {
    setLanguage(language === 'es' ? 'en' : 'es');
    translatePage();
    draw();
    onSwitch?.();
  });
  draw();
}

/**
 * The server's error in the page's language. The server speaks English; in Spanish the phone
 * says what the error's code means, and keeps the server's own sentence where it carries a
 * detail people need (which value is wrong, how long to wait).
 */
export function errorMessage(err) {
  if (language === 'en' || !err?.code) return err?.message ?? String(err);
  const said = ERRORS_ES[err.code];
  if (!said) return err.message;
  return DETAILED_CODES.has(err.code) && err.message ? `${said} (${err.message})` : said;
}

const DETAILED_CODES = new Set(['invalid', 'limit_reached', 'too_many_attempts', 'not_allowed']);

const ERRORS_ES = {
  rate_limited: 'Demasiados mensajes seguidos. Espere un momento y vuelva a intentarlo.',
  phase_closed: 'Eso no se puede hacer en esta fase de la reunión.',
  not_allowed: 'Eso no está permitido en esta reunión.',
  not_found: 'Esa nota o área de estrategia ya no existe.',
  invalid: 'Algo de lo que escribió no es válido.',
  conflict: 'Eso ya está registrado.',
  limit_reached: 'Se alcanzó un límite de la reunión.',
  storage_failed: 'No se pudo guardar su cambio. Vuelva a intentarlo.',
  busy: 'El servidor está ocupado. Vuelva a intentarlo en un momento.',
  unknown_meeting: 'No hay ninguna reunión con ese código. Revise el código que aparece en la pantalla.',
  too_many_attempts: 'Demasiados intentos desde esta red. Espere un poco antes de volver a intentarlo.',
  forbidden: 'No puede hacer eso desde este teléfono.',
  not_joined: 'Primero únase a la reunión.',
  offline: 'No hay conexión en este momento. Vuelva a intentarlo cuando regrese la conexión.',
  timeout: 'El servidor no respondió a tiempo. Vuelva a intentarlo.',
  disconnected: 'Se perdió la conexión antes de que el servidor respondiera.',
  bad_key: 'Ese enlace ya no es válido. Pida el enlace de nuevo al facilitador.',
  bad_message: 'El teléfono envió algo que el servidor no entendió. Vuelva a cargar la página.',
  bad_json: 'El teléfono envió algo que el servidor no entendió. Vuelva a cargar la página.',
  unknown_type: 'Esta página es más reciente o más antigua que el servidor. Vuelva a cargarla.',
  not_ready: 'La conexión aún no está lista. Vuelva a intentarlo en un momento.',
};

/**
 * The phase's question in the page's language. Today the server always asks its default
 * question; should a meeting ever ask its own, it is shown as written, never replaced.
 * `dated`: the facilitator has recorded the next steps' dates (the wrap-up's rule of thumb,
 * "within 30 days", would sit above the real dates). `summarySent`: the summary has reached
 * this person by e-mail.
 */
export function questionFor(phase, question, role, dated = false, summarySent = false) {
  if (question !== DEFAULT_QUESTIONS[phase]) return question;
  // Once the summary has gone out, "it will follow" is no longer true.
  if (phase === 'closed' && summarySent) return t('question.closed.sent');
  // Not sent yet: the line under the thanks says how the summary comes (by e-mail, or from
  // the organizers); the thanks does not say it first (a walk-through's phone said it twice).
  if (phase === 'closed') return t('question.closed.thanks');
  // A community partner supports strategy areas; only employers champion them.
  if (phase === 'commitments' && role === 'partner') return t('question.commitments.partner');
  if (phase === 'wrap-up' && dated) return t('question.wrap-up.dated');
  return language === 'en' ? question : t(`question.${phase}`);
}

const count = (n, one, many) => `${n} ${n === 1 ? one : many}`;
/** A sentence's full stop, unless it already ends on one ("… 3:00 p.m." in Spanish). */
const ended = (sentence) => (sentence.endsWith('.') ? sentence : `${sentence}.`);

const WORDS = {
  en: {
    'page.title': 'Convene — launch meeting',
    'join.page.title': 'Convene — join a meeting',
    'join.code.lead': 'Type the join code shown on the wall.',
    'join.code.label': 'Join code',
    'join.code.continue': 'Continue',
    'join.code.bad': 'Please type the six-character code shown on the wall.',
    'join.code.facilitator': 'Running the meeting?',
    'join.code.facilitator.link': 'Start or open a meeting',
    'status.connecting': 'Connecting…',
    'status.connected': 'Connected',
    'status.sending': (n) => `Connected. Sending ${count(n, 'note', 'notes')}…`,
    'status.reconnecting': 'Reconnecting…',
    'status.queued': (n) => ` ${n === 1 ? '1 note is' : `${n} notes are`} saved on this phone and will be sent.`,
    'status.refused': 'Not connected',
    'refused.heading': 'Cannot open this meeting',
    'refused.again': 'Type the join code again',
    loading: 'Connecting to the meeting…',
    'join.heading': 'Join the meeting',
    'join.name': 'Your name',
    'join.organization': 'Your organization',
    'join.role': 'I am here as',
    'join.role.employer': 'an employer',
    'join.role.partner': 'a community partner',
    'join.role.partner.hint': '(college, workforce board, economic development…)',
    'join.email': 'E-mail',
    optional: '(optional)',
    'join.consent': 'Send me the meeting summary',
    'join.consent.hint': 'Add your e-mail above so we can send it.',
    'join.submit': 'Join',
    'join.error.name': 'Please type your name.',
    'join.error.organization': 'Please type your organization.',
    'join.error.email': 'That e-mail address does not look right.',
    'note.label.opportunity': 'Your opportunity',
    'note.label.requirement': 'Your requirement',
    'note.post.opportunity': 'Post opportunity',
    'note.post.requirement': 'Post requirement',
    'note.otherRound': (was, now) => `You started this note while the room posted ${was}. It now posts ${now}: post it if it is one, or change it.`,
    'round.opportunity': 'opportunities',
    'round.requirement': 'requirements',
    'note.hint': 'One idea per note, in a few words. You can post several.',
    'note.counter.over': (over, limit) => `${count(over, 'character', 'characters')} too long (${limit} at most)`,
    'note.empty': 'Write your note first.',
    'note.tooLong': (counter) => `Your note is ${counter}: please shorten it.`,
    'note.savedOffline': 'Saved on this phone. It will be sent when the connection is back.',
    'note.refusedBanner': 'A note you wrote could not be posted: see “Your notes” below. Its text is kept there for you.',
    'question.commitments.partner': 'Which strategy areas will you support? Who else should be involved?',
    'question.wrap-up.dated': 'Here is what happens next.',
    'question.closed.sent': 'Thank you! The meeting summary has been sent by e-mail.',
    'question.closed.thanks': 'Thank you for taking part!',
    recap: (list) => `Our opportunities: ${list}`,
    'join.closedHeading': 'This meeting has ended',
    'join.shutHeading': 'Joining is closed',
    'join.shut': 'The facilitator has closed joining for this meeting. If you should be in it, ask them to open it again or to add you.',
    'join.closed': (next) => `Joining is closed now. The organizers will share the meeting summary.\n${next}`,
    'closed.yours': (areas) => `You signed up to champion ${areas}.`,
    'word.and': () => 'and',
    'closed.yours.partner': (areas) => `You offered to support ${areas}.`,
    'closed.partners': 'In this meeting only employers post notes. Community partners listen, and can sign up to support strategy areas in the commitments phase.',
    'closed.welcome': 'Posting opens when the facilitator starts the opportunities round.',
    'closed.welcome.partner': 'In this meeting employers post the notes; follow along here, and sign up to support strategy areas in the commitments phase.',
    'closed.commitments': 'Posting is closed. Sign up below to champion strategy areas.',
    'closed.commitments.partner': 'Posting is closed. Sign up below to support strategy areas.',
    'closed.wrap-up': (next) => `Posting is closed. Thank you for your notes!\n${next}`,
    'closed.wrap-up.partner': (next) => `Posting is closed. Thank you for joining us!\n${next}`,
    'closed.closed': (summary, next) => `The meeting is closed. ${summary}\n${next}`,
    'closed.summary.mail': 'The meeting summary will come to your e-mail.',
    'closed.summary.ask': 'The organizers will share the meeting summary.',
    'note.roundOver': 'This round is over, so your note stays as the room saw it. Ask the facilitator if it needs correcting.',
    'closed.other': 'Posting is closed right now.',
    'welcome.joined': (name) => `You're in, ${name}! We'll start shortly.`,
    'next.call': (when, host) => ended(`The champions' call${when ? ` is on ${when}` : ' date is to be set'}${host ? `, hosted by ${host}` : ''}`),
    'next.meeting': (when) => ended(`The next meeting is on ${when}`),
    'next.steps': (parts) => `Next steps:\n${parts}`,
    'next.later': 'The next steps will come with the summary.',
    'areas.heading': 'Strategy areas',
    'areas.hint.employer': 'Sign up as a champion for any areas you will help drive. You can choose more than one.',
    'areas.hint.partner': 'Employers champion the strategy areas; sign up to support the ones your organization will help with. You can choose more than one.',
    'areas.empty': 'No strategy areas yet.',
    'areas.champions': (names) => `Champions: ${names}`,
    'areas.noChampion': 'No champion yet',
    'areas.notPriority': 'Not a priority right now',
    'areas.notes': (n) => `What's in it (${n} ${n === 1 ? 'note' : 'notes'})`,
    'areas.supporters': (names) => `Supported by: ${names}`,
    'areas.youSupport': 'You support this area. Press again to take it back.',
    'areas.youChampion': 'You are a champion of this area. Press again to take it back.',
    'areas.support': "I'll support this",
    'areas.champion': "I'll champion this",
    'nominate.heading': 'Who else should be involved?',
    'nominate.hint': 'Name peers or companies who are not in the room.',
    'nominate.name': 'Their name',
    'nominate.organization': 'Their organization',
    'nominate.contact': 'How to reach them',
    'nominate.area': 'Strategy area',
    'nominate.whole': 'The partnership as a whole',
    'nominate.submit': 'Add this person',
    'nominate.error': 'Please give their name and organization.',
    'nominate.yours': 'People you named',
    'nominate.for': (area) => `for ${area}`,
    'nominate.forWhole': 'for the partnership',
    remove: 'Remove',
    'notes.heading': 'Your notes',
    'notes.empty': 'You have not posted any notes yet.',
    'badge.pending': 'Pending',
    'badge.edited': 'Edited',
    'badge.rejected': 'Not posted',
    'note.edit': 'Edit',
    'note.withdraw': 'Withdraw',
    'note.dontSend': "Don't send",
    'note.dismiss': 'Dismiss',
    'note.editLabel': 'Edit your note',
    save: 'Save',
    cancel: 'Cancel',
    'note.cannotBeEmpty': 'A note cannot be empty. Withdraw it instead.',
    'note.withdrawAsk': 'Withdraw this note? It will disappear from the wall.',
    'note.withdrawYes': 'Yes, withdraw',
    'note.keep': 'Keep it',
    'kind.opportunity': 'Opportunity',
    'kind.requirement': 'Requirement',
    'where.hidden': 'Hidden from the wall by the facilitator',
    'where.theme': (label) => `On the wall under “${label}”`,
    'where.unsorted': 'On the wall, not in a theme yet',
    'where.parked': 'On the wall, not in a theme',
    // The names the console and the wall use too.
    ...Object.fromEntries(Object.entries(PHASE_NAMES).map(([phase, name]) => [`phase.${phase}`, name])),
    ...Object.fromEntries(Object.entries(ROLE_NAMES).map(([role, name]) => [`role.${role}`, name])),
  },
  es: {
    'page.title': 'Convene — reunión de lanzamiento',
    'join.page.title': 'Convene — unirse a una reunión',
    'join.code.lead': 'Escriba el código que aparece en la pantalla.',
    'join.code.label': 'Código de la reunión',
    'join.code.continue': 'Continuar',
    'join.code.bad': 'Escriba el código de seis caracteres que aparece en la pantalla.',
    'join.code.facilitator': '¿Dirige la reunión?',
    'join.code.facilitator.link': 'Inicie o abra una reunión',
    'status.connecting': 'Conectando…',
    'status.connected': 'Conectado',
    'status.sending': (n) => `Conectado. Enviando ${count(n, 'nota', 'notas')}…`,
    'status.reconnecting': 'Reconectando…',
    'status.queued': (n) => ` ${n === 1 ? '1 nota está guardada' : `${n} notas están guardadas`} en este teléfono y se ${n === 1 ? 'enviará' : 'enviarán'}.`,
    'status.refused': 'Sin conexión',
    'refused.heading': 'No se puede abrir esta reunión',
    'refused.again': 'Escriba de nuevo el código de la reunión',
    loading: 'Conectando con la reunión…',
    'join.heading': 'Unirse a la reunión',
    'join.name': 'Su nombre',
    'join.organization': 'Su organización',
    'join.role': 'Participo como',
    'join.role.employer': 'empleador',
    'join.role.partner': 'aliado de la comunidad',
    'join.role.partner.hint': '(colegio comunitario, junta de desarrollo laboral, desarrollo económico…)',
    'join.email': 'Correo electrónico',
    optional: '(opcional)',
    'join.consent': 'Envíenme el resumen de la reunión',
    'join.consent.hint': 'Escriba su correo arriba para que podamos enviárselo.',
    'join.submit': 'Unirse',
    'join.error.name': 'Escriba su nombre, por favor.',
    'join.error.organization': 'Escriba su organización, por favor.',
    'join.error.email': 'Esa dirección de correo no parece correcta.',
    'note.label.opportunity': 'Su oportunidad',
    'note.label.requirement': 'Su requisito',
    'note.post.opportunity': 'Publicar oportunidad',
    'note.post.requirement': 'Publicar requisito',
    'note.otherRound': (was, now) => `Empezó esta nota cuando la sala publicaba ${was}. Ahora publica ${now}: publíquela si corresponde, o cámbiela.`,
    'round.opportunity': 'oportunidades',
    'round.requirement': 'requisitos',
    'note.hint': 'Una idea por nota, en pocas palabras. Puede publicar varias.',
    'note.counter.over': (over, limit) => `${count(over, 'carácter', 'caracteres')} de más (${limit} como máximo)`,
    'note.empty': 'Escriba primero su nota.',
    'note.tooLong': (counter) => `Su nota tiene ${counter}: acórtela, por favor.`,
    'note.savedOffline': 'Guardada en este teléfono. Se enviará cuando vuelva la conexión.',
    'note.refusedBanner': 'Una nota suya no se pudo publicar: vea “Sus notas” más abajo. Allí se guarda su texto.',
    'question.commitments.partner': '¿Qué áreas de estrategia va a apoyar? ¿Quién más debería participar?',
    'question.wrap-up.dated': 'Esto es lo que sigue.',
    'question.closed.sent': '¡Gracias! El resumen de la reunión se envió por correo electrónico.',
    'question.closed.thanks': '¡Gracias por participar!',
    recap: (list) => `Nuestras oportunidades: ${list}`,
    'join.closedHeading': 'Esta reunión ha terminado',
    'join.shutHeading': 'Ya no es posible unirse',
    'join.shut': 'El facilitador cerró la inscripción a esta reunión. Si debe participar, pídale que la abra de nuevo o que lo agregue.',
    'join.closed': (next) => `Ya no es posible unirse. Los organizadores compartirán el resumen de la reunión.\n${next}`,
    'closed.yours': (areas) => `Usted se inscribió como líder de ${areas}.`,
    // "e" before a word sounding /i/ (“Infraestructura”, “Hidráulica”), not before “hie…” (“Hierro”).
    'word.and': (next) => (/^[“"]?h?i(?![aeiouáéíóú])/i.test(next || '') ? 'e' : 'y'),
    'closed.yours.partner': (areas) => `Usted se ofreció a apoyar ${areas}.`,
    'closed.partners': 'En esta reunión solo los empleadores publican notas. Los aliados de la comunidad escuchan y pueden apoyar áreas de estrategia en la fase de compromisos.',
    'closed.welcome': 'Podrá publicar cuando el facilitador abra la ronda de oportunidades.',
    'closed.welcome.partner': 'En esta reunión los empleadores publican las notas; siga la reunión aquí e inscríbase para apoyar áreas de estrategia en la fase de compromisos.',
    'closed.commitments': 'Ya no se publican notas. Inscríbase abajo como líder de las áreas de estrategia.',
    'closed.commitments.partner': 'Ya no se publican notas. Inscríbase abajo para apoyar áreas de estrategia.',
    'closed.wrap-up': (next) => `Ya no se publican notas. ¡Gracias por sus notas!\n${next}`,
    'closed.wrap-up.partner': (next) => `Ya no se publican notas. ¡Gracias por acompañarnos!\n${next}`,
    'closed.closed': (summary, next) => `La reunión ha terminado. ${summary}\n${next}`,
    'closed.summary.mail': 'Recibirá el resumen de la reunión por correo electrónico.',
    'closed.summary.ask': 'Los organizadores compartirán el resumen de la reunión.',
    'note.roundOver': 'Esta ronda ha terminado, así que su nota queda como la vio la sala. Pida al facilitador que la corrija si hace falta.',
    'closed.other': 'Ahora no se pueden publicar notas.',
    'welcome.joined': (name) => `¡Ya está dentro, ${name}! Empezaremos en breve.`,
    'next.call': (when, host) => ended(when
      ? `La llamada de los líderes será el ${when}${host ? `; la organiza ${host}` : ''}`
      : `La fecha de la llamada de los líderes está por definir${host ? `; la organiza ${host}` : ''}`),
    'next.meeting': (when) => ended(`La próxima reunión será el ${when}`),
    'next.steps': (parts) => `Próximos pasos:\n${parts}`,
    'next.later': 'Los próximos pasos llegarán con el resumen.',
    'areas.heading': 'Áreas de estrategia',
    'areas.hint.employer': 'Inscríbase como líder de las áreas que ayudará a impulsar. Puede elegir más de una.',
    'areas.hint.partner': 'Los empleadores lideran las áreas de estrategia; inscríbase para apoyar las que su organización ayudará a impulsar. Puede elegir más de una.',
    'areas.empty': 'Aún no hay áreas de estrategia.',
    'areas.champions': (names) => `Líderes: ${names}`,
    'areas.noChampion': 'Aún sin líder',
    'areas.notPriority': 'No es una prioridad por ahora',
    'areas.notes': (n) => `Qué incluye (${n} ${n === 1 ? 'nota' : 'notas'})`,
    'areas.supporters': (names) => `Con el apoyo de: ${names}`,
    'areas.youSupport': 'Usted apoya esta área. Toque de nuevo para cancelar.',
    'areas.youChampion': 'Usted es líder de esta área. Toque de nuevo para cancelar.',
    'areas.support': 'Daré mi apoyo',
    'areas.champion': 'Seré líder',
    'nominate.heading': '¿Quién más debería participar?',
    'nominate.hint': 'Nombre a colegas o empresas que no están en la sala.',
    'nominate.name': 'Nombre',
    'nominate.organization': 'Organización',
    'nominate.contact': 'Datos de contacto',
    'nominate.area': 'Área de estrategia',
    'nominate.whole': 'La alianza en general',
    'nominate.submit': 'Agregar a esta persona',
    'nominate.error': 'Indique el nombre y la organización de esa persona, por favor.',
    'nominate.yours': 'Personas que usted nombró',
    'nominate.for': (area) => `para ${area}`,
    'nominate.forWhole': 'para la alianza',
    remove: 'Quitar',
    'notes.heading': 'Sus notas',
    'notes.empty': 'Aún no ha publicado ninguna nota.',
    'badge.pending': 'Pendiente',
    'badge.edited': 'Editada',
    'badge.rejected': 'No publicada',
    'note.edit': 'Editar',
    'note.withdraw': 'Retirar',
    'note.dontSend': 'No enviar',
    'note.dismiss': 'Descartar',
    'note.editLabel': 'Editar su nota',
    save: 'Guardar',
    cancel: 'Cancelar',
    'note.cannotBeEmpty': 'Una nota no puede quedar vacía. Si ya no la quiere, retírela.',
    'note.withdrawAsk': '¿Retirar esta nota? Desaparecerá de la pantalla.',
    'note.withdrawYes': 'Sí, retirar',
    'note.keep': 'Conservarla',
    'kind.opportunity': 'Oportunidad',
    'kind.requirement': 'Requisito',
    'where.hidden': 'El facilitador la ocultó de la pantalla',
    'where.theme': (label) => `En la pantalla, en el tema “${label}”`,
    'where.unsorted': 'En la pantalla, aún sin tema',
    'where.parked': 'En la pantalla, sin tema',
    'phase.welcome': 'Bienvenida',
    'phase.opportunities': 'Oportunidades',
    'phase.requirements': 'Requisitos',
    'phase.commitments': 'Compromisos',
    'phase.wrap-up': 'Cierre',
    'phase.closed': 'Terminada',
    'role.employer': 'Empleador',
    'role.partner': 'Aliado de la comunidad',
    'question.welcome': '¡Le damos la bienvenida! Únase con su nombre y organización; empezamos en breve.',
    'question.opportunities': '¿Cuáles son las grandes oportunidades para nuestra industria en nuestra región?',
    'question.requirements': '¿Qué debemos abordar juntos para aprovechar estas oportunidades?',
    'question.commitments': '¿Qué áreas de estrategia va a liderar? ¿Quién más debería participar?',
    'question.wrap-up': 'Próximos pasos: llamada de los líderes en 30 días, próxima reunión en 60 días.',
    'question.closed': '¡Gracias! Pronto recibirá el resumen de la reunión.',
  },
};
