// Citizen self-service: the citizen's access token (sessionStorage, sent as Bearer; never a cookie, so no CSRF
// exposure), the pending registration, and the address picker shared by the registration and the citizen's page.
(function () {
  'use strict';
  const t = BeAlert.t;
  const TOKEN = 'bealert.citizen.token';
  const PENDING = 'bealert.citizen.pending';
  const MAX_ADDRESSES = 5;

  function read(key) {
    try { return sessionStorage.getItem(key); } catch (e) { return null; }
  }
  function write(key, value) {
    try {
      if (value === null || value === undefined) sessionStorage.removeItem(key); else sessionStorage.setItem(key, value);
    } catch (e) { /* storage disabled: the page still works until it is closed */ }
  }

  const session = {
    token: () => read(TOKEN),
    setToken: token => write(TOKEN, token),
    signOut: () => { write(TOKEN, null); write(PENDING, null); },
    pending: () => { try { return JSON.parse(read(PENDING) || 'null'); } catch (e) { return null; } },
    setPending: p => write(PENDING, p ? JSON.stringify(p) : null),
  };

  // The citizen API with the token as Bearer.
  function me(method, path, body) {
    const token = session.token();
    return BeAlert.api(method, '/api/citizens/me' + (path || ''), body, { headers: token ? { Authorization: 'Bearer ' + token } : {} });
  }

  // Removes accents and case so "liege" finds "Liège".
  const fold = s => String(s || '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();

  // The name of a municipality in the page's language: nl and fr from the data; de and en as the server's
  // MunicipalityNames gives them (an established exonym, else the official local name: Kelmis, Ghent, Lüttich …).
  function muniName(m) {
    if (!m) return '';
    if ((BeAlert.lang === 'de' || BeAlert.lang === 'en') && m[BeAlert.lang]) return m[BeAlert.lang];
    if (BeAlert.lang === 'fr') return m.fr;
    return m.nl;
  }

  // Puts the text of ValidationProblem errors next to the right fields. fields: { phones: el, emails: el, … }.
  function fieldMessage(key) {
    const m = /^(phones|emails|addresses|languages|channels|consent)(?:\[(\d+)\])?/.exec(key);
    if (!m) return null;
    const n = m[2] !== undefined ? Number(m[2]) + 1 : null;
    switch (m[1]) {
      case 'phones': return { field: 'contacts', text: n ? t('citizen.error.phone', n) : t('citizen.error.contacts') };
      case 'emails': return { field: 'contacts', text: n ? t('citizen.error.email', n) : t('citizen.error.contacts') };
      case 'addresses': return { field: 'addresses', text: n ? t('citizen.error.address', n) : t('citizen.error.addressCount') };
      case 'languages': return { field: 'languages', text: t('citizen.error.languages') };
      case 'channels': return { field: 'channels', text: t('citizen.error.channels') };
      default: return { field: 'consent', text: t('citizen.error.consent') };
    }
  }

  function showFieldErrors(problem, elements) {
    const byField = {};
    for (const key of Object.keys((problem && problem.errors) || {})) {
      const msg = fieldMessage(key);
      if (!msg) continue;
      (byField[msg.field] = byField[msg.field] || []).push(msg.text);
    }
    for (const [field, el] of Object.entries(elements)) {
      if (el) el.textContent = (byField[field] || []).join(' ');
    }
    return Object.keys(byField).length;
  }

  // A problem from the API in the page's language, by status (and title where one status has several meanings).
  function problemText(error) {
    if (!(error instanceof BeAlert.ApiError)) return t('citizen.error.network');
    const p = error.problem || {};
    switch (error.status) {
      case 401: return t('citizen.error.token');
      case 404: return p.title === 'Unknown registration' ? t('citizen.confirm.unknown') : t('citizen.error.generic', error.status);
      case 409: return t('citizen.confirm.already');
      case 410: return p.title === 'Code expired' ? t('citizen.confirm.expired') : t('citizen.confirm.used');
      case 413: return t('citizen.error.tooLarge');
      case 422: return p.title === 'Wrong code' ? t('citizen.confirm.wrong', p.attemptsLeft !== undefined ? p.attemptsLeft : '?') : t('citizen.error.invalid');
      case 429:
        if (p.title === 'Code locked') return t('citizen.confirm.locked');
        if (p.title === 'Too many codes') return t('citizen.confirm.tooMany');
        return t('citizen.error.slowDown');
      default: return t('citizen.error.generic', error.status);
    }
  }

  // The address picker: click a municipality on the map (the point is named by /web/geo/locate) or type its name.
  // addresses are { nis, lat?, lon?, street?, houseNumber?, postalCode?, locatedBy: 'point'|'municipality' }.
  // onChange(next) may return a promise; when it rejects the list stays as it was.
  function addressPicker(options) {
    const root = options.root || document;
    const $ = id => root.querySelector('#' + id);
    const mapEl = $('citizen-map'), search = $('muni-search'), addButton = $('muni-add'), datalist = $('muni-list');
    const list = $('address-list'), status = $('addresses-status'), count = $('addresses-count');
    let addresses = (options.initial || []).slice();
    let busy = false;
    const map = BeAlertMap.create(mapEl, {
      lang: BeAlert.lang,
      label: t('citizen.map.label'),
      controlLabels: { zoomIn: t('common.map.zoomIn'), zoomOut: t('common.map.zoomOut'), reset: t('common.map.reset') },
      onMunicipalityClick: (m, latlon) => addPoint(latlon),
    });
    const byNis = new Map();

    const ready = map.ready.then(() => {
      const frag = document.createDocumentFragment();
      for (const m of map.municipalities) {
        byNis.set(String(m.nis), m);
        const names = [muniName(m), m.nl, m.fr, m.de, m.en].filter(Boolean);
        for (const name of new Set(names)) {
          const o = document.createElement('option');
          o.value = name;
          if (name !== names[0]) o.label = names[0];
          frag.appendChild(o);
        }
      }
      datalist.appendChild(frag);
      render();
    }).catch(() => BeAlert.announce(status, t('citizen.map.failed'), true));

    function nameOf(a) {
      const m = byNis.get(String(a.nis));
      return m ? muniName(m) : String(a.nis);
    }

    function describe(a) {
      const place = nameOf(a);
      const street = [a.street, a.houseNumber].filter(Boolean).join(' ');
      const where = a.locatedBy === 'point' && a.lat !== undefined && a.lat !== null
        ? t('citizen.addresses.point', place, a.lat.toFixed(4), a.lon.toFixed(4))
        : t('citizen.addresses.whole', place);
      return street ? street + ', ' + where : where;
    }

    function render() {
      list.replaceChildren();
      addresses.forEach((a, i) => {
        const li = document.createElement('li');
        const span = document.createElement('span');
        span.textContent = describe(a);
        const remove = document.createElement('button');
        remove.type = 'button';
        remove.className = 'secondary small';
        remove.textContent = t('citizen.addresses.remove');
        remove.setAttribute('aria-label', t('citizen.addresses.removeNamed', nameOf(a)));
        remove.addEventListener('click', () => change(addresses.filter((_, j) => j !== i), t('citizen.addresses.removed', nameOf(a))));
        li.append(span, remove);
        list.appendChild(li);
      });
      count.textContent = t('citizen.addresses.count', addresses.length, MAX_ADDRESSES);
      map.highlight(addresses.map(a => String(a.nis)));
      addButton.disabled = addresses.length >= MAX_ADDRESSES;
    }

    async function change(next, message) {
      if (busy) return;
      busy = true;
      try {
        if (options.onChange) await options.onChange(next);
        addresses = next;
        render();
        BeAlert.announce(status, message, false);
      } catch (e) {
        BeAlert.announce(status, problemText(e), true);
      } finally {
        busy = false;
      }
    }

    function full() {
      if (addresses.length < MAX_ADDRESSES) return false;
      BeAlert.announce(status, t('citizen.addresses.full', MAX_ADDRESSES), true);
      return true;
    }

    async function addPoint(latlon) {
      if (full() || busy) return;
      const lat = Math.round(latlon[0] * 1e5) / 1e5, lon = Math.round(latlon[1] * 1e5) / 1e5;
      const response = await fetch('/web/geo/locate?lat=' + lat + '&lon=' + lon, { headers: { Accept: 'application/json' } }).catch(() => null);
      if (!response || !response.ok) {
        BeAlert.announce(status, t('citizen.addresses.notBelgium'), true);
        return;
      }
      const found = await response.json();
      const next = addresses.concat([{ nis: Number(found.nis), lat, lon, locatedBy: 'point' }]);
      await change(next, t('citizen.addresses.added', muniName(found)));
    }

    function addTyped() {
      const typed = fold(search.value);
      if (!typed) {
        BeAlert.announce(status, t('citizen.addresses.typeName'), true);
        search.focus();
        return;
      }
      const m = map.municipalities.find(x => [x.nl, x.fr, x.de, x.en].some(n => n && fold(n) === typed));
      if (!m) {
        BeAlert.announce(status, t('citizen.addresses.unknown', search.value.trim()), true);
        search.focus();
        return;
      }
      if (full()) return;
      change(addresses.concat([{ nis: Number(m.nis), locatedBy: 'municipality' }]), t('citizen.addresses.added', muniName(m)))
        .then(() => { if (addresses.some(a => String(a.nis) === String(m.nis))) search.value = ''; });
    }

    addButton.addEventListener('click', addTyped);
    search.addEventListener('keydown', e => { if (e.key === 'Enter') { e.preventDefault(); addTyped(); } });

    return {
      ready,
      map,
      get addresses() { return addresses.slice(); },
      set(next) { addresses = next.slice(); render(); },
      describe,
    };
  }

  // The API's form of an address: a clicked point by its coordinates, a typed municipality by its NIS code.
  function addressInput(a) {
    const base = { street: a.street || null, houseNumber: a.houseNumber || null, postalCode: a.postalCode || null };
    return a.locatedBy === 'point' && a.lat !== undefined && a.lat !== null
      ? Object.assign(base, { lat: a.lat, lon: a.lon })
      : Object.assign(base, { nis: a.nis });
  }

  const checked = (root, name) => Array.from(root.querySelectorAll('input[name="' + name + '"]:checked')).map(i => i.value);
  function setChecked(root, name, values) {
    for (const input of root.querySelectorAll('input[name="' + name + '"]')) input.checked = values.includes(input.value);
  }

  window.BeAlertCitizen = { session, me, fold, muniName, showFieldErrors, problemText, addressPicker, addressInput, checked, setChecked, MAX_ADDRESSES };
})();
