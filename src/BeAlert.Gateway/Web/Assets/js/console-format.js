// Operator console helpers shared by the console pages (home, campaign, history): element building, channel and
// status names, durations. No dependencies beyond common.js.
(function () {
  'use strict';
  const t = BeAlert.t;

  // el('a', { href: '/x', class: 'y', text: 'z' }, child, …) → element (text only through textContent).
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (name === 'text') node.textContent = value;
      else node.setAttribute(name, value === true ? '' : String(value));
    }
    for (const child of children) if (child !== null && child !== undefined) node.append(child);
    return node;
  }

  const SVG = 'http://www.w3.org/2000/svg';
  function svg(tag, attrs, ...children) {
    const node = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (name === 'text') node.textContent = value;
      else node.setAttribute(name, String(value));
    }
    for (const child of children) if (child) node.append(child);
    return node;
  }

  // API channel names come as 'sms' (campaign records) or 'Sms' (progress and reports): one key either way.
  const channelKey = c => {
    const lower = String(c || '').toLowerCase();
    return lower === 'cellbroadcast' ? 'cellBroadcast' : lower;
  };
  const channel = c => t('console.channel.' + channelKey(c));
  const status = s => t('console.status.' + String(s || '').toLowerCase());

  // .NET TimeSpan JSON ("1.02:03:04.5", "00:01:02.25") → seconds; null stays null.
  function seconds(span) {
    if (span === null || span === undefined) return null;
    if (typeof span === 'number') return span;
    const m = /^(-)?(?:(\d+)\.)?(\d+):(\d+):(\d+(?:\.\d+)?)$/.exec(String(span));
    if (!m) return null;
    const total = (+(m[2] || 0)) * 86400 + (+m[3]) * 3600 + (+m[4]) * 60 + parseFloat(m[5]);
    return m[1] ? -total : total;
  }

  // 75 → "1 min 15 s"; 3700 → "1 h 2 min"; 4.2 → "4 s".
  function duration(s) {
    if (s === null || s === undefined || !isFinite(s)) return '—';
    const whole = Math.max(0, Math.round(s));
    const h = Math.floor(whole / 3600), m = Math.floor((whole % 3600) / 60), sec = whole % 60;
    if (h > 0) return t('console.duration.hm', h, m);
    if (m > 0) return t('console.duration.ms', m, sec);
    return t('console.duration.s', sec);
  }

  const statusBadge = s => el('span', { class: 'badge status-' + String(s || '').toLowerCase(), text: status(s) });
  const modeBadge = simulation => el('span', { class: 'badge ' + (simulation ? 'simulation-badge' : 'live-badge'), text: t(simulation ? 'console.mode.simulation' : 'console.mode.live') });

  // Formats server-rendered values in the page language (<dd class="js-datetime" data-ms>, <dd class="js-number" data-value>).
  function formatStatic(root) {
    for (const node of (root || document).querySelectorAll('.js-datetime[data-ms]')) node.textContent = BeAlert.dateTime(Number(node.dataset.ms));
    for (const node of (root || document).querySelectorAll('.js-number[data-value]')) node.textContent = BeAlert.number(Number(node.dataset.value));
  }

  window.BeAlertConsole = { el, svg, channel, channelKey, status, seconds, duration, statusBadge, modeBadge, formatStatic };
})();
