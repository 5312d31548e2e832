// The public alert map (home page). Owner: the public-map work; this first version only draws the base map.
(function () {
  'use strict';
  const t = BeAlert.t;
  const map = BeAlertMap.create(document.getElementById('public-map'), {
    lang: BeAlert.lang,
    label: t('common.map.label'),
    controlLabels: { zoomIn: t('common.map.zoomIn'), zoomOut: t('common.map.zoomOut'), reset: t('common.map.reset') },
  });
  map.ready.catch(e => console.error(e));
})();
