// One campaign (/console/campaigns/{id}): follows GET /api/campaigns/{id}/events (SSE: 'progress' snapshots, then one
// 'report'; 'status' while another instance runs it), draws a bar per channel while it runs, then the final report
// with an SVG chart per channel (drawn here, no chart library). Cancel asks for confirmation first. A dropped stream
// is reopened (the browser retries by itself; when it gives up, this script retries with a growing delay).
(function () {
  'use strict';
  const { t, api, announce, number, money } = BeAlert;
  const { el, svg, channel, channelKey, status, seconds, duration, formatStatic } = BeAlertConsole;

  const root = document.getElementById('campaign');
  if (!root) return;
  formatStatic(root);
  const id = root.dataset.id;
  const live = document.getElementById('campaign-live');
  const statusNode = document.getElementById('campaign-status');
  const progressSection = document.getElementById('progress-section');
  const progressList = document.getElementById('progress');
  const cancelButton = document.getElementById('cancel-button');
  const dialog = document.getElementById('cancel-dialog');
  const reportSection = document.getElementById('report-section');

  let source = null;
  let finished = false;
  let retryDelay = 1000;
  let retryTimer = null;
  let lastAnnounced = -1;
  let cancelling = false;

  // ---- live progress -------------------------------------------------------------------------------------------

  const SEGMENTS = [
    ['delivered', 'seg-delivered'],
    ['sent', 'seg-sent'],
    ['failed', 'seg-failed'],
    ['skipped', 'seg-skipped'],
    ['cancelled', 'seg-cancelled'],
  ];

  function bar(c) {
    const total = Math.max(1, c.targeted);
    const drawing = svg('svg', { viewBox: '0 0 1000 20', preserveAspectRatio: 'none', class: 'bar-svg', 'aria-hidden': 'true', focusable: 'false' },
      svg('rect', { x: 0, y: 0, width: 1000, height: 20, class: 'seg-queued' }));
    let x = 0;
    for (const [field, css] of SEGMENTS) {
      const width = (c[field] / total) * 1000;
      if (width > 0) drawing.append(svg('rect', { x: x.toFixed(2), y: 0, width: width.toFixed(2), height: 20, class: css }));
      x += width;
    }
    return drawing;
  }

  function renderProgress(progress) {
    setStatus('Running');
    progressSection.classList.remove('hidden');
    let targeted = 0, handled = 0;
    const cards = progress.channels.map(c => {
      const done = c.targeted - c.queued;
      targeted += c.targeted; handled += done;
      const percent = c.targeted > 0 ? Math.floor((done / c.targeted) * 100) : 100;
      const eta = seconds(c.estimatedTimeToFinish);
      const name = channel(c.channel);
      return el('div', { class: 'channel-progress', 'data-channel': channelKey(c.channel), 'data-testid': 'progress-' + channelKey(c.channel) },
        el('h3', {}, name, ' ', el('span', { class: 'percent', text: t('console.progress.percent', percent) })),
        el('div', { role: 'progressbar', class: 'bar', 'aria-label': name, 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': percent,
          'aria-valuetext': t('console.progress.valueText', number(done), number(c.targeted)) }, bar(c)),
        el('dl', { class: 'counts' },
          count('console.count.planned', number(c.targeted)),
          count('console.count.sent', number(c.sent), 'sent'),
          count('console.count.delivered', number(c.delivered), 'delivered'),
          count('console.count.failed', number(c.failed), 'failed'),
          count('console.count.skipped', number(c.skipped), 'skipped'),
          c.cancelled > 0 ? count('console.count.cancelled', number(c.cancelled), 'cancelled') : null,
          count('console.count.rate', t('console.progress.rate', number(Math.round(c.currentRate * 10) / 10))),
          count('console.count.eta', c.queued === 0 ? '—' : duration(eta))));
    });
    progressList.replaceChildren(...cards);
    const overall = targeted > 0 ? Math.floor((handled / targeted) * 100) : 100;
    // Announce every 10 %, not every snapshot (up to 4 a second would drown a screen reader).
    const step = Math.floor(overall / 10);
    if (step !== lastAnnounced && !cancelling) {
      lastAnnounced = step;
      announce(live, t('console.progress.overall', overall));
    }
  }

  function count(key, value, css) {
    return el('div', { class: css ? 'count count-' + css : 'count' }, el('dt', { text: t(key) }), el('dd', { text: value }));
  }

  function setStatus(value) {
    statusNode.textContent = status(value);
    root.dataset.status = value;
    const running = value === 'Running';
    cancelButton.classList.toggle('hidden', !running);
    cancelButton.disabled = !running || cancelling;
  }

  // ---- final report --------------------------------------------------------------------------------------------

  const CHART_BARS = [
    ['delivered', 'seg-delivered', 'console.count.delivered'],
    ['sent', 'seg-sent', 'console.count.sentNoReceipt'],
    ['failed', 'seg-failed', 'console.count.failed'],
    ['skipped', 'seg-skipped', 'console.count.skipped'],
    ['cancelled', 'seg-cancelled', 'console.count.cancelled'],
    ['unfinished', 'seg-queued', 'console.count.unfinished'],
  ];

  // A bar chart of one channel's outcome: one bar per outcome, height against the planned deliveries.
  function chart(c, index) {
    const W = 420, H = 220, top = 24, bottom = 44, left = 8, plot = H - top - bottom;
    const max = Math.max(1, c.targeted, ...CHART_BARS.map(([f]) => c[f] || 0));
    const slot = (W - left * 2) / CHART_BARS.length;
    const titleId = 'chart-title-' + index;
    const summary = t('console.report.chartLabel', channel(c.channel), number(c.targeted),
      CHART_BARS.map(([f, , key]) => t(key) + ' ' + number(c[f] || 0)).join(', '));
    const drawing = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart-svg', role: 'img', 'aria-labelledby': titleId, 'data-testid': 'chart-' + channelKey(c.channel) },
      svg('title', { id: titleId, text: summary }),
      svg('line', { x1: left, x2: W - left, y1: top + plot, y2: top + plot, class: 'chart-axis' }),
      svg('line', { x1: left, x2: W - left, y1: top, y2: top, class: 'chart-grid' }),
      svg('text', { x: W - left, y: top - 6, 'text-anchor': 'end', class: 'chart-note', text: t('console.report.planned', number(c.targeted)) }));
    CHART_BARS.forEach(([field, css, key], i) => {
      const value = c[field] || 0;
      const height = (value / max) * plot;
      const x = left + i * slot + slot * 0.15;
      const width = slot * 0.7;
      drawing.append(
        svg('rect', { x: x.toFixed(1), y: (top + plot - height).toFixed(1), width: width.toFixed(1), height: Math.max(height, value > 0 ? 1 : 0).toFixed(1), class: 'chart-bar ' + css }),
        svg('text', { x: (x + width / 2).toFixed(1), y: (top + plot - height - 4).toFixed(1), 'text-anchor': 'middle', class: 'chart-value', text: number(value) }),
        svg('text', { x: (x + width / 2).toFixed(1), y: top + plot + 16, 'text-anchor': 'middle', class: 'chart-label', text: t(key) }));
    });
    return drawing;
  }

  function channelReport(c, index) {
    const reasons = Object.entries(c.failureReasons || {}).filter(([, n]) => n > 0);
    return el('section', { class: 'card channel-report', 'data-channel': channelKey(c.channel), 'aria-labelledby': 'report-' + index },
      el('h3', { id: 'report-' + index, text: channel(c.channel) }),
      chart(c, index),
      el('dl', { class: 'counts' },
        count('console.count.planned', number(c.targeted)),
        count('console.count.delivered', number(c.delivered), 'delivered'),
        count('console.count.sentNoReceipt', number(c.sent), 'sent'),
        count('console.count.failed', number(c.failed), 'failed'),
        count('console.count.skipped', number(c.skipped), 'skipped'),
        count('console.count.cancelled', number(c.cancelled), 'cancelled'),
        c.unfinished > 0 ? count('console.count.unfinished', number(c.unfinished)) : null,
        c.possibleDuplicates > 0 ? count('console.count.duplicates', number(c.possibleDuplicates)) : null,
        count('console.count.rateAchieved', t('console.progress.rate', number(Math.round(c.achievedRate * 10) / 10))),
        count('console.count.duration', duration(seconds(c.duration))),
        count('console.count.units', number(c.billableUnits)),
        count('console.count.cost', money(c.cost))),
      reasons.length
        ? el('div', { class: 'reasons' }, el('h4', { text: t('console.report.reasons') }),
          el('ul', {}, ...reasons.map(([reason, n]) => el('li', {}, el('code', { text: reason }), ' ', number(n)))))
        : null);
  }

  function renderReport(report) {
    finished = true;
    cancelling = false;
    closeStream();
    progressSection.classList.add('hidden');
    reportSection.classList.remove('hidden');
    const notice = document.getElementById('report-notice');
    if (report.error) {
      setStatus('Failed');
      notice.textContent = t('console.report.failed', report.error);
      notice.classList.remove('hidden');
      announce(live, t('console.report.failed', report.error), true);
      return;
    }

    setStatus(report.status);
    if (report.isSimulation) {
      notice.textContent = t('console.report.simulation');
      notice.classList.remove('hidden');
    }

    const channels = report.channels || [];
    const sum = f => channels.reduce((s, c) => s + (c[f] || 0), 0);
    const total = channels.reduce((s, c) => s + Number(c.cost || 0), 0);
    document.getElementById('report-facts').replaceChildren(
      count('console.campaign.status', status(report.status)),
      count('console.count.duration', duration(seconds(report.duration))),
      count('console.count.planned', number(sum('targeted'))),
      count('console.count.delivered', number(sum('delivered'))),
      count('console.count.failed', number(sum('failed'))),
      count('console.report.totalCost', report.isSimulation ? t('console.report.notCharged', money(total)) : money(total)));
    document.getElementById('report-charts').replaceChildren(...channels.map(channelReport));
    announce(live, t('console.report.ready', status(report.status)));
  }

  // ---- the event stream ----------------------------------------------------------------------------------------

  function parse(event) {
    try {
      return JSON.parse(event.data);
    } catch {
      return null;
    }
  }

  function closeStream() {
    if (source) source.close();
    source = null;
    clearTimeout(retryTimer);
  }

  function open() {
    closeStream();
    source = new EventSource('/api/campaigns/' + encodeURIComponent(id) + '/events');
    source.addEventListener('open', () => {
      retryDelay = 1000;
      if (root.dataset.reconnecting) {
        delete root.dataset.reconnecting;
        announce(live, t('console.stream.back'));
      }
    });
    source.addEventListener('progress', e => { const p = parse(e); if (p) renderProgress(p); });
    source.addEventListener('status', e => { const s = parse(e); if (s) setStatus(s.status); });
    source.addEventListener('report', e => { const r = parse(e); if (r) renderReport(r); });
    source.addEventListener('error', () => {
      if (finished) return;
      root.dataset.reconnecting = 'true';
      announce(live, t('console.stream.lost'));
      if (source && source.readyState === EventSource.CLOSED) {
        // The browser gave up (an error answer, or the server is away): try again later, slower each time.
        retryTimer = setTimeout(open, retryDelay);
        retryDelay = Math.min(retryDelay * 2, 30000);
      }
    });
  }

  // ---- cancel --------------------------------------------------------------------------------------------------

  cancelButton.addEventListener('click', () => {
    if (typeof dialog.showModal === 'function') dialog.showModal();
    else if (window.confirm(t('console.campaign.cancel.text'))) cancel();
  });

  dialog.addEventListener('close', () => {
    if (dialog.returnValue === 'confirm') cancel();
    cancelButton.focus();
  });

  async function cancel() {
    cancelling = true;
    cancelButton.disabled = true;
    announce(live, t('console.campaign.cancelling'));
    try {
      await api('POST', '/api/campaigns/' + encodeURIComponent(id) + '/cancel');
    } catch (e) {
      cancelling = false;
      cancelButton.disabled = root.dataset.status !== 'Running';
      announce(live, t('common.error', e.message), true);
    }
  }

  window.addEventListener('pagehide', closeStream);
  setStatus(root.dataset.status);
  open();
})();
