// The broadcasts page without a reload: every few seconds, the delivery counts and the
// status of each broadcast in the history are read again (GET, the session's cookie) and
// written into their places, which are aria-live regions, so a screen reader hears the
// change. Without this script the page shows the same on a reload.
const EVERY_MS = 4000;

async function refresh() {
  const res = await fetch('/console/broadcasts/history.json', { credentials: 'same-origin', headers: { accept: 'application/json' } });
  if (!res.ok) return;
  const { broadcasts } = await res.json();
  for (const b of broadcasts) {
    const report = document.querySelector(`[data-report="${CSS.escape(b.id)}"]`);
    if (report && report.textContent !== b.report) report.textContent = b.report;
    const status = document.querySelector(`[data-status="${CSS.escape(b.id)}"]`);
    if (status && status.textContent !== b.status) status.textContent = b.status;
  }
}

if (document.querySelector('[data-report]')) {
  setInterval(() => refresh().catch(() => undefined), EVERY_MS);
}
