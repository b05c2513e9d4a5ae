// The broadcasts page without a reload: every few seconds, the delivery counts and the
// status of each broadcast in the history are read again (GET, the session's cookie) and
// written into their places, which are aria-live regions, so a screen reader hears the
// change. Without this script the page shows the same on a reload. It stops when nothing
// is waiting to be sent, and after a while in any case: every request keeps the session
// alive, and a tab left open must not keep someone signed in for ever.
const EVERY_MS = 4000;
const FOR_AT_MOST_MS = 15 * 60_000;

async function refresh() {
  const res = await fetch('/console/broadcasts/history.json', { credentials: 'same-origin', headers: { accept: 'application/json' } });
  if (!res.ok) return false;
  const { waiting, broadcasts } = await res.json();
  for (const b of broadcasts) {
    const report = document.querySelector(`[data-report="${CSS.escape(b.id)}"]`);
    if (report && report.textContent !== b.report) report.textContent = b.report;
    const status = document.querySelector(`[data-status="${CSS.escape(b.id)}"]`);
    if (status && status.textContent !== b.status) status.textContent = b.status;
  }
  return waiting > 0;
}

if (document.querySelector('[data-report]')) {
  const started = Date.now();
  const timer = setInterval(() => {
    refresh().then(
      (more) => {
        if (!more || Date.now() - started > FOR_AT_MOST_MS) clearInterval(timer);
      },
      () => undefined,
    );
  }, EVERY_MS);
}
