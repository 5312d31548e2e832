// Console: compose an alert, choose its target, preview every channel, see the cost, confirm and send.
// The CAP XML is built server-side (POST /api/compose/preview); this script only sends the form as JSON, then posts the
// returned XML to /api/alerts and starts the campaign with /api/campaigns.
(function () {
  'use strict';
  const form = document.getElementById('compose-form');
  if (!form) return;
  const B = window.BeAlert;
  const t = B.t;
  const $ = id => document.getElementById(id);
  const groupsOnly = form.dataset.groupsOnly === 'true';
  const trained = form.dataset.trained === 'true';
  const simulation = form.dataset.simulation === 'true';
  const national = form.dataset.national === 'true';
  const own = (form.dataset.own || '').split(' ').filter(Boolean);
  const LANGS = ['nl', 'fr', 'de', 'en'];

  const state = {
    shape: null,              // { type: 'polygon'|'circle', … } from map.js
    municipalities: [],       // NIS codes (strings)
    preview: null,            // the last /api/compose/preview answer
    audience: null,           // the last /api/compose/audience answer
    estimate: null,           // the last /api/campaigns/estimate answer
    touched: new Set(),       // fields the operator changed (their errors are shown)
    showAll: false,           // after a send attempt every error is shown
    seq: 0,
  };
  let map = null;
  let muniByLabel = new Map();

  // ---- the form as JSON --------------------------------------------------------------------------------------
  function field(name) { return form.querySelector('[data-field="' + name + '"]'); }
  function value(name) { const el = field(name); return el ? el.value : ''; }
  function channels() { return Array.from(form.querySelectorAll('input[name="channel"]:checked')).map(c => c.value); }
  function groups() { return Array.from(form.querySelectorAll('input[name="group"]:checked')).map(c => Number(c.value)); }

  function target() {
    const result = {};
    if (groupsOnly) {
      result.groups = groups();
      return result;
    }
    const cap = state.shape ? BeAlertMap.toCap(state.shape) : null;
    if (cap && state.shape.type === 'polygon') result.polygon = cap;
    if (cap && state.shape.type === 'circle') result.circle = cap;
    if (state.municipalities.length) result.municipalities = state.municipalities.map(Number);
    const streets = window.BeAlertStreets ? BeAlertStreets.value() : [];
    if (streets.length) result.streets = streets;
    return result;
  }

  function body() {
    const texts = {};
    for (const l of LANGS) {
      const h = value('texts.' + l + '.headline'), d = value('texts.' + l + '.description'), i = value('texts.' + l + '.instruction');
      if (h.trim() || d.trim() || i.trim()) texts[l] = { headline: h, description: d, instruction: i };
    }
    return {
      texts,
      event: value('event'),
      category: value('category'),
      severity: value('severity'),
      urgency: value('urgency'),
      certainty: value('certainty'),
      responseType: value('responseType'),
      status: value('status'),
      expiresHours: Number(value('expiresHours')),
      channels: channels(),
      target: target(),
    };
  }

  function hasTarget(tg) {
    return !!(tg.polygon || tg.circle || (tg.municipalities && tg.municipalities.length) || (tg.groups && tg.groups.length) || (tg.streets && tg.streets.length));
  }

  // ---- errors next to the fields ------------------------------------------------------------------------------
  function showErrors(errors) {
    for (const el of form.querySelectorAll('[data-error-for]')) {
      const key = el.dataset.errorFor;
      const list = (errors && errors[key]) || [];
      const visible = state.showAll || state.touched.has(key) || key === 'alert';
      el.textContent = visible ? list.join(' ') : '';
      const input = field(key);
      if (input) input.setAttribute('aria-invalid', visible && list.length ? 'true' : 'false');
    }
  }

  function showDiagnostics(list) {
    const box = $('compose-diagnostics');
    box.replaceChildren();
    const shown = (list || []).filter(d => state.showAll || d.severity !== 'Error' || state.touched.has(d.field));
    if (!shown.length) return;
    const h = document.createElement('h3');
    h.textContent = t('compose.diagnostics.title');
    const ul = document.createElement('ul');
    for (const d of shown) {
      const li = document.createElement('li');
      li.className = d.severity === 'Error' ? 'error-text' : 'muted';
      li.textContent = d.code + ' (' + d.path + '): ' + d.message;
      ul.appendChild(li);
    }
    box.append(h, ul);
  }

  // ---- preview ------------------------------------------------------------------------------------------------
  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function renderPreview(previews) {
    const box = $('compose-preview');
    box.replaceChildren();
    if (!previews || !previews.length) {
      box.appendChild(el('p', 'muted', t('compose.preview.empty')));
      return;
    }
    const chosen = channels();
    const show = c => chosen.length === 0 ? c === 'sms' : chosen.includes(c);
    for (const p of previews) {
      const card = el('article', 'preview-card');
      card.dataset.lang = p.language;
      card.setAttribute('lang', p.language);
      const title = el('h3', null, t('compose.preview.language', t('compose.preview.lang.' + p.language)));
      title.setAttribute('lang', B.lang);
      card.appendChild(title);
      if (show('sms')) {
        const s = el('section', 'preview-sms');
        s.dataset.testid = 'sms-preview';
        const meta = el('p', 'preview-meta', t('compose.preview.sms', p.sms.segmentCount, p.sms.encoding, p.sms.characters) + ' · ' + t('compose.preview.smsCost', B.money(p.sms.costPerRecipient)));
        meta.setAttribute('lang', B.lang);
        meta.dataset.testid = 'sms-meta';
        s.append(meta, el('div', 'bubble', p.sms.text));
        if (p.sms.shortened) s.appendChild(langText('p', 'muted', t('compose.preview.shortened')));
        card.appendChild(s);
      }
      if (show('cellBroadcast')) {
        const s = el('section', 'preview-cb');
        s.appendChild(langText('p', 'preview-meta', t('compose.preview.cellBroadcast', p.cellBroadcast.pages.length, p.cellBroadcast.encoding)));
        p.cellBroadcast.pages.forEach((page, i) => {
          const d = el('div', 'bubble cb');
          d.appendChild(langText('span', 'page-no', t('compose.preview.page', i + 1)));
          d.appendChild(document.createTextNode(page));
          s.appendChild(d);
        });
        card.appendChild(s);
      }
      if (show('voice')) {
        const s = el('section', 'preview-voice');
        s.append(langText('p', 'preview-meta', t('compose.preview.voice', p.voice.seconds)), el('p', 'script', p.voice.text));
        card.appendChild(s);
      }
      if (show('email')) {
        const s = el('section', 'preview-email');
        // The body scrolls past 12rem: focusable and named, so a keyboard user can scroll it too (WCAG 2.1.1).
        const mail = el('pre', 'mail', p.email.text);
        mail.tabIndex = 0;
        mail.setAttribute('role', 'region');
        mail.setAttribute('aria-label', t('compose.preview.email'));
        s.append(langText('p', 'preview-meta', t('compose.preview.email')), el('p', 'subject', t('compose.preview.subject', p.email.subject)), mail);
        card.appendChild(s);
      }
      if (show('signage')) {
        const s = el('section', 'preview-signage');
        s.appendChild(langText('p', 'preview-meta', t('compose.preview.signage', p.signage.lines.length, p.signage.columns)));
        const board = el('pre', 'board');
        board.textContent = p.signage.lines.join('\n');
        s.appendChild(board);
        card.appendChild(s);
      }
      box.appendChild(card);
    }
  }

  function langText(tag, cls, text) {
    const e = el(tag, cls, text);
    e.setAttribute('lang', B.lang);
    return e;
  }

  // ---- audience and cost --------------------------------------------------------------------------------------
  function showAudience(a, problem) {
    const box = $('compose-audience');
    box.replaceChildren();
    if (problem) { box.appendChild(el('p', 'error-text', problem)); return; }
    if (!a) { box.appendChild(el('p', 'muted', t('compose.audience.none'))); return; }
    const p = el('p', 'counts', t('compose.audience.counts', B.number(a.people), B.number(a.addresses), B.number(a.recipients)));
    p.dataset.testid = 'audience-counts';
    box.appendChild(p);
    if (!a.allowed) box.appendChild(el('p', 'error-text', t('compose.audience.refused', a.refused.join(' '))));
  }

  function duration(value) {
    // "hh:mm:ss(.fff)" (a .NET TimeSpan) → seconds
    const m = /^(?:(\d+)\.)?(\d+):(\d+):(\d+(?:\.\d+)?)$/.exec(String(value || ''));
    const s = m ? (Number(m[1] || 0) * 86400 + Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4])) : 0;
    return s < 120 ? t('compose.duration.seconds', Math.max(1, Math.round(s))) : t('compose.duration.minutes', Math.round(s / 60));
  }

  function showCost(e, message) {
    const box = $('compose-cost');
    box.replaceChildren();
    if (message) { box.appendChild(el('p', e === 'error' ? 'error-text' : 'muted', message)); return; }
    if (!e) { box.appendChild(el('p', 'muted', t('compose.cost.pending'))); return; }
    const total = el('p', 'total', t('compose.cost.total', B.money(e.estimate.totalCost)));
    total.dataset.testid = 'cost-total';
    const deliveries = Object.values(e.audience.deliveries || {}).reduce((a, b) => a + b, 0);
    box.append(total, el('p', null, t('compose.cost.detail', B.number(e.audience.people), B.number(deliveries), duration(e.estimate.estimatedDuration))));
    const ul = el('ul', 'cost-channels');
    for (const [c, cost] of Object.entries(e.estimate.cost || {})) {
      ul.appendChild(el('li', null, t('compose.cost.channel', t('compose.channel.' + c), B.number((e.audience.deliveries || {})[c] || 0), B.money(cost))));
    }
    box.appendChild(ul);
  }

  function problemText(err) {
    if (!(err instanceof B.ApiError)) return String(err && err.message || err);
    const p = err.problem || {};
    const parts = [];
    if (p.errors) for (const list of Object.values(p.errors)) parts.push(...list);
    if (p.violations) parts.push(...p.violations.map(v => v.message));
    return parts.length ? parts.join(' ') : (p.detail || p.title || err.message);
  }

  // ---- the refresh loop: preview, audience, estimate ---------------------------------------------------------
  let timer = null;
  function schedule(delay) {
    clearTimeout(timer);
    timer = setTimeout(refresh, delay === undefined ? 350 : delay);
  }

  let audienceKey = null;
  async function refresh() {
    const seq = ++state.seq;
    const b = body();
    let preview;
    try {
      preview = await B.api('POST', '/api/compose/preview', b);
    } catch (err) {
      if (seq === state.seq) B.announce($('compose-status'), problemText(err), true);
      return null;
    }
    if (seq !== state.seq) return null;
    state.preview = preview;
    showErrors(preview.errors);
    showDiagnostics(preview.diagnostics);
    renderPreview(preview.previews);

    const key = JSON.stringify([b.target, b.channels]);
    if (key !== audienceKey) {
      audienceKey = key;
      state.audience = null;
      if (hasTarget(b.target)) {
        showAudience(null);
        $('compose-audience').firstChild.textContent = t('compose.audience.counting');
        try {
          state.audience = await B.api('POST', '/api/compose/audience', { target: b.target, channels: b.channels });
          if (seq === state.seq || key === audienceKey) showAudience(state.audience);
        } catch (err) {
          // 403: the authority may not alert this target; the reasons come instead of the counts.
          const reasons = err instanceof B.ApiError && err.status === 403 && err.problem && err.problem.reasons;
          showAudience(null, reasons ? t('compose.audience.refused', reasons.join(' ')) : problemText(err));
        }
      } else {
        showAudience(null);
      }
    }

    state.estimate = null;
    if (preview.valid) {
      showCost(null, t('compose.cost.estimating'));
      try {
        const estimate = await B.api('POST', '/api/campaigns/estimate', { capXml: preview.capXml, channels: b.channels, audience: preview.audience });
        if (seq !== state.seq) return null;
        state.estimate = estimate;
        showCost(estimate);
      } catch (err) {
        if (seq === state.seq) showCost('error', t('compose.cost.failed', problemText(err)));
        return null;
      }
    } else {
      showCost(null);
    }
    return seq === state.seq ? preview : null;
  }

  form.addEventListener('input', e => {
    const f = e.target.dataset && e.target.dataset.field;
    if (f) state.touched.add(f);
    if (e.target.name === 'channel') state.touched.add('channels');
    if (e.target.name === 'group') state.touched.add('target');
    if (e.target.id !== 'compose-muni-search' && !e.target.closest('#street-picker')) schedule();
  });
  form.addEventListener('change', e => {
    if (e.target.tagName === 'SELECT' && e.target.id !== 'compose-template') schedule(0);
  });

  // ---- target: map, drawing, municipalities, groups ------------------------------------------------------------
  function muniLabel(m) {
    if ((B.lang === 'de' || B.lang === 'en') && m[B.lang]) return m[B.lang];
    return m.nl === m.fr ? m.nl : (B.lang === 'fr' ? m.fr + ' / ' + m.nl : m.nl + ' / ' + m.fr);
  }

  function highlightTargets() {
    if (!map) return;
    const streets = window.BeAlertStreets ? BeAlertStreets.municipalities() : [];
    map.highlight(Array.from(new Set(state.municipalities.concat(streets))));
  }

  function renderMunicipalities() {
    const ul = $('compose-muni-selected');
    if (!ul) return;
    ul.replaceChildren();
    for (const code of state.municipalities) {
      const m = map && map.municipalities.find(x => x.nis === code);
      const name = m ? muniLabel(m) : code;
      const li = el('li', 'chip', name + ' ');
      const rm = el('button', 'secondary chip-remove', '×');
      rm.type = 'button';
      rm.setAttribute('aria-label', t('compose.target.remove', name));
      rm.addEventListener('click', () => toggleMunicipality(code, false));
      li.appendChild(rm);
      ul.appendChild(li);
    }
    highlightTargets();
  }

  function toggleMunicipality(code, add) {
    const has = state.municipalities.includes(code);
    const want = add === undefined ? !has : add;
    const m = map && map.municipalities.find(x => x.nis === code);
    const name = m ? muniLabel(m) : code;
    if (want && !has) state.municipalities.push(code);
    if (!want && has) state.municipalities = state.municipalities.filter(c => c !== code);
    state.touched.add('target');
    renderMunicipalities();
    B.announce($('compose-status'), t(want ? 'compose.target.added' : 'compose.target.removed', name));
    schedule(0);
  }

  function addTyped() {
    const input = $('compose-muni-search');
    const text = input.value.trim();
    if (!text) return;
    const code = muniByLabel.get(text.toLowerCase());
    if (!code) {
      B.announce($('compose-status'), t('compose.target.unknownMunicipality', text), true);
      return;
    }
    input.value = '';
    toggleMunicipality(code, true);
  }

  function setShape(shape) {
    state.shape = shape;
    state.touched.add('target');
    const clear = $('draw-clear');
    if (clear) clear.disabled = !shape;
    schedule(0);
  }

  function drawing(on) {
    for (const id of ['draw-finish', 'draw-cancel']) { const b = $(id); if (b) b.classList.toggle('hidden', !on); }
    for (const id of ['draw-polygon', 'draw-circle']) { const b = $(id); if (b) b.disabled = on; }
  }

  async function startDrawing(kind) {
    drawing(true);
    $('draw-finish').classList.toggle('hidden', kind !== 'polygon');
    B.announce($('compose-status'), t('compose.target.drawing'));
    map.svg.focus();
    const shape = await map.draw(kind);
    drawing(false);
    if (shape) {
      setShape(shape);
      B.announce($('compose-status'), t('compose.target.drawn'));
    } else if (state.shape) {
      map.setShape(state.shape); // cancelled: keep the earlier area
    }
  }

  async function setupMap() {
    const box = $('compose-map');
    if (!box || !window.BeAlertMap) return;
    map = BeAlertMap.create(box, {
      lang: B.lang,
      label: t('compose.target.map'),
      controlLabels: { zoomIn: t('compose.target.zoomIn'), zoomOut: t('compose.target.zoomOut'), reset: t('compose.target.reset') },
      onMunicipalityClick: m => { if (m && !(window.BeAlertStreets && BeAlertStreets.takeMapClick(m.nis))) toggleMunicipality(m.nis); },
    });
    if (trained) {
      $('draw-polygon').addEventListener('click', () => startDrawing('polygon'));
      $('draw-circle').addEventListener('click', () => startDrawing('circle'));
      $('draw-finish').addEventListener('click', () => map.finishDrawing());
      $('draw-cancel').addEventListener('click', () => map.cancelDrawing());
      $('draw-clear').addEventListener('click', () => { map.clearShape(); setShape(null); });
    }
    $('compose-muni-add').addEventListener('click', addTyped);
    $('compose-muni-search').addEventListener('keydown', e => { if (e.key === 'Enter') { e.preventDefault(); addTyped(); } });
    try {
      await map.ready;
    } catch (err) {
      B.announce($('compose-status'), String(err.message || err), true);
      return;
    }
    const allowed = national || !own.length ? map.municipalities : map.municipalities.filter(m => own.includes(m.nis));
    const list = $('compose-muni-list');
    muniByLabel = new Map();
    for (const m of allowed) {
      const label = muniLabel(m);
      const opt = document.createElement('option');
      opt.value = label;
      list.appendChild(opt);
      muniByLabel.set(label.toLowerCase(), m.nis);
      muniByLabel.set(m.nl.toLowerCase(), m.nis);
      muniByLabel.set(m.fr.toLowerCase(), m.nis);
      if (m.de) muniByLabel.set(m.de.toLowerCase(), m.nis);
      if (m.en) muniByLabel.set(m.en.toLowerCase(), m.nis);
      muniByLabel.set(m.nis, m.nis);
    }
    if (window.BeAlertStreets) {
      const byCode = new Map(map.municipalities.map(m => [m.nis, m]));
      BeAlertStreets.init({
        resolveMunicipality: text => muniByLabel.get(text.toLowerCase()) || null,
        nameOf: code => (byCode.has(code) ? muniLabel(byCode.get(code)) : code),
        onChange: () => { state.touched.add('target'); highlightTargets(); schedule(0); },
        onMunicipality: () => highlightTargets(),
      });
    }
    renderMunicipalities();
    if (state.shape) map.setShape(state.shape);
  }

  async function setupGroups() {
    const box = $('compose-groups');
    if (!box) return;
    const empty = $('compose-groups-empty');
    try {
      const list = await B.api('GET', '/api/groups');
      if (!list.length) { empty.textContent = t('compose.target.groupsNone'); return; }
      empty.remove();
      for (const g of list) {
        const label = el('label', 'check');
        const input = document.createElement('input');
        input.type = 'checkbox'; input.name = 'group'; input.value = String(g.id);
        label.append(input, document.createTextNode(' ' + t('compose.target.groupMembers', g.name, B.number(g.members))));
        box.appendChild(label);
      }
    } catch (err) {
      empty.textContent = problemText(err);
      empty.classList.add('error-text');
    }
  }

  // ---- templates ----------------------------------------------------------------------------------------------
  async function setupTemplates() {
    const select = $('compose-template');
    try {
      const list = await B.api('GET', '/api/templates');
      for (const tpl of list) {
        const opt = document.createElement('option');
        opt.value = tpl.id; opt.textContent = tpl.name;
        select.appendChild(opt);
      }
      if (!list.length) B.announce($('compose-template-status'), t('compose.start.none'));
    } catch (err) {
      B.announce($('compose-template-status'), t('compose.start.failed', problemText(err)), true);
    }
    $('compose-use-template').addEventListener('click', () => loadTemplate(select.value));
    if (form.dataset.template) {
      select.value = form.dataset.template;
      await loadTemplate(form.dataset.template);
    }
  }

  async function loadTemplate(id) {
    if (!id) { reset(); return; }
    let tpl;
    try {
      tpl = await B.api('GET', '/api/compose/templates/' + encodeURIComponent(id));
    } catch (err) {
      B.announce($('compose-template-status'), t('compose.start.failed', problemText(err)), true);
      return;
    }
    for (const l of LANGS) {
      const x = (tpl.texts || {})[l] || {};
      for (const part of ['headline', 'description', 'instruction']) field('texts.' + l + '.' + part).value = x[part] || '';
    }
    field('event').value = tpl.event || '';
    for (const f of ['category', 'severity', 'urgency', 'certainty', 'responseType', 'status']) {
      if (tpl[f] && field(f).querySelector('option[value="' + CSS.escape(tpl[f]) + '"]')) field(f).value = tpl[f];
    }
    if (tpl.channels && tpl.channels.length) {
      for (const c of form.querySelectorAll('input[name="channel"]')) c.checked = !c.disabled && tpl.channels.includes(c.value);
    }
    const tg = tpl.target || {};
    if (!groupsOnly) {
      state.municipalities = (tg.municipalities || []).map(n => String(n).padStart(5, '0'));
      state.shape = tg.polygon && trained ? { type: 'polygon', points: tg.polygon.trim().split(/\s+/).map(p => p.split(',').map(Number)) }
        : tg.circle && trained ? (c => ({ type: 'circle', center: c[0].split(',').map(Number), radiusKm: Number(c[1]) }))(tg.circle.trim().split(/\s+/))
          : null;
      if (map) { renderMunicipalities(); if (state.shape) map.setShape(state.shape); else map.clearShape(); }
      const clear = $('draw-clear');
      if (clear) clear.disabled = !state.shape;
    } else {
      for (const g of form.querySelectorAll('input[name="group"]')) g.checked = (tg.groups || []).includes(Number(g.value));
    }
    B.announce($('compose-template-status'), t('compose.start.loaded', tpl.name));
    schedule(0);
  }

  function reset() {
    for (const e of form.querySelectorAll('[data-field^="texts."]')) e.value = '';
    field('event').value = '';
    schedule(0);
  }

  // ---- send ---------------------------------------------------------------------------------------------------
  // One request (POST /api/compose/send): the server builds the CAP alert again from the form, checks the campaign,
  // stores (publishes) the alert and starts the campaign. A refused campaign leaves no published alert, so sending
  // again after fixing the form is always safe.
  const dialog = $('compose-confirm');
  let pending = null;

  form.addEventListener('submit', async e => {
    e.preventDefault();
    state.showAll = true;
    const status = $('compose-status');
    B.announce(status, t('compose.send.checking'));
    clearTimeout(timer);
    const preview = await refresh();
    if (!preview) return;
    if (!preview.valid || !state.estimate) {
      B.announce(status, t('compose.send.fix'), true);
      const first = form.querySelector('[aria-invalid="true"]');
      if (first) first.focus();
      return;
    }
    pending = { preview, body: body(), estimate: state.estimate, audience: state.audience };
    openConfirm(pending);
  });

  function openConfirm(p) {
    const box = $('compose-confirm-body');
    box.replaceChildren();
    const e = p.estimate;
    const deliveries = Object.values(e.audience.deliveries || {}).reduce((a, b) => a + b, 0);
    const first = p.preview.previews[0];
    const headline = first ? p.body.texts[first.language].headline : '';
    box.appendChild(el('p', null, t('compose.confirm.headline', headline)));
    const audience = groupsOnly
      ? t('compose.confirm.groups', B.number(e.audience.people))
      : t('compose.confirm.audience', B.number(e.audience.people), B.number(p.audience ? p.audience.addresses : e.audience.recipients));
    const a = el('p', 'confirm-audience', audience);
    a.dataset.testid = 'confirm-audience';
    box.appendChild(a);
    const streetLabels = window.BeAlertStreets && !groupsOnly ? BeAlertStreets.labels() : [];
    if (streetLabels.length) {
      const st = el('p', 'confirm-streets', t('compose.streets.confirm', streetLabels.join('; ')));
      st.dataset.testid = 'confirm-streets';
      box.appendChild(st);
    }
    box.appendChild(el('p', null, t('compose.confirm.channels', p.body.channels.map(c => t('compose.channel.' + c)).join(', '))));
    box.appendChild(el('p', null, t('compose.confirm.languages', p.preview.previews.map(x => t('compose.preview.lang.' + x.language)).join(', '))));
    const cost = el('p', 'confirm-cost', t('compose.confirm.cost', B.money(e.estimate.totalCost), B.number(deliveries)));
    cost.dataset.testid = 'confirm-cost';
    box.appendChild(cost);
    const mode = el('p', simulation || e.simulation ? 'notice' : 'warning', simulation || e.simulation ? t('compose.confirm.simulation') : t('compose.confirm.live'));
    box.appendChild(mode);
    dialog.showModal();
    $('compose-confirm-cancel').focus();
  }

  $('compose-confirm-cancel').addEventListener('click', () => { dialog.close(); pending = null; $('compose-send').focus(); });

  $('compose-confirm-send').addEventListener('click', async () => {
    if (!pending) return;
    const p = pending;
    pending = null;
    dialog.close();
    const status = $('compose-status');
    const button = $('compose-send');
    button.disabled = true;
    B.announce(status, t('compose.send.posting'));
    try {
      const first = p.preview.previews[0];
      const name = first ? p.body.texts[first.language].headline.slice(0, 200) : undefined;
      const sent = await B.api('POST', '/api/compose/send', Object.assign({}, p.body, { name }));
      B.announce(status, t('compose.send.started'));
      window.location.assign('/console/campaigns/' + encodeURIComponent(sent.campaign.id));
    } catch (err) {
      button.disabled = false;
      showAlertProblem(err, p);
    }
  });

  // A 422 from /api/alerts: its CAP diagnostics next to the fields they are about.
  function showAlertProblem(err, p) {
    const status = $('compose-status');
    const diagnostics = (err.problem && err.problem.diagnostics) || [];
    if (diagnostics.length) {
      const languages = p.preview.previews.map(x => x.language);
      const errors = {};
      const mapped = diagnostics.map(d => {
        const f = fieldOf(d.code, d.path, languages);
        if (d.severity === 'Error') (errors[f] = errors[f] || []).push(d.code + ': ' + d.message);
        return { code: d.code, severity: d.severity, path: d.path, message: d.message, field: f };
      });
      state.showAll = true;
      showErrors(errors);
      showDiagnostics(mapped);
    }
    B.announce(status, t('compose.send.failed', problemText(err)), true);
  }

  function fieldOf(code, path, languages) {
    const m = /^\/alert\/info\[(\d+)\](?:\/([A-Za-z]+))?/.exec(path || '');
    if (!m) return 'alert';
    const lang = languages[Number(m[1]) - 1];
    const e = m[2] || { BEA010: 'instruction', BEA009: 'expires', BEA008: 'headline' }[code];
    if (['headline', 'description', 'instruction'].includes(e) && lang) return 'texts.' + lang + '.' + e;
    if (['event', 'urgency', 'severity', 'certainty', 'category', 'responseType'].includes(e)) return e;
    if (['expires', 'effective', 'onset'].includes(e)) return 'expiresHours';
    if (e === 'area') return 'target';
    return 'texts';
  }

  // ---- start ----------------------------------------------------------------------------------------------------
  showAudience(null);
  showCost(null);
  Promise.all([setupMap(), setupGroups()]).then(setupTemplates).then(() => schedule(0));
})();
