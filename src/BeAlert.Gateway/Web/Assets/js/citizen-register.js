// Registration (/citizen): phone numbers and/or e-mail addresses, languages, channels, up to five addresses and the
// consent; then on to /citizen/confirm with the registration id. Also "sign in with a code" for a registered citizen.
(function () {
  'use strict';
  const t = BeAlert.t, C = BeAlertCitizen;
  const form = document.getElementById('register-form');
  const phones = document.getElementById('phones'), emails = document.getElementById('emails');
  const status = document.getElementById('register-status');
  const errors = {
    contacts: document.getElementById('contacts-error'),
    languages: document.getElementById('languages-error'),
    channels: document.getElementById('channels-error'),
    consent: document.getElementById('consent-error'),
    addresses: document.getElementById('addresses-status'),
  };
  const MAX_CONTACTS = 5;

  if (C.session.token()) document.getElementById('already-signed-in').classList.remove('hidden');

  let fieldId = 0;
  function addContact(container, kind) {
    const n = container.children.length + 1;
    if (n > MAX_CONTACTS) return null;
    const id = 'contact-' + kind + '-' + (++fieldId);
    const wrap = document.createElement('div');
    const label = document.createElement('label');
    label.htmlFor = id;
    label.textContent = t(kind === 'phone' ? 'citizen.contacts.phone' : 'citizen.contacts.email', n);
    const input = document.createElement('input');
    input.id = id;
    input.name = kind;
    input.type = kind === 'phone' ? 'tel' : 'email';
    input.autocomplete = kind === 'phone' ? 'tel' : 'email';
    input.maxLength = kind === 'phone' ? 32 : 254;
    input.placeholder = kind === 'phone' ? '0470 12 34 56' : 'naam@example.be';
    input.setAttribute('aria-describedby', 'contacts-help contacts-error');
    wrap.append(label, input);
    container.appendChild(wrap);
    document.getElementById(kind === 'phone' ? 'add-phone' : 'add-email').disabled = n >= MAX_CONTACTS;
    return input;
  }
  addContact(phones, 'phone');
  addContact(emails, 'email');
  document.getElementById('add-phone').addEventListener('click', () => { const i = addContact(phones, 'phone'); if (i) i.focus(); });
  document.getElementById('add-email').addEventListener('click', () => { const i = addContact(emails, 'email'); if (i) i.focus(); });

  const picker = C.addressPicker({});

  const values = container => Array.from(container.querySelectorAll('input')).map(i => i.value.trim()).filter(Boolean);

  form.addEventListener('submit', async e => {
    e.preventDefault();
    for (const el of Object.values(errors)) BeAlert.announce(el, '', false);
    BeAlert.announce(status, '', false);
    const body = {
      phones: values(phones),
      emails: values(emails),
      addresses: picker.addresses.map(C.addressInput),
      languages: C.checked(form, 'language'),
      channels: C.checked(form, 'channel'),
      consent: { version: form.dataset.consentVersion, accepted: document.getElementById('consent').checked },
    };
    // The same checks as the server's, first, so the common mistakes are named without a round trip.
    let problems = 0;
    if (body.phones.length + body.emails.length === 0) { BeAlert.announce(errors.contacts, t('citizen.error.contacts'), true); problems++; }
    if (body.languages.length === 0) { BeAlert.announce(errors.languages, t('citizen.error.languages'), true); problems++; }
    if (body.channels.length === 0) { BeAlert.announce(errors.channels, t('citizen.error.channels'), true); problems++; }
    if (!body.consent.accepted) { BeAlert.announce(errors.consent, t('citizen.error.consent'), true); problems++; }
    if (problems) {
      BeAlert.announce(status, t('citizen.register.fix'), true);
      return;
    }
    const submit = document.getElementById('register-submit');
    submit.disabled = true;
    BeAlert.announce(status, t('citizen.register.sending'), false);
    try {
      const result = await BeAlert.api('POST', '/api/citizens', body);
      C.session.setPending({
        registrationId: result.registrationId,
        sentBy: result.codeSentBy,
        destination: result.codeSentBy === 'sms' ? body.phones[0] : body.emails[0],
        expiresAt: Date.now() + result.expiresInSeconds * 1000,
      });
      location.assign('/citizen/confirm');
    } catch (error) {
      submit.disabled = false;
      if (error instanceof BeAlert.ApiError && error.status === 422 && C.showFieldErrors(error.problem, errors)) {
        BeAlert.announce(status, t('citizen.register.fix'), true);
        for (const el of Object.values(errors)) el.classList.add('error');
      } else {
        BeAlert.announce(status, C.problemText(error), true);
      }
    }
  });

  // Sign in with a code: a code goes to a confirmed phone number or e-mail address; the confirm page takes it.
  const signIn = document.getElementById('sign-in-form');
  const signInStatus = document.getElementById('sign-in-status');
  signIn.addEventListener('submit', async e => {
    e.preventDefault();
    const contact = document.getElementById('sign-in-contact').value.trim();
    if (!contact) {
      BeAlert.announce(signInStatus, t('citizen.signIn.empty'), true);
      return;
    }
    try {
      const result = await BeAlert.api('POST', '/api/citizens/sign-in', { contact });
      C.session.setPending({ signIn: true, sentBy: result.codeSentBy, destination: contact, expiresAt: Date.now() + result.expiresInSeconds * 1000 });
      location.assign('/citizen/confirm');
    } catch (error) {
      BeAlert.announce(signInStatus, error instanceof BeAlert.ApiError && error.status === 422 ? t('citizen.signIn.invalid') : C.problemText(error), true);
    }
  });
})();
