// BeAlert pages: texts, the JSON API (with the CSRF token for console changes) and small helpers. No dependencies.
(function () {
  'use strict';
  const textNode = document.getElementById('bealert-text');
  const texts = textNode ? JSON.parse(textNode.textContent) : {};
  const csrf = document.querySelector('meta[name="csrf-token"]');

  // t('key', a, b) → the page's text for key with {0}, {1} filled in.
  function t(key, ...args) {
    const text = Object.prototype.hasOwnProperty.call(texts, key) ? texts[key] : key;
    return text.replace(/\{(\d+)\}/g, (m, i) => (args[i] !== undefined ? String(args[i]) : m));
  }

  class ApiError extends Error {
    constructor(status, problem) {
      super((problem && (problem.detail || problem.title)) || ('HTTP ' + status));
      this.status = status;
      this.problem = problem;
    }
  }

  // api('POST', '/api/campaigns', body, { headers }) → parsed JSON (or text), throws ApiError with the ProblemDetails.
  async function api(method, url, body, options) {
    const headers = Object.assign({ Accept: 'application/json' }, (options && options.headers) || {});
    if (csrf && method !== 'GET' && method !== 'HEAD') headers['X-CSRF-TOKEN'] = csrf.content;
    let payload = body;
    if (body !== undefined && body !== null && typeof body !== 'string' && !(body instanceof Blob) && !(body instanceof FormData)) {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const response = await fetch(url, { method, headers, body: payload, credentials: 'same-origin' });
    const type = response.headers.get('Content-Type') || '';
    const data = response.status === 204 ? null : type.includes('json') ? await response.json() : await response.text();
    if (!response.ok) throw new ApiError(response.status, typeof data === 'object' ? data : { detail: data });
    return data;
  }

  const lang = document.documentElement.lang || 'en';
  const locale = { nl: 'nl-BE', fr: 'fr-BE', de: 'de-BE', en: 'en-GB' }[lang] || 'en-GB';
  const number = v => new Intl.NumberFormat(locale).format(v);
  const money = v => new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' }).format(v);
  const dateTime = v => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(v));

  // Shows a message in a live region (role=status/alert) so screen readers announce it.
  function announce(element, message, isError) {
    if (!element) return;
    element.textContent = message || '';
    element.classList.toggle('error', !!isError);
  }

  window.BeAlert = { t, api, ApiError, lang, locale, number, money, dateTime, announce };
})();
