// Campaign history (/console/campaigns): the authority's campaigns, newest first, 25 at a time ("more" follows the cursor).
(function () {
  'use strict';
  const { t, api, announce, dateTime, number } = BeAlert;
  const { el, channel, statusBadge, modeBadge } = BeAlertConsole;
  const PAGE = 25;
  const rows = document.getElementById('history-rows');
  const more = document.getElementById('history-more');
  const live = document.getElementById('history-status');
  let next = null;

  function row(c) {
    return el('tr', {},
      el('td', {}, el('a', { href: '/console/campaigns/' + c.id, text: c.name }), c.simulation ? ' ' : null, c.simulation ? modeBadge(true) : null),
      el('td', { text: dateTime(c.createdAt) }),
      el('td', {}, statusBadge(c.status)),
      el('td', { text: c.channels.map(channel).join(', ') }),
      el('td', { class: 'num', text: number(c.people) }));
  }

  async function load() {
    more.disabled = true;
    announce(live, t('common.loading'));
    try {
      const page = await api('GET', '/api/campaigns?limit=' + PAGE + (next ? '&before=' + encodeURIComponent(next) : ''));
      rows.append(...page.items.map(row));
      next = page.next;
      more.classList.toggle('hidden', !next);
      const count = rows.children.length;
      announce(live, count ? t('console.history.count', number(count)) : t('console.home.noCampaigns'));
    } catch (e) {
      announce(live, t('common.error', e.message), true);
    } finally {
      more.disabled = false;
    }
  }

  more.addEventListener('click', load);
  load();
})();
