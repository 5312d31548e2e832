// Console compose page: the "Streets" picker of the target step. A municipality (typed, or clicked on the map after
// "Pick on the map"), then an ARIA 1.2 combobox over GET /api/streets (aria-autocomplete=list; Up/Down move, Enter
// picks, Escape closes), an optional house-number range, and the list of chosen streets with remove buttons.
// compose.js calls BeAlertStreets.init(…) and reads BeAlertStreets.value() into the target ({ nis, name, from?, to? }).
(function () {
  'use strict';
  const root = document.getElementById('street-picker');
  if (!root) return;
  const B = window.BeAlert;
  const t = B.t;
  const $ = id => document.getElementById(id);
  const muniInput = $('street-muni');
  const input = $('street-search');
  const listbox = $('street-options');
  const from = $('street-from');
  const to = $('street-to');
  const addButton = $('street-add');
  const pickButton = $('street-muni-pick');
  const chosenList = $('street-chosen');
  const status = $('street-status');

  let hooks = { resolveMunicipality: () => null, nameOf: c => c, onChange: () => {}, onMunicipality: () => {} };
  let municipality = null;   // NIS code (string) of the street picker's municipality
  let options = [];          // the last suggestions
  let active = -1;           // index of the active option
  let picked = null;         // the chosen suggestion { name, people, addresses, from, to }
  let pickingOnMap = false;
  let seq = 0;
  let timer = 0;
  const chosen = [];         // { nis, name, from, to, people, addresses }

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function setMunicipality(code) {
    municipality = code;
    picked = null;
    input.disabled = !code;
    if (code) muniInput.value = hooks.nameOf(code);
    close();
    hooks.onMunicipality(code);
    B.announce(status, code ? t('compose.streets.municipalityChosen', hooks.nameOf(code)) : '');
  }

  function resolveTyped() {
    const text = muniInput.value.trim();
    if (!text) { setMunicipality(null); return; }
    const code = hooks.resolveMunicipality(text);
    if (!code) { B.announce(status, t('compose.target.unknownMunicipality', text), true); return; }
    if (code !== municipality) setMunicipality(code);
  }

  function close() {
    listbox.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  }

  function render() {
    listbox.replaceChildren();
    options.forEach((o, i) => {
      const li = el('li', 'street-option');
      li.id = 'street-option-' + i;
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', i === active ? 'true' : 'false');
      li.dataset.index = String(i);
      li.append(el('span', 'street-name', o.name),
        el('span', 'street-meta', ' ' + t('compose.streets.optionCounts', B.number(o.people), B.number(o.addresses), rangeText(o.from, o.to))));
      li.addEventListener('mousedown', e => { e.preventDefault(); choose(i); });
      listbox.appendChild(li);
    });
    const open = options.length > 0;
    listbox.hidden = !open;
    input.setAttribute('aria-expanded', open ? 'true' : 'false');
    if (active >= 0) {
      input.setAttribute('aria-activedescendant', 'street-option-' + active);
      const item = $('street-option-' + active);
      if (item && item.scrollIntoView) item.scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  }

  function rangeText(a, b) {
    return a && b ? t('compose.streets.numbers', a, b) : t('compose.streets.noNumbers');
  }

  async function suggest() {
    const q = input.value.trim();
    picked = null;
    if (!municipality || q.length < 2) { options = []; close(); B.announce(status, ''); return; }
    const mine = ++seq;
    let answer;
    try {
      answer = await B.api('GET', '/api/streets?nis=' + encodeURIComponent(municipality) + '&q=' + encodeURIComponent(q) + '&limit=10');
    } catch (err) {
      if (mine !== seq) return;
      options = []; close();
      B.announce(status, (err.problem && (err.problem.detail || err.problem.title)) || String(err.message || err), true);
      return;
    }
    if (mine !== seq) return;
    options = answer.streets || [];
    active = -1;
    render();
    B.announce(status, options.length ? t('compose.streets.suggestions', options.length) : t('compose.streets.none', q));
  }

  function choose(i) {
    const o = options[i];
    if (!o) return;
    picked = o;
    input.value = o.name;
    close();
    B.announce(status, t('compose.streets.picked', o.name, B.number(o.people), B.number(o.addresses)));
  }

  function add() {
    resolveTyped();
    if (!municipality) { B.announce(status, t('compose.streets.needMunicipality'), true); muniInput.focus(); return; }
    const name = picked ? picked.name : input.value.trim();
    const match = picked || options.find(o => o.name.toLowerCase() === name.toLowerCase());
    if (!match) { B.announce(status, t('compose.streets.pickFirst'), true); input.focus(); return; }
    const a = from.value ? Number(from.value) : null;
    const b = to.value ? Number(to.value) : null;
    if ((a !== null && (!Number.isInteger(a) || a < 1)) || (b !== null && (!Number.isInteger(b) || b < 1)) || (a !== null && b !== null && a > b)) {
      B.announce(status, t('compose.streets.badRange'), true);
      from.focus();
      return;
    }
    if (chosen.length >= 200) { B.announce(status, t('compose.streets.tooMany'), true); return; }
    const entry = { nis: municipality, name: match.name, from: a, to: b, people: match.people, addresses: match.addresses };
    if (!chosen.some(c => c.nis === entry.nis && c.name === entry.name && c.from === entry.from && c.to === entry.to)) chosen.push(entry);
    input.value = ''; from.value = ''; to.value = ''; picked = null; options = []; close();
    renderChosen();
    B.announce(status, t('compose.streets.added', label(entry)));
    hooks.onChange();
    input.focus();
  }

  function label(c) {
    const range = c.from || c.to ? ' ' + t('compose.streets.range', c.from || 1, c.to || '…') : '';
    return t('compose.streets.inMunicipality', c.name + range, hooks.nameOf(c.nis));
  }

  function renderChosen() {
    chosenList.replaceChildren();
    chosen.forEach((c, i) => {
      const li = el('li', 'chip', label(c) + ' ');
      li.dataset.testid = 'street-chip';
      const rm = el('button', 'secondary chip-remove', '×');
      rm.type = 'button';
      rm.setAttribute('aria-label', t('compose.target.remove', label(c)));
      rm.addEventListener('click', () => {
        chosen.splice(i, 1);
        renderChosen();
        B.announce(status, t('compose.target.removed', label(c)));
        hooks.onChange();
        input.focus();
      });
      li.appendChild(rm);
      chosenList.appendChild(li);
    });
  }

  input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(suggest, 150); });
  input.addEventListener('keydown', e => {
    const open = !listbox.hidden && options.length > 0;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!open) { if (options.length) { active = e.key === 'ArrowDown' ? 0 : options.length - 1; render(); } return; }
      active = e.key === 'ArrowDown' ? (active + 1) % options.length : (active <= 0 ? options.length - 1 : active - 1);
      render();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (open && active >= 0) choose(active); else add();
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      close();
    }
  });
  input.addEventListener('blur', () => setTimeout(close, 100));
  muniInput.addEventListener('change', resolveTyped);
  muniInput.addEventListener('keydown', e => { if (e.key === 'Enter') { e.preventDefault(); resolveTyped(); if (municipality) input.focus(); } });
  addButton.addEventListener('click', add);
  pickButton.addEventListener('click', () => {
    pickingOnMap = !pickingOnMap;
    pickButton.setAttribute('aria-pressed', pickingOnMap ? 'true' : 'false');
    B.announce(status, pickingOnMap ? t('compose.streets.clickMap') : '');
  });

  window.BeAlertStreets = {
    init(h) { hooks = Object.assign(hooks, h); input.disabled = !municipality; },
    // The map click goes to the picker once after "Pick on the map"; returns whether it took it.
    takeMapClick(code) {
      if (!pickingOnMap) return false;
      pickingOnMap = false;
      pickButton.setAttribute('aria-pressed', 'false');
      setMunicipality(code);
      input.focus();
      return true;
    },
    municipality: () => municipality,
    value: () => chosen.map(c => { const v = { nis: Number(c.nis), name: c.name }; if (c.from) v.from = c.from; if (c.to) v.to = c.to; return v; }),
    municipalities: () => Array.from(new Set(chosen.map(c => c.nis).concat(municipality ? [municipality] : []))),
    labels: () => chosen.map(label),
    set(list) { chosen.length = 0; for (const s of list || []) chosen.push({ nis: String(s.nis).padStart(5, '0'), name: s.name, from: s.from || null, to: s.to || null }); renderChosen(); },
  };
})();
