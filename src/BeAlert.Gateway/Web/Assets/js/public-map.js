// The public alert map (home page): the active public alerts from /api/public/alerts.geojson on the map (coloured by
// severity) and in a keyboard-usable list; selecting one zooms to it and shows its details in the visitor's language.
// Live: /api/public/events (server-sent events) says when the set changes; if it fails, the page polls the GeoJSON
// every 30 s (the browser revalidates with the ETag, so an unchanged set costs a 304).
(function () {
  'use strict';
  const t = BeAlert.t;
  const lang = BeAlert.lang;
  const GEOJSON = '/api/public/alerts.geojson';
  const EVENTS = '/api/public/events';
  const POLL_MS = 30000;
  const SEVERITY_ORDER = { Extreme: 0, Severe: 1, Moderate: 2, Minor: 3, Unknown: 4 };
  const LANGS = ['nl', 'fr', 'de', 'en'];

  const mapEl = document.getElementById('public-map');
  const listEl = document.getElementById('alert-list');
  const emptyEl = document.getElementById('alert-list-empty');
  const statusEl = document.getElementById('public-status');
  const detailEl = document.getElementById('alert-detail');
  const detailHeading = document.getElementById('alert-detail-heading');
  const detailBody = document.getElementById('alert-detail-body');

  const map = BeAlertMap.create(mapEl, {
    lang,
    label: t('common.map.label'),
    controlLabels: { zoomIn: t('common.map.zoomIn'), zoomOut: t('common.map.zoomOut'), reset: t('common.map.reset') },
  });
  map.setLegend(BeAlertMap.severityLegend({
    extreme: t('public.severity.extreme'), severe: t('public.severity.severe'), moderate: t('public.severity.moderate'),
    minor: t('public.severity.minor'), unknown: t('public.severity.unknown'),
  }), t('public.legend'));

  let alerts = [];          // [{ id, identifier, sender, infos: [feature…], status, msgType, sent }]
  let selectedId = new URLSearchParams(location.search).get('alert');
  let shownLanguage = null; // the info language the visitor picked for the selected alert (null: automatic)
  let lastETag = null;
  let pollTimer = null;
  let loading = null;
  let reloadAgain = false;

  const primary = l => String(l || 'en').toLowerCase().split('-')[0];
  const lower = v => String(v || 'unknown').toLowerCase();
  const el = (name, attrs, text) => {
    const e = document.createElement(name);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  };
  const when = v => { try { return v ? BeAlert.dateTime(v) : ''; } catch { return String(v); } };

  // The info block in the visitor's language, else English, else the other national languages, else the first.
  function pickInfo(alert, wanted) {
    const order = [wanted || lang, lang, 'en', ...LANGS];
    for (const l of order) {
      const f = alert.infos.find(i => primary(i.properties.language) === l);
      if (f) return f;
    }
    return alert.infos[0];
  }

  function isTest(alert, info) {
    const p = info.properties;
    return alert.status === 'Test' || /\bTEST\b/.test(p.event || '') || /\bTEST\b/.test(p.headline || '');
  }

  // GeoJSON has one feature per info block: group them into alerts (sender + identifier).
  function group(fc) {
    const byId = new Map();
    for (const f of (fc && fc.features) || []) {
      const p = f.properties || {};
      const id = p.sender + ' ' + p.identifier;
      if (!byId.has(id)) byId.set(id, { id, identifier: p.identifier, sender: p.sender, status: p.status, msgType: p.msgType, sent: p.sent, infos: [] });
      byId.get(id).infos.push(f);
    }
    const list = [...byId.values()];
    list.sort((a, b) => {
      const sa = Math.min(...a.infos.map(i => SEVERITY_ORDER[i.properties.severity] ?? 4));
      const sb = Math.min(...b.infos.map(i => SEVERITY_ORDER[i.properties.severity] ?? 4));
      return sa - sb || String(b.sent).localeCompare(String(a.sent));
    });
    return list;
  }

  function xmlUrl(alert) {
    const dup = alerts.filter(a => a.identifier === alert.identifier).length > 1;
    return '/api/public/alerts/' + encodeURIComponent(alert.identifier) + (dup ? '?sender=' + encodeURIComponent(alert.sender) : '');
  }

  function render() {
    const features = [];
    listEl.replaceChildren();
    for (const alert of alerts) {
      const info = pickInfo(alert, alert.id === selectedId ? shownLanguage : null);
      const p = info.properties;
      const test = isTest(alert, info);
      const headline = p.headline || p.event || alert.identifier;
      // One map shape per alert (the info in the visitor's language: the areas are normally the same in every block).
      features.push({ type: 'Feature', geometry: info.geometry, properties: { id: alert.id, severity: p.severity, title: headline } });

      const li = el('li');
      const button = el('button', {
        type: 'button',
        class: 'alert-item sev-' + lower(p.severity),
        'data-alert-id': alert.id,
        'aria-controls': 'alert-detail',
        'aria-current': alert.id === selectedId ? 'true' : 'false',
      });
      button.appendChild(el('span', { class: 'alert-item-headline', lang: primary(p.language) }, headline));
      const meta = el('span', { class: 'alert-item-meta' });
      if (test) meta.appendChild(el('span', { class: 'badge test' }, t('public.list.test')));
      meta.appendChild(el('span', { class: 'badge ' + lower(p.severity) }, t('public.severity.' + lower(p.severity))));
      meta.appendChild(el('span', { lang: primary(p.language) }, p.areaDesc || t('public.detail.nationwide')));
      button.appendChild(meta);
      button.addEventListener('click', () => select(alert.id, true));
      li.appendChild(button);
      listEl.appendChild(li);
    }
    emptyEl.classList.toggle('hidden', alerts.length > 0);
    map.showAlerts({ type: 'FeatureCollection', features }, { onClick: f => select(f.properties.id, true) });
    map.selectAlert(selectedId);

    const now = BeAlert.dateTime(Date.now());
    BeAlert.announce(statusEl, alerts.length === 0 ? t('public.status.none', now)
      : alerts.length === 1 ? t('public.status.one', now) : t('public.status.many', alerts.length, now));
    if (selectedId) renderDetail(false);
  }

  function select(id, focus) {
    if (id !== selectedId) shownLanguage = null;
    selectedId = id;
    const url = new URL(location.href);
    url.searchParams.set('alert', id);
    history.replaceState(null, '', url);
    for (const b of listEl.querySelectorAll('.alert-item')) b.setAttribute('aria-current', b.dataset.alertId === id ? 'true' : 'false');
    map.selectAlert(id);
    const alert = alerts.find(a => a.id === id);
    if (alert) {
      const info = pickInfo(alert, shownLanguage);
      if (!info.geometry || !map.fitTo(info)) map.reset();
    }
    renderDetail(focus);
  }

  function row(dl, label, value, attrs) {
    if (!value) return;
    dl.appendChild(el('dt', {}, label));
    dl.appendChild(el('dd', attrs || {}, value));
  }

  function renderDetail(focus) {
    const alert = alerts.find(a => a.id === selectedId);
    detailEl.classList.remove('hidden');
    detailBody.replaceChildren();
    if (!alert) {
      // Cancelled, replaced or expired while the visitor was reading it.
      if (detailHeading.textContent === '') detailEl.classList.add('hidden');
      detailBody.appendChild(el('p', { class: 'gone', role: 'status' }, t('public.status.gone')));
      return;
    }

    const info = pickInfo(alert, shownLanguage);
    const p = info.properties;
    const infoLang = primary(p.language);
    const test = isTest(alert, info);
    detailHeading.textContent = p.headline || p.event || alert.identifier;
    detailHeading.setAttribute('lang', infoLang);

    const badges = el('p', { class: 'badges' });
    if (test) badges.appendChild(el('span', { class: 'badge test' }, t('public.list.test')));
    badges.appendChild(el('span', { class: 'badge ' + lower(p.severity) }, t('public.severity.' + lower(p.severity))));
    detailBody.appendChild(badges);

    if (test) {
      const note = el('p', { class: 'test-note' }, t('public.detail.test') + ' ');
      note.appendChild(el('a', { href: '/test-message' }, t('public.testLink')));
      detailBody.appendChild(note);
    }

    if (infoLang !== lang && !shownLanguage) {
      detailBody.appendChild(el('p', { class: 'muted' }, t('public.detail.fallback', t('public.lang.' + (LANGS.includes(infoLang) ? infoLang : 'en')))));
    }

    const others = [...new Set(alert.infos.map(i => primary(i.properties.language)))].filter(l => l !== infoLang && LANGS.includes(l));
    if (others.length) {
      const choice = el('p', { class: 'lang-choice' });
      choice.appendChild(el('span', {}, t('public.detail.languages')));
      for (const l of others) {
        const b = el('button', { type: 'button', class: 'secondary', lang: l, 'data-lang': l }, t('public.lang.' + l));
        b.addEventListener('click', () => { shownLanguage = l; renderDetail(true); });
        choice.appendChild(b);
      }
      detailBody.appendChild(choice);
    }

    const dl = el('dl');
    const textAttrs = { lang: infoLang };
    row(dl, t('public.detail.event'), p.event, textAttrs);
    row(dl, t('public.detail.area'), p.areaDesc || t('public.detail.nationwide'), textAttrs);
    row(dl, t('public.detail.severity'), t('public.severity.' + lower(p.severity)));
    row(dl, t('public.detail.urgency'), t('public.urgency.' + lower(p.urgency)));
    row(dl, t('public.detail.certainty'), t('public.certainty.' + lower(p.certainty)));
    row(dl, t('public.detail.sender'), p.senderName || alert.sender, textAttrs);
    row(dl, t('public.detail.effective'), when(p.effective || alert.sent));
    row(dl, t('public.detail.onset'), when(p.onset));
    row(dl, t('public.detail.expires'), when(p.expires));
    detailBody.appendChild(dl);

    for (const [key, value] of [['public.detail.description', p.description], ['public.detail.instruction', p.instruction]]) {
      if (!value) continue;
      detailBody.appendChild(el('h3', {}, t(key)));
      detailBody.appendChild(el('p', { class: 'alert-text', lang: infoLang }, value));
    }

    const links = el('p', { class: 'actions' });
    const zoom = el('button', { type: 'button', class: 'secondary' }, t('public.detail.zoom'));
    zoom.addEventListener('click', () => { if (!info.geometry || !map.fitTo(info)) map.reset(); });
    links.appendChild(zoom);
    if (/^https?:\/\//i.test(p.web || '')) links.appendChild(el('a', { class: 'button secondary', href: p.web, rel: 'noopener noreferrer external' }, t('public.detail.web')));
    links.appendChild(el('a', { class: 'button secondary', href: xmlUrl(alert), type: 'application/cap+xml', 'data-testid': 'alert-xml' }, t('public.detail.xml')));
    detailBody.appendChild(links);

    if (focus) detailEl.focus();
  }

  // Loads the GeoJSON (the browser revalidates with If-None-Match; an unchanged ETag re-renders nothing).
  function refresh() {
    if (loading) { reloadAgain = true; return loading; }
    loading = (async () => {
      try {
        const response = await fetch(GEOJSON, { cache: 'no-cache', credentials: 'omit', headers: { Accept: 'application/geo+json' } });
        if (!response.ok) throw new Error('HTTP ' + response.status);
        const etag = response.headers.get('ETag');
        if (etag && etag === lastETag) return;
        const fc = await response.json();
        lastETag = etag;
        alerts = group(fc);
        render();
      } catch (e) {
        BeAlert.announce(statusEl, t('public.status.error', e.message), true);
      } finally {
        loading = null;
        if (reloadAgain) { reloadAgain = false; refresh(); }
      }
    })();
    return loading;
  }

  function startPolling() {
    if (pollTimer) return;
    pollTimer = setInterval(refresh, POLL_MS);
    BeAlert.announce(statusEl, t('public.status.polling'));
  }

  function stopPolling() {
    if (pollTimer) { clearInterval(pollTimer); pollTimer = null; }
  }

  function listen() {
    if (typeof EventSource !== 'function') { startPolling(); return; }
    const source = new EventSource(EVENTS);
    let version = null;
    source.addEventListener('alerts', e => {
      let data = null;
      try { data = JSON.parse(e.data); } catch { data = null; }
      if (!data || data.version !== version) { version = data && data.version; refresh(); }
    });
    source.addEventListener('open', () => { stopPolling(); });
    source.addEventListener('error', () => {
      // The browser reconnects by itself while readyState is CONNECTING; poll meanwhile (and for good once CLOSED).
      startPolling();
    });
  }

  map.ready.then(() => { mapEl.dataset.ready = 'true'; if (selectedId) select(selectedId, false); })
    .catch(e => BeAlert.announce(statusEl, t('public.status.error', e.message), true));
  refresh().then(() => { if (selectedId && alerts.some(a => a.id === selectedId)) select(selectedId, false); });
  listen();
  window.addEventListener('pagehide', stopPolling);
})();
