// The service worker: lets a phone reload the page while the venue Wi-Fi is down, so the
// notes waiting in its outbox stay visible and go out once the network is back.
//
// Network first, always: a page or script is taken from the server whenever the server
// answers, so nobody ever runs a stale page; the copy kept here is used only when the
// request fails. (Not on a mere slow answer: after an upgrade, mixing a new page with an
// old copy of one of its modules would break it.) Only this server's own pages,
// scripts and styles are kept — never the WebSocket, the QR codes or /healthz.
//
// Browsers run service workers only in secure contexts: over HTTPS (see OPERATIONS.md) or
// on localhost. Over plain HTTP on a LAN address the page works the same, without this.

const CACHE = 'convene-pages-v2';
const SHELL = [
  'index.html', 'index.js', 'phone.html', 'phone.js', 'client.js', 'outbox.js', 'meeting-state.js', 'dom.js',
  'storage.js', 'timer.js', 'format.js', 'offline.js', 'phone-words.js', 'style.css', 'favicon.svg',
];

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // One file failing (e.g. the Wi-Fi dropping during install) must not stop the others.
    await Promise.all(SHELL.map((path) => cache.add(new Request(path, { cache: 'reload' })).catch(() => {})));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) if (name !== CACHE) await caches.delete(name);
    await self.clients.claim();
  })());
});

/** Whether a request is one of our static files (a path with no folder, e.g. /phone.js). */
function isPage(url, request) {
  return request.method === 'GET' && url.origin === self.location.origin && /^\/[A-Za-z0-9._-]*$/.test(url.pathname)
    && url.pathname !== '/healthz';
}

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (!isPage(url, event.request)) return;
  event.respondWith(networkFirst(event.request, url));
});

async function networkFirst(request, url) {
  const cache = await caches.open(CACHE);
  // The page's query (?code=…) does not change the file: one copy serves every meeting.
  const key = url.pathname === '/' ? 'index.html' : url.pathname.slice(1);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(key, response.clone());
    return response;
  } catch (err) {
    const kept = await cache.match(key);
    if (kept) return kept;
    throw err;
  }
}
