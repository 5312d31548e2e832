// Operator console home (/console): prepaid balance, active alerts of the authority, recent campaigns.
(function () {
  'use strict';
  const { t, api, announce, money, dateTime, number } = BeAlert;
  const { el, channel, statusBadge, modeBadge } = BeAlertConsole;

  async function loadBalance() {
    const target = document.getElementById('balance');
    const note = document.getElementById('balance-note');
    const live = document.getElementById('balance-status');
    try {
      const billing = await api('GET', '/api/billing?months=1');
      target.textContent = money(billing.balance);
      target.classList.toggle('overdrawn', !!billing.overdrawn);
      const month = (billing.usage || []).reduce((sum, u) => sum + Number(u.amount || 0), 0);
      note.textContent = billing.overdrawn ? t('console.home.overdrawn') : t('console.home.spentThisMonth', money(month));
    } catch (e) {
      target.textContent = '—';
      announce(live, t('common.error', e.message), true);
    }
  }

  async function loadAlerts() {
    const list = document.getElementById('active-alerts');
    const live = document.getElementById('alerts-status');
    try {
      const alerts = await api('GET', '/api/alerts?active=true&limit=20');
      list.replaceChildren(...alerts.map(a => el('li', {},
        el('span', { class: 'item-title', text: a.headline || a.identifier }),
        ' ',
        a.status === 'Exercise' || a.status === 'Test' ? el('span', { class: 'badge test', text: a.status.toUpperCase() }) : null,
        el('span', { class: 'muted item-meta', text: t('console.home.alertMeta', dateTime(a.sent), dateTime(a.expires), a.location || '') }),
        el('a', { href: '/api/alerts/' + encodeURIComponent(a.identifier) + '?sender=' + encodeURIComponent(a.sender), text: t('console.home.capXml') }))));
      announce(live, alerts.length ? '' : t('console.home.noActiveAlerts'));
    } catch (e) {
      announce(live, t('common.error', e.message), true);
    }
  }

  async function loadCampaigns() {
    const list = document.getElementById('recent-campaigns');
    const live = document.getElementById('campaigns-status');
    try {
      const page = await api('GET', '/api/campaigns?limit=5');
      list.replaceChildren(...page.items.map(c => el('li', {},
        el('a', { class: 'item-title', href: '/console/campaigns/' + c.id, text: c.name }),
        ' ', statusBadge(c.status), ' ', c.simulation ? modeBadge(true) : null,
        el('span', { class: 'muted item-meta', text: t('console.home.campaignMeta', dateTime(c.createdAt), c.channels.map(channel).join(', '), number(c.people)) }))));
      announce(live, page.items.length ? '' : t('console.home.noCampaigns'));
    } catch (e) {
      announce(live, t('common.error', e.message), true);
    }
  }

  loadBalance();
  loadAlerts();
  loadCampaigns();
})();
