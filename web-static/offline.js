// Installs the service worker (sw.js) where the browser allows one: HTTPS or localhost.
// Without it everything works the same, except reloading the page with no network.

export function keepPagesForOffline() {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  navigator.serviceWorker.register('sw.js').catch(() => {
    /* e.g. private browsing: the page works without it */
  });
}
