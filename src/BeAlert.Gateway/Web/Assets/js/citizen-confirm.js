// Confirm (/citizen/confirm): the six-digit code of a registration or of a sign-in; the expiry and the attempts left
// are stated; a new code can be asked for. On success the token goes to sessionStorage and the citizen's page opens.
(function () {
  'use strict';
  const t = BeAlert.t, C = BeAlertCitizen;
  const pending = C.session.pending();
  const status = document.getElementById('confirm-status');
  const attempts = document.getElementById('confirm-attempts');
  const expiry = document.getElementById('confirm-expiry');
  const input = document.getElementById('code');
  const MAX_ATTEMPTS = 5;

  if (!pending || !(pending.registrationId || pending.signIn)) {
    document.getElementById('confirm-none').classList.remove('hidden');
    return;
  }
  document.getElementById('confirm-card').classList.remove('hidden');

  const time = v => new Intl.DateTimeFormat(BeAlert.locale, { hour: '2-digit', minute: '2-digit' }).format(new Date(v));
  function describe() {
    document.getElementById('confirm-sent').textContent = t(pending.sentBy === 'sms' ? 'citizen.confirm.sentSms' : 'citizen.confirm.sentEmail', pending.destination || '');
    const minutes = Math.max(0, Math.round((pending.expiresAt - Date.now()) / 60000));
    expiry.textContent = t('citizen.confirm.expiry', time(pending.expiresAt), minutes);
    attempts.textContent = t('citizen.confirm.attempts', pending.attemptsLeft === undefined ? MAX_ATTEMPTS : pending.attemptsLeft);
  }
  describe();
  input.focus();

  document.getElementById('confirm-form').addEventListener('submit', async e => {
    e.preventDefault();
    const code = input.value.replace(/\s+/g, '');
    if (!/^\d{6}$/.test(code)) {
      BeAlert.announce(status, t('citizen.confirm.format'), true);
      input.focus();
      return;
    }
    const submit = document.getElementById('confirm-submit');
    submit.disabled = true;
    try {
      const result = pending.signIn
        ? await BeAlert.api('POST', '/api/citizens/sign-in/confirm', { contact: pending.destination, code })
        : await BeAlert.api('POST', '/api/citizens/confirm', { registrationId: pending.registrationId, code });
      C.session.setPending(null);
      C.session.setToken(result.token);
      BeAlert.announce(status, t('citizen.confirm.done'), false);
      location.assign('/citizen/me');
    } catch (error) {
      submit.disabled = false;
      if (error instanceof BeAlert.ApiError && error.status === 422 && error.problem && error.problem.attemptsLeft !== undefined) {
        pending.attemptsLeft = error.problem.attemptsLeft;
      } else if (error instanceof BeAlert.ApiError && error.status === 429 && error.problem && error.problem.title === 'Code locked') {
        pending.attemptsLeft = 0;
      }
      C.session.setPending(pending);
      describe();
      BeAlert.announce(status, C.problemText(error), true);
      input.select();
    }
  });

  document.getElementById('confirm-resend').addEventListener('click', async () => {
    try {
      const result = pending.signIn
        ? await BeAlert.api('POST', '/api/citizens/sign-in', { contact: pending.destination })
        : await BeAlert.api('POST', '/api/citizens/resend', { registrationId: pending.registrationId });
      pending.expiresAt = Date.now() + (result && result.expiresInSeconds ? result.expiresInSeconds : 900) * 1000;
      pending.attemptsLeft = MAX_ATTEMPTS;
      C.session.setPending(pending);
      describe();
      BeAlert.announce(status, t('citizen.confirm.resent'), false);
      input.value = '';
      input.focus();
    } catch (error) {
      BeAlert.announce(status, C.problemText(error), true);
    }
  });
})();
