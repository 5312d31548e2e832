// The citizen's own page (/citizen/me): addresses (map or typed), languages and channels, contacts and their codes,
// everything stored with the consent history, export (JSON download), delete, sign out. The token is in
// sessionStorage and goes as Bearer; without it the page says to register or sign in with a code.
(function () {
  'use strict';
  const t = BeAlert.t, C = BeAlertCitizen;
  const $ = id => document.getElementById(id);
  const status = $('me-status');
  let record = null;
  let picker = null;

  function show(id) {
    for (const x of ['me-none', 'me-deleted', 'me-profile']) $(x).classList.toggle('hidden', x !== id);
  }

  if (!C.session.token()) {
    show('me-none');
    return;
  }

  // The body of PUT /api/citizens/me: the stored record with one part changed.
  function profileBody(changes) {
    const base = {
      phones: record.phones.map(p => p.number),
      emails: record.emails.map(e => e.address),
      addresses: record.addresses.map(a => C.addressInput(a)),
      languages: record.languages.slice(),
      channels: channelsOf(record),
    };
    return Object.assign(base, changes);
  }
  const channelsOf = r => String(r.channels || '').split(/,\s*/).filter(c => c && c !== 'None');

  async function save(changes) {
    record = await C.me('PUT', '', profileBody(changes));
    renderStored();
    renderContacts();
    return record;
  }

  const channelName = c => t('citizen.channel.' + c.toLowerCase());
  const languageName = l => t('citizen.language.' + l);

  function row(dl, term, value) {
    const dt = document.createElement('dt');
    dt.textContent = term;
    const dd = document.createElement('dd');
    if (Array.isArray(value)) {
      if (value.length === 0) dd.textContent = t('citizen.stored.none');
      else {
        const ul = document.createElement('ul');
        for (const v of value) { const li = document.createElement('li'); li.textContent = v; ul.appendChild(li); }
        dd.appendChild(ul);
      }
    } else dd.textContent = value;
    dl.append(dt, dd);
  }

  function contactText(value, verified) {
    return value + ' — ' + t(verified ? 'citizen.contacts.verified' : 'citizen.contacts.unverified');
  }

  function renderStored() {
    const dl = $('stored');
    dl.replaceChildren();
    row(dl, t('citizen.stored.status'), t(record.status === 'active' ? 'citizen.stored.active' : 'citizen.stored.pending'));
    row(dl, t('citizen.stored.subscriber'), String(record.subscriberId));
    row(dl, t('citizen.stored.phones'), record.phones.map(p => contactText(p.number, p.verified)));
    row(dl, t('citizen.stored.emails'), record.emails.map(e => contactText(e.address, e.verified)));
    row(dl, t('citizen.stored.addresses'), record.addresses.map(a => picker ? picker.describe(a) : String(a.nis)));
    row(dl, t('citizen.stored.languages'), record.languages.map(languageName).join(', '));
    row(dl, t('citizen.stored.channels'), channelsOf(record).map(channelName).join(', '));
    row(dl, t('citizen.stored.created'), record.createdAt ? BeAlert.dateTime(record.createdAt) : '—');
    row(dl, t('citizen.stored.confirmed'), record.confirmedAt ? BeAlert.dateTime(record.confirmedAt) : '—');
    row(dl, t('citizen.stored.updated'), record.updatedAt ? BeAlert.dateTime(record.updatedAt) : '—');
    const body = document.querySelector('#consents tbody');
    body.replaceChildren();
    for (const c of record.consents || []) {
      const tr = document.createElement('tr');
      for (const text of [BeAlert.dateTime(c.at), c.version, t(c.accepted ? 'citizen.stored.accepted' : 'citizen.stored.withdrawn')]) {
        const td = document.createElement('td');
        td.textContent = text;
        tr.appendChild(td);
      }
      body.appendChild(tr);
    }
    $('me-summary').textContent = t('citizen.me.summary', record.addresses.length, C.MAX_ADDRESSES, record.languages.map(languageName).join(', '));
  }

  // Contacts: verified or not; an unverified one takes its code here (a code went out when it was added).
  function renderContacts() {
    const list = $('contact-status');
    list.replaceChildren();
    const contacts = record.phones.map(p => ({ id: p.id, value: p.number, verified: p.verified }))
      .concat(record.emails.map(e => ({ id: e.id, value: e.address, verified: e.verified })));
    for (const c of contacts) {
      const li = document.createElement('li');
      const text = document.createElement('span');
      text.textContent = contactText(c.value, c.verified);
      li.appendChild(text);
      if (!c.verified) {
        const form = document.createElement('form');
        form.className = 'inline-code';
        const id = 'contact-code-' + c.id;
        const label = document.createElement('label');
        label.htmlFor = id;
        label.textContent = t('citizen.contacts.codeFor', c.value);
        const input = document.createElement('input');
        input.id = id; input.inputMode = 'numeric'; input.maxLength = 6; input.autocomplete = 'one-time-code';
        const ok = document.createElement('button');
        ok.type = 'submit'; ok.textContent = t('citizen.contacts.confirm');
        const again = document.createElement('button');
        again.type = 'button'; again.className = 'secondary'; again.textContent = t('citizen.contacts.newCode');
        const note = document.createElement('p');
        note.className = 'status'; note.setAttribute('role', 'status');
        form.append(label, input, ok, again, note);
        form.addEventListener('submit', async e => {
          e.preventDefault();
          const code = input.value.replace(/\s+/g, '');
          if (!/^\d{6}$/.test(code)) { BeAlert.announce(note, t('citizen.confirm.format'), true); return; }
          try {
            record = await C.me('POST', '/contacts/' + c.id + '/confirm', { code });
            renderStored();
            renderContacts();
            BeAlert.announce(status, t('citizen.contacts.confirmed', c.value), false);
          } catch (error) {
            BeAlert.announce(note, C.problemText(error), true);
          }
        });
        again.addEventListener('click', async () => {
          try {
            await C.me('POST', '/contacts/' + c.id + '/code');
            BeAlert.announce(note, t('citizen.confirm.resent'), false);
          } catch (error) {
            BeAlert.announce(note, C.problemText(error), true);
          }
        });
        li.appendChild(form);
      }
      list.appendChild(li);
    }
  }

  function tokenGone(message) {
    C.session.signOut();
    show('me-none');
    BeAlert.announce(status, message, true);
  }

  async function load() {
    BeAlert.announce(status, t('common.loading'), false);
    try {
      record = await C.me('GET', '');
    } catch (error) {
      if (error instanceof BeAlert.ApiError && error.status === 401) tokenGone(t('citizen.error.token'));
      else BeAlert.announce(status, C.problemText(error), true);
      return;
    }
    show('me-profile');
    BeAlert.announce(status, '', false);
    const form = $('prefs-form');
    C.setChecked(form, 'language', record.languages);
    C.setChecked(form, 'channel', channelsOf(record));
    picker = C.addressPicker({
      initial: record.addresses,
      onChange: next => save({ addresses: next.map(C.addressInput) }),
    });
    picker.ready.then(renderStored);
    renderStored();
    renderContacts();
  }

  $('prefs-form').addEventListener('submit', async e => {
    e.preventDefault();
    const form = $('prefs-form');
    const languages = C.checked(form, 'language'), channels = C.checked(form, 'channel');
    const note = $('prefs-status');
    $('languages-error').textContent = languages.length ? '' : t('citizen.error.languages');
    $('channels-error').textContent = channels.length ? '' : t('citizen.error.channels');
    if (!languages.length || !channels.length) { BeAlert.announce(note, t('citizen.register.fix'), true); return; }
    try {
      await save({ languages, channels });
      BeAlert.announce(note, t('citizen.me.saved'), false);
    } catch (error) {
      if (!(error instanceof BeAlert.ApiError && error.status === 422 && C.showFieldErrors(error.problem, { languages: $('languages-error'), channels: $('channels-error') }))) {
        BeAlert.announce(note, C.problemText(error), true);
      }
    }
  });

  // Export: the JSON file from /api/citizens/me/export, fetched with the token and saved by the browser.
  $('export').addEventListener('click', async () => {
    const note = $('export-status');
    try {
      const response = await fetch('/api/citizens/me/export', { headers: { Authorization: 'Bearer ' + C.session.token(), Accept: 'application/json' } });
      if (!response.ok) throw new BeAlert.ApiError(response.status, await response.json().catch(() => null));
      const blob = await response.blob();
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = 'bealert-my-data.json';
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
      BeAlert.announce(note, t('citizen.export.done', 'bealert-my-data.json'), false);
    } catch (error) {
      BeAlert.announce(note, C.problemText(error), true);
    }
  });

  $('delete').addEventListener('click', () => {
    $('delete-confirm').classList.remove('hidden');
    $('delete-no').focus();
  });
  $('delete-no').addEventListener('click', () => {
    $('delete-confirm').classList.add('hidden');
    $('delete').focus();
  });
  $('delete-yes').addEventListener('click', async () => {
    try {
      await C.me('DELETE', '');
      C.session.signOut();
      record = null;
      show('me-deleted');
      BeAlert.announce(status, '', false);
      $('me-deleted').focus();
    } catch (error) {
      BeAlert.announce($('delete-status'), C.problemText(error), true);
    }
  });

  $('sign-out').addEventListener('click', () => {
    C.session.signOut();
    location.assign('/citizen');
  });

  load();
})();
