// BeAlert map: Belgium's municipalities as an SVG base map (no tiles, no internet), with layers for alerts,
// highlighted municipalities and a drawn polygon or circle. Written here; no dependencies.
//
//   const map = BeAlertMap.create(element, { lang: 'nl', onMunicipalityClick: (m, [lat, lon]) => ..., label: '...' });
//   await map.ready;
//   map.highlight(['44021']);                         // fill municipalities (NIS codes)
//   map.showAlerts(featureCollection, { onClick });   // GeoJSON polygons/points with properties
//   map.draw('polygon' | 'circle').then(shape => …);  // resolves on finish, null on cancel (Escape)
//   map.setShape(shape); map.clearShape();           // shape: { type:'polygon', points:[[lat,lon],…] } | { type:'circle', center:[lat,lon], radiusKm }
//   BeAlertMap.toCap(shape)                           // "lat,lon lat,lon …" (closed) or "lat,lon radiusKm"
//   map.municipalities                                // [{ nis, nl, fr, province, population }]
//
// Added (same API otherwise; everything above still works as before):
//   map.fitTo(target, { padding: 0.1, maxZoom: 200 })  // zoom/pan to: a shape (as above), an array of NIS codes
//                                                     // (after ready), a GeoJSON Feature/geometry/FeatureCollection,
//                                                     // or [[lat,lon],…]; returns false when there is nothing to fit
//   map.fitBounds([[south, west], [north, east]])      // zoom/pan to a lat/lon box
//   map.showAlerts(fc, { onClick, key: f => id })      // each drawn feature gets data-alert-id = key(f) (default
//                                                     // properties.id, else identifier); Polygon, MultiPolygon,
//                                                     // GeometryCollection, Point (+ properties.radiusKm for a
//                                                     // circle, else a marker); returns the drawn SVG nodes
//   map.selectAlert(id)                                // outlines that alert (class "selected", drawn on top); null clears
//   map.setLegend([{ className: 'severity-severe', label: 'Severe' }, …], title)  // a legend under the map; [] hides it
//   BeAlertMap.severityLegend(labels)                  // the legend items for the CAP severities, labels = { extreme, … }
//   BeAlertMap.boundsOf(target)                        // [[south, west], [north, east]] of a shape/geometry/point list
//   map.getView() / map.setView(v)                     // the SVG viewBox { x, y, w, h } (for tests and restore)
// Input: drag (mouse, pen, one finger) pans; wheel and two-finger pinch zoom; the focused map takes the arrow keys
// (pan), + / - (zoom), 0 (whole country), Escape/Enter (cancel/finish drawing); the map shows a visible focus ring.
// A drag never counts as a click on a municipality or an alert.
(function () {
  'use strict';
  const SVG = 'http://www.w3.org/2000/svg';
  const LAT0 = 50.5;
  const KX = Math.cos(LAT0 * Math.PI / 180) * 100;
  const KY = 100;
  const project = (lon, lat) => [(lon - 2.5) * KX, (51.55 - lat) * KY];
  const unproject = (x, y) => [51.55 - y / KY, x / KX + 2.5]; // [lat, lon]
  const round = (v, d) => Number(v.toFixed(d));
  let dataPromise = null;

  function el(name, attrs, parent) {
    const e = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    if (parent) parent.appendChild(e);
    return e;
  }

  function ringPath(ring) {
    let d = '';
    for (let i = 0; i < ring.length; i++) {
      const [x, y] = project(ring[i][0], ring[i][1]);
      d += (i === 0 ? 'M' : 'L') + x.toFixed(2) + ' ' + y.toFixed(2);
    }
    return d + 'Z';
  }

  function geometryPath(geometry) {
    if (!geometry) return '';
    const polys = geometry.type === 'Polygon' ? [geometry.coordinates]
      : geometry.type === 'MultiPolygon' ? geometry.coordinates : [];
    return polys.map(p => p.map(ringPath).join('')).join('');
  }

  function circlePoints(center, radiusKm, n) {
    const pts = [];
    for (let i = 0; i < n; i++) {
      const a = 2 * Math.PI * i / n;
      const dLat = radiusKm / 111.32 * Math.cos(a);
      const dLon = radiusKm / (111.32 * Math.cos(center[0] * Math.PI / 180)) * Math.sin(a);
      pts.push([center[0] + dLat, center[1] + dLon]);
    }
    return pts;
  }

  function distanceKm(a, b) {
    const R = 6371.0088, rad = Math.PI / 180;
    const dLat = (b[0] - a[0]) * rad, dLon = (b[1] - a[1]) * rad;
    const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[0] * rad) * Math.cos(b[0] * rad) * Math.sin(dLon / 2) ** 2;
    return 2 * R * Math.asin(Math.sqrt(h));
  }

  // [[south, west], [north, east]] of a shape, GeoJSON (Feature/geometry/collection), [[lat,lon],…] or [lat,lon].
  function boundsOf(target) {
    const b = [Infinity, Infinity, -Infinity, -Infinity]; // south, west, north, east
    const addLatLon = (lat, lon) => {
      if (!Number.isFinite(lat) || !Number.isFinite(lon)) return;
      b[0] = Math.min(b[0], lat); b[1] = Math.min(b[1], lon); b[2] = Math.max(b[2], lat); b[3] = Math.max(b[3], lon);
    };
    const addCoords = c => {
      if (!Array.isArray(c)) return;
      if (typeof c[0] === 'number') { addLatLon(c[1], c[0]); return; } // GeoJSON: [lon, lat]
      for (const x of c) addCoords(x);
    };
    const add = t => {
      if (!t) return;
      if (Array.isArray(t)) {
        if (typeof t[0] === 'number') addLatLon(t[0], t[1]);
        else for (const x of t) add(x);
      } else if (t.type === 'FeatureCollection') {
        for (const f of t.features || []) add(f);
      } else if (t.type === 'Feature') {
        const p = t.properties || {};
        if (t.geometry && t.geometry.type === 'Point' && p.radiusKm) add({ type: 'circle', center: [t.geometry.coordinates[1], t.geometry.coordinates[0]], radiusKm: p.radiusKm });
        else add(t.geometry);
      } else if (t.type === 'GeometryCollection') {
        for (const g of t.geometries || []) add(g);
      } else if (t.type === 'circle') {
        for (const p of circlePoints(t.center, t.radiusKm, 16)) addLatLon(p[0], p[1]);
      } else if (t.type === 'polygon') {
        for (const p of t.points || []) addLatLon(p[0], p[1]);
      } else if (t.coordinates) {
        addCoords(t.coordinates);
      }
    };
    add(target);
    return b[0] === Infinity ? null : [[b[0], b[1]], [b[2], b[3]]];
  }

  const SEVERITIES = ['extreme', 'severe', 'moderate', 'minor', 'unknown'];
  function severityLegend(labels) {
    return SEVERITIES.map(s => ({ className: 'severity-' + s, label: (labels && labels[s]) || s }));
  }

  function toCap(shape) {
    if (!shape) return null;
    if (shape.type === 'circle') {
      return round(shape.center[0], 5) + ',' + round(shape.center[1], 5) + ' ' + round(shape.radiusKm, 3);
    }
    const pts = shape.points.map(p => round(p[0], 5) + ',' + round(p[1], 5));
    if (pts.length && pts[0] !== pts[pts.length - 1]) pts.push(pts[0]);
    return pts.join(' ');
  }

  function loadMunicipalities(url) {
    if (!dataPromise) {
      dataPromise = fetch(url, { credentials: 'same-origin' }).then(r => {
        if (!r.ok) throw new Error('base map: HTTP ' + r.status);
        return r.json();
      });
    }
    return dataPromise;
  }

  function create(container, options) {
    const opts = Object.assign({ url: '/web/geo/municipalities.json', lang: document.documentElement.lang || 'en' }, options || {});
    container.classList.add('bealert-map');
    const svg = el('svg', { class: 'map-svg', role: 'img', 'aria-label': opts.label || 'Map of Belgium', tabindex: '0' }, container);
    const full = { x: 0, y: 0, w: (6.45 - 2.5) * KX, h: (51.55 - 49.45) * KY };
    let view = Object.assign({}, full);
    const gBase = el('g', { class: 'layer-base' }, svg);
    const gHighlight = el('g', { class: 'layer-highlight' }, svg);
    const gAlerts = el('g', { class: 'layer-alerts' }, svg);
    const gShape = el('g', { class: 'layer-shape' }, svg);
    const controls = document.createElement('div');
    controls.className = 'map-controls';
    container.appendChild(controls);
    const paths = new Map();
    const api = { svg, municipalities: [], shape: null };

    function applyView() { svg.setAttribute('viewBox', `${view.x} ${view.y} ${view.w} ${view.h}`); }
    applyView();

    function zoom(factor, cx, cy) {
      const w = Math.min(full.w * 1.5, Math.max(full.w / 200, view.w * factor));
      const h = w * full.h / full.w;
      cx = cx ?? view.x + view.w / 2; cy = cy ?? view.y + view.h / 2;
      view = { x: cx - (cx - view.x) * w / view.w, y: cy - (cy - view.y) * h / view.h, w, h };
      applyView();
    }
    function pan(dx, dy) { view.x += dx; view.y += dy; applyView(); }
    api.getView = () => Object.assign({}, view);
    api.setView = v => { view = { x: +v.x, y: +v.y, w: +v.w, h: +v.h }; applyView(); };
    api.fitBounds = (bounds, o) => {
      if (!bounds) return false;
      const pad = (o && o.padding !== undefined) ? o.padding : 0.1;
      const [x0, y0] = project(bounds[0][1], bounds[1][0]); // west, north → top left
      const [x1, y1] = project(bounds[1][1], bounds[0][0]); // east, south → bottom right
      const minW = full.w / ((o && o.maxZoom) || 200);
      let w = Math.max(minW, (x1 - x0) * (1 + 2 * pad), (y1 - y0) * (1 + 2 * pad) * full.w / full.h);
      w = Math.min(w, full.w * 1.5);
      const h = w * full.h / full.w;
      view = { x: (x0 + x1) / 2 - w / 2, y: (y0 + y1) / 2 - h / 2, w, h };
      applyView();
      return true;
    };
    api.fitTo = (target, o) => {
      if (Array.isArray(target) && target.length && (typeof target[0] === 'string' || (typeof target[0] === 'number' && target[0] > 1000))) {
        const geoms = target.map(c => paths.get(String(c))).filter(Boolean); // NIS codes
        return api.fitBounds(boundsOf({ type: 'GeometryCollection', geometries: geoms }), o);
      }
      return api.fitBounds(boundsOf(target), o);
    };
    api.zoomIn = () => zoom(1 / 1.5);
    api.zoomOut = () => zoom(1.5);
    api.reset = () => { view = Object.assign({}, full); applyView(); };

    function button(text, title, action) {
      const b = document.createElement('button');
      b.type = 'button'; b.textContent = text; b.title = title; b.setAttribute('aria-label', title);
      b.addEventListener('click', action);
      controls.appendChild(b);
      return b;
    }
    const labels = opts.controlLabels || { zoomIn: 'Zoom in', zoomOut: 'Zoom out', reset: 'Whole country' };
    button('+', labels.zoomIn, api.zoomIn);
    button('−', labels.zoomOut, api.zoomOut);
    button('⌂', labels.reset, api.reset);

    function svgPoint(evt) {
      const pt = svg.createSVGPoint();
      pt.x = evt.clientX; pt.y = evt.clientY;
      const p = pt.matrixTransform(svg.getScreenCTM().inverse());
      return [p.x, p.y];
    }
    api.toLatLon = evt => { const [x, y] = svgPoint(evt); return unproject(x, y); };

    // Pan with drag (mouse, pen, one finger); pinch with two fingers zooms; a press that hardly moves is a click.
    let drag = null;
    let suppressClick = false; // set by a drag or pinch, so the click that ends it selects nothing
    const pointers = new Map();
    let pinch = null;
    const pinchState = () => {
      const [a, b] = [...pointers.values()];
      return { dist: Math.hypot(a.x - b.x, a.y - b.y), mid: svgPoint({ clientX: (a.x + b.x) / 2, clientY: (a.y + b.y) / 2 }) };
    };
    svg.addEventListener('pointerdown', e => {
      pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
      suppressClick = false;
      if (pointers.size === 2) { pinch = pinchState(); drag = null; suppressClick = true; return; }
      drag = { x: e.clientX, y: e.clientY, moved: false, view: Object.assign({}, view) };
    });
    svg.addEventListener('pointermove', e => {
      if (pointers.has(e.pointerId)) pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
      if (pinch && pointers.size === 2) {
        const now = pinchState();
        if (now.dist > 0 && pinch.dist > 0) zoom(pinch.dist / now.dist, pinch.mid[0], pinch.mid[1]);
        pinch.dist = now.dist;
        return;
      }
      if (drag && (Math.abs(e.clientX - drag.x) + Math.abs(e.clientY - drag.y) > 5)) {
        drag.moved = true;
        suppressClick = true;
        const scale = view.w / svg.clientWidth;
        view.x = drag.view.x - (e.clientX - drag.x) * scale;
        view.y = drag.view.y - (e.clientY - drag.y) * scale;
        applyView();
      }
      if (drawing) drawing.move(unproject(...svgPoint(e)));
    });
    const endPointer = e => {
      pointers.delete(e.pointerId);
      if (pinch) { if (pointers.size < 2) pinch = null; drag = null; return true; }
      return false;
    };
    svg.addEventListener('pointercancel', e => { endPointer(e); drag = null; });
    svg.addEventListener('pointerleave', e => { if (e.pointerType === 'mouse') { pointers.delete(e.pointerId); drag = null; } });
    svg.addEventListener('pointerup', e => {
      if (endPointer(e)) return;
      const wasDrag = (drag && drag.moved) || suppressClick;
      drag = null;
      if (wasDrag) return;
      const latlon = unproject(...svgPoint(e));
      if (drawing) { drawing.click(latlon); return; }
      const target = e.target.closest && e.target.closest('[data-nis]');
      if (target && opts.onMunicipalityClick) {
        const m = api.municipalities.find(x => x.nis === target.dataset.nis);
        opts.onMunicipalityClick(m, latlon);
      }
    });
    svg.addEventListener('dblclick', e => { e.preventDefault(); if (drawing) drawing.finish(); });
    svg.addEventListener('wheel', e => { e.preventDefault(); const [x, y] = svgPoint(e); zoom(e.deltaY > 0 ? 1.25 : 0.8, x, y); }, { passive: false });
    svg.addEventListener('keydown', e => {
      const step = view.w / 10;
      const keys = { ArrowLeft: () => pan(-step, 0), ArrowRight: () => pan(step, 0), ArrowUp: () => pan(0, -step), ArrowDown: () => pan(0, step), '+': api.zoomIn, '=': api.zoomIn, '-': api.zoomOut, '0': api.reset, Escape: () => drawing && drawing.cancel(), Enter: () => drawing && drawing.finish() };
      if (keys[e.key]) { e.preventDefault(); keys[e.key](); }
    });

    api.ready = loadMunicipalities(opts.url).then(fc => {
      const frag = document.createDocumentFragment();
      for (const f of fc.features) {
        const p = f.properties;
        // de/en: the name a reader of that language expects (server-side MunicipalityNames: Kelmis, Ghent, Lüttich …).
        const local = (opts.lang === 'de' || opts.lang === 'en') && p[opts.lang];
        const name = local || (opts.lang === 'fr' ? p.fr : p.nl);
        api.municipalities.push({ nis: p.nis, nl: p.nl, fr: p.fr, de: p.de, en: p.en, name, province: p.province, population: p.population });
        const path = el('path', { d: geometryPath(f.geometry), class: 'muni', 'data-nis': p.nis });
        el('title', {}, path).textContent = local || (p.nl === p.fr ? p.nl : (opts.lang === 'fr' ? p.fr + ' / ' + p.nl : p.nl + ' / ' + p.fr));
        frag.appendChild(path);
        paths.set(p.nis, f.geometry);
      }
      gBase.appendChild(frag);
      api.municipalities.sort((a, b) => a.name.localeCompare(b.name));
      return api;
    });

    api.highlight = (codes, cls) => {
      gHighlight.replaceChildren();
      for (const code of codes || []) {
        const g = paths.get(String(code));
        if (g) el('path', { d: geometryPath(g), class: cls || 'muni-selected', 'data-nis': String(code) }, gHighlight);
      }
    };

    api.showAlerts = (fc, o) => {
      gAlerts.replaceChildren();
      const nodes = [];
      const keyOf = (o && o.key) || (f => (f.properties || {}).id || (f.properties || {}).identifier);
      for (const f of (fc && fc.features) || []) {
        const props = f.properties || {};
        const cls = 'alert-area severity-' + String(props.severity || 'unknown').toLowerCase();
        const g = f.geometry;
        let node;
        if (!g) continue;
        if (g.type === 'Point' && props.radiusKm) {
          const c = [g.coordinates[1], g.coordinates[0]];
          node = el('path', { d: ringPath(circlePoints(c, props.radiusKm, 72).map(p => [p[1], p[0]])), class: cls }, gAlerts);
        } else if (g.type === 'Point') {
          const [x, y] = project(g.coordinates[0], g.coordinates[1]);
          node = el('circle', { cx: x, cy: y, r: 4, class: cls + ' alert-marker' }, gAlerts);
        } else if (g.type === 'GeometryCollection') {
          node = el('path', { d: g.geometries.map(geometryPath).join(''), class: cls }, gAlerts);
        } else {
          node = el('path', { d: geometryPath(g), class: cls }, gAlerts);
        }
        const key = keyOf(f);
        if (key !== undefined && key !== null) node.setAttribute('data-alert-id', String(key));
        if (props.title) el('title', {}, node).textContent = props.title;
        if (o && o.onClick) node.addEventListener('click', () => { if (!suppressClick) o.onClick(f); });
        nodes.push(node);
      }
      if (selectedAlert !== null) api.selectAlert(selectedAlert);
      return nodes;
    };

    let selectedAlert = null;
    api.selectAlert = id => {
      selectedAlert = id === undefined ? null : id;
      for (const n of gAlerts.querySelectorAll('.selected')) n.classList.remove('selected');
      if (selectedAlert === null) return;
      for (const n of gAlerts.querySelectorAll('[data-alert-id]')) {
        if (n.getAttribute('data-alert-id') === String(selectedAlert)) { n.classList.add('selected'); gAlerts.appendChild(n); }
      }
    };

    let legend = null;
    api.setLegend = (items, title) => {
      if (legend) { legend.remove(); legend = null; }
      if (!items || !items.length) return;
      legend = document.createElement('div');
      legend.className = 'map-legend';
      if (title) { const h = document.createElement('span'); h.className = 'map-legend-title'; h.textContent = title; legend.appendChild(h); }
      const ul = document.createElement('ul');
      for (const item of items) {
        const li = document.createElement('li');
        const sw = el('svg', { class: 'map-legend-swatch', viewBox: '0 0 12 12', width: '14', height: '14', 'aria-hidden': 'true' }, li);
        el('rect', { x: 1, y: 1, width: 10, height: 10, rx: 2, class: item.className }, sw);
        li.appendChild(document.createTextNode(item.label));
        ul.appendChild(li);
      }
      legend.appendChild(ul);
      container.appendChild(legend);
    };

    function renderShape(shape, preview) {
      gShape.replaceChildren();
      if (!shape) return;
      if (shape.type === 'circle') {
        if (shape.radiusKm > 0) el('path', { d: ringPath(circlePoints(shape.center, shape.radiusKm, 72).map(p => [p[1], p[0]])), class: 'drawn-shape' }, gShape);
        const [x, y] = project(shape.center[1], shape.center[0]);
        el('circle', { cx: x, cy: y, r: view.w / 300, class: 'drawn-vertex' }, gShape);
        return;
      }
      const pts = shape.points.map(p => project(p[1], p[0]));
      if (pts.length > 1) {
        el(preview ? 'polyline' : 'polygon', { points: pts.map(p => p.join(',')).join(' '), class: 'drawn-shape' + (preview ? ' preview' : '') }, gShape);
      }
      for (const [x, y] of pts) el('circle', { cx: x, cy: y, r: view.w / 300, class: 'drawn-vertex' }, gShape);
    }

    api.setShape = shape => { api.shape = shape; renderShape(shape, false); };
    api.clearShape = () => api.setShape(null);

    let drawing = null;
    api.draw = kind => new Promise(resolve => {
      if (drawing) drawing.cancel();
      container.classList.add('drawing');
      const done = shape => { drawing = null; container.classList.remove('drawing'); api.setShape(shape); resolve(shape); };
      if (kind === 'circle') {
        let center = null;
        drawing = {
          click: ll => { if (!center) { center = ll; renderShape({ type: 'circle', center, radiusKm: 0 }); } else done({ type: 'circle', center, radiusKm: Math.max(0.1, distanceKm(center, ll)) }); },
          move: ll => { if (center) renderShape({ type: 'circle', center, radiusKm: distanceKm(center, ll) }); },
          finish: () => {},
          cancel: () => done(null),
        };
      } else {
        const points = [];
        drawing = {
          click: ll => {
            if (points.length >= 3) {
              const [fx, fy] = project(points[0][1], points[0][0]);
              const [cx, cy] = project(ll[1], ll[0]);
              if (Math.hypot(fx - cx, fy - cy) < view.w / 80) { drawing.finish(); return; }
            }
            points.push(ll); renderShape({ type: 'polygon', points }, true);
          },
          move: () => {},
          finish: () => { if (points.length >= 3) done({ type: 'polygon', points: points.slice() }); },
          cancel: () => done(null),
        };
      }
    });
    api.finishDrawing = () => drawing && drawing.finish();
    api.cancelDrawing = () => drawing && drawing.cancel();
    return api;
  }

  window.BeAlertMap = { create, toCap, distanceKm, circlePoints, boundsOf, severityLegend };
})();
