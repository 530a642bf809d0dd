// The landing page: turns a typed join code into the phone page's link.

import { normalizeCode } from './client.js';
import { keepPagesForOffline } from './offline.js';
import { t, translatePage, languageSwitch } from './phone-words.js';

keepPagesForOffline();
translatePage();
document.title = t('join.page.title');
languageSwitch(document.getElementById('language'), () => {
  document.title = t('join.page.title');
  error.textContent = '';
});

const form = document.getElementById('code-form');
const input = document.getElementById('code');
const error = document.getElementById('code-error');

// A code given in the link (e.g. from a QR code) fills the box.
const given = new URLSearchParams(location.search).get('code');
if (given) input.value = normalizeCode(given);
input.focus();

form.addEventListener('submit', (e) => {
  e.preventDefault();
  const code = normalizeCode(input.value);
  // Codes are six letters and digits; the server says whether one exists.
  if (!/^[A-Z0-9]{4,12}$/.test(code)) {
    error.textContent = t('join.code.bad');
    input.focus();
    return;
  }
  error.textContent = '';
  location.href = `phone.html?code=${encodeURIComponent(code)}`;
});
