// The intranet page's own code: it only listens to the widget. A real order desk would store the report with the
// order, or block the "Confirm" button on a STOP verdict.
const log = document.getElementById('log');
const widget = document.getElementById('screen');

widget.addEventListener('screened', (e) => {
  const { report } = e.detail;
  const li = document.createElement('li');
  const verdict = document.createElement('span');
  verdict.className = report.verdict;
  verdict.textContent = report.verdict.toUpperCase();
  const parties = report.parties.map((p) => p.name).join(', ') || 'no party read';
  li.append(verdict, ` at ${new Date().toLocaleTimeString()}: ${parties} (${report.reasons.length} reasons)`);
  log.prepend(li);
});

widget.addEventListener('error', (e) => {
  const li = document.createElement('li');
  li.textContent = `Not screened: ${e.detail.message}`;
  log.prepend(li);
});

// Fill a sample order once the widget is ready (the `ready` promise).
customElements.whenDefined('export-screen').then(() => widget.ready).then(() => {
  if (!widget.value) {
    widget.value = 'Buyer: M/s Hasan Scientific Corp, 50 Akbari Road, Lahore, Pakistan\n'
      + 'End user: Pakistan Atomic Energy Commission\nItems: 6 hand-foot contamination monitors, HS 9030.10';
  }
}).catch(() => {});
