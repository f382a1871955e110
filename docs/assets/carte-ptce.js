/* The maps of ptce.fr (pages cartes/*.html, written by ptce/render/maps.py with folium).
 *
 * folium's script, which makes the Leaflet map, is handed to ptceCarte.lancer(); this file loads
 * Leaflet when the map is wanted (at once on a wide screen; in a narrow frame, a phone, when the map
 * scrolls into view or on a tap), then draws, in French and in kilometres: the pole markers (always
 * above the region shapes: those sit in a pane of their own, under Leaflet's marker pane), clusters
 * coloured by status, the regions (fetched from cartes/*.geojson, never inlined), the count of the
 * poles known only by their region, and reads the parameters of an embedded map from its address
 * (region, statut, thematique, centre, zoom), telling in French what it could not use.
 */
(function () {
  'use strict';

  var NNBSP = '\u202f';
  var PARAMETRES = ['region', 'statut', 'thematique', 'centre', 'zoom'];
  var TERRITOIRES = 'Métropole';
  var config;
  var carte = { pret: false };
  window.ptceCarte = carte;

  function $(id) { return document.getElementById(id); }

  // A phone (or a map embedded in a narrow column): the map waits, the legend and controls fold.
  function narrow() { return window.matchMedia('(max-width: 520px)').matches; }

  function plural(n, one, many) { return n + '\u00a0' + (n > 1 ? many : one); }

  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  function slug(s) {
    return String(s).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
      .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  }

  function colour(c) { return /^#[0-9a-f]{6}$/i.test(c) ? c : '#6a1b9a'; }

  // Black or white, whichever contrasts more with the background (the count on a cluster).
  function ink(c) {
    var l = [1, 3, 5].map(function (i) {
      var v = parseInt(c.substr(i, 2), 16) / 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    var lum = 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2];
    return 1.05 / (lum + 0.05) >= (lum + 0.05) / 0.05 ? '#ffffff' : '#000000';
  }

  // Links of the map open the site's pages in the window around it, or in a new tab on another site.
  function outside() {
    if (window.self === window.top) return false;
    try { return window.top.location.host !== window.location.host; } catch (e) { return true; }
  }

  function say(lines) {
    var box = $('ptce-message');
    if (!box) return;
    box.textContent = '';
    lines.forEach(function (line) {
      var p = document.createElement('span');
      p.textContent = line;
      box.appendChild(p);
    });
    box.classList.toggle('visible', lines.length > 0);
  }

  // --- Loading -----------------------------------------------------------------------------------

  function load(tag, attrs) {
    return new Promise(function (resolve, reject) {
      var el = document.createElement(tag);
      Object.keys(attrs).forEach(function (k) { el[k] = attrs[k]; });
      el.onload = resolve;
      el.onerror = function () { reject(new Error(attrs.src || attrs.href)); };
      document.head.appendChild(el);
    });
  }

  function leaflet() {
    var styles = config.styles.map(function (href) { return load('link', { rel: 'stylesheet', href: href }); });
    return Promise.all(styles).then(function () {
      return config.scripts.reduce(function (chain, src) {
        return chain.then(function () { return load('script', { src: src }); });
      }, Promise.resolve());
    });
  }

  carte.lancer = function (build) {
    config = JSON.parse($('ptce-carte-config').textContent);
    legendForPhones();
    var started = false;
    var waiting = null;
    function start() {
      if (started) return;
      started = true;
      if (waiting) waiting.remove();
      leaflet().then(function () {
        setup(build());
      }).catch(function (error) {
        say(['La carte n’a pas pu être chargée. Rechargez la page' + NNBSP + '; la liste des pôles reste dans l’annuaire.']);
        console.error(error);
      });
    }
    var framed = window.self !== window.top;
    if (!framed || !narrow()) return start();
    // A phone: nothing heavy before the map is wanted.
    var box = document.querySelector('.folium-map');
    waiting = document.createElement('div');
    waiting.className = 'attente';
    waiting.innerHTML = '<p>' + escapeHtml(document.title) + '</p>' +
      '<button type="button">Afficher la carte</button>';
    waiting.querySelector('button').addEventListener('click', start);
    box.appendChild(waiting);
    if ('IntersectionObserver' in window) {
      var first = true;
      var seen = new IntersectionObserver(function (entries) {
        var ratio = entries[entries.length - 1].intersectionRatio;
        // Shown when the reader scrolls it into view; a map already in view at load waits for a tap.
        if (!first && ratio >= 0.5) { seen.disconnect(); start(); }
        first = false;
      }, { threshold: [0, 0.25, 0.5, 0.75, 1] });
      seen.observe(box);
    }
  };

  // --- The map -----------------------------------------------------------------------------------

  function french(map) {
    map.options.zoomSnap = 0.25;
    L.control.zoom({ position: 'topleft', zoomInTitle: 'Zoom avant', zoomOutTitle: 'Zoom arrière' }).addTo(map);
    L.control.scale({ imperial: false, metric: true, position: 'bottomleft' }).addTo(map);
    map.on('popupopen', function (e) {
      var close = e.popup.getElement().querySelector('.leaflet-popup-close-button');
      if (close) { close.setAttribute('aria-label', 'Fermer'); close.title = 'Fermer'; }
    });
    // Under Leaflet's overlays (400) and markers (600): a region never covers a pole.
    map.createPane('ptceRegions').style.zIndex = 350;
  }

  function popupContent(html, base, target) {
    var tpl = document.createElement('template');
    tpl.innerHTML = html;
    tpl.content.querySelectorAll('a[href]').forEach(function (a) {
      if (base) a.href = new URL(a.getAttribute('href'), base).href;
      a.target = target;
      if (target === '_blank') a.rel = 'noopener';
    });
    var div = document.createElement('div');
    div.appendChild(tpl.content);
    return div;
  }

  function statusOf(key) { return config.statuts[key] || config.statuts['']; }

  // A pole of cartes/poles.geojson: its popup from its fields (name and commune escaped at the build).
  function polePopup(p) {
    var href = config.liens.annuaire + encodeURIComponent(p.slug) + '/';
    return '<strong>' + p.nom + '</strong><br>' + p.commune + '<br>' + statusOf(p.statut).nom + '<br>' +
      '<a href="' + escapeHtml(href) + '" target="_top">Voir la fiche</a>';
  }

  function marker(f, target) {
    var p = f.properties;
    var c = colour(p.couleur || statusOf(p.statut).couleur);
    var icon = L.divIcon({
      className: 'point',
      html: '<span class="rond" style="background:' + c + '"></span><span class="invisible">' + p.nom + '</span>',
      iconSize: [26, 26],
      iconAnchor: [13, 13],
      popupAnchor: [0, -8],
      tooltipAnchor: [10, 0]
    });
    var m = L.marker([f.geometry.coordinates[1], f.geometry.coordinates[0]], { icon: icon, riseOnHover: true });
    // A page's own point keeps its relative link; the shared file's are made absolute (an embed).
    m.bindPopup(p.popup ? popupContent(p.popup, null, target)
      : popupContent(polePopup(p), window.location.href, target));
    m.bindTooltip(p.nom, { direction: 'right' });
    return m;
  }

  function clusterGroup(status) {
    var c = colour(status.couleur);
    return L.markerClusterGroup({
      showCoverageOnHover: false,
      maxClusterRadius: 40,
      iconCreateFunction: function (cluster) {
        var n = cluster.getChildCount();
        return L.divIcon({
          className: 'grappe',
          html: '<span style="background:' + c + ';color:' + ink(c) + '">' + n + '</span>' +
            '<span class="invisible"> ' + plural(n, 'pôle', 'pôles') + ' (' + status.nom + ')' + NNBSP +
            ': zoomer</span>',
          iconSize: [38, 38]
        });
      }
    });
  }

  function fetchJson(url) {
    return fetch(url).then(function (r) {
      if (!r.ok) throw new Error(url);
      return r.json();
    });
  }

  function boundsOf(feature) { return L.geoJSON(feature).getBounds(); }

  // The parameters of the address: kept if understood, reported in French otherwise.
  function readParameters() {
    var wanted = {};
    var problems = [];
    var query = new URLSearchParams(window.location.search);
    query.forEach(function (value, name) {
      var v = value.trim();
      if (PARAMETRES.indexOf(name) < 0) {
        problems.push('Paramètre inconnu «\u00a0' + name + '\u00a0», ignoré (paramètres reconnus' + NNBSP +
          ': ' + PARAMETRES.join(', ') + ').');
      } else if (name === 'region') {
        if (config.regions[slug(v)] !== undefined) wanted.region = slug(v);
        else problems.push('Région inconnue' + NNBSP + ': «\u00a0' + v + '\u00a0». La carte montre toute la France.');
      } else if (name === 'statut') {
        if (config.statuts[v] !== undefined && v) wanted.statut = v;
        else problems.push('Statut inconnu' + NNBSP + ': «\u00a0' + v + '\u00a0». Tous les statuts sont montrés.');
      } else if (name === 'thematique') {
        if (config.thematiques[v] !== undefined) wanted.thematique = v;
        else problems.push('Thématique inconnue' + NNBSP + ': «\u00a0' + v + '\u00a0». Toutes sont montrées.');
      } else if (name === 'centre') {
        var m = /^(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)$/.exec(v);
        var lat = m ? parseFloat(m[1]) : NaN;
        var lon = m ? parseFloat(m[2]) : NaN;
        if (m && Math.abs(lat) <= 85 && Math.abs(lon) <= 180) wanted.centre = [lat, lon];
        else problems.push('Centre illisible' + NNBSP + ': «\u00a0' + v + '\u00a0» (attendu' + NNBSP +
          ': latitude,longitude, par exemple 48.11,-1.68).');
      } else if (name === 'zoom') {
        var z = /^\d{1,2}$/.test(v) ? parseInt(v, 10) : NaN;
        if (z >= 2 && z <= 18) wanted.zoom = z;
        else problems.push('Zoom impossible' + NNBSP + ': «\u00a0' + v + '\u00a0» (un entier de 2 à 18).');
      }
    });
    return { wanted: wanted, problems: problems };
  }

  function setup(map) {
    carte.map = map;
    french(map);
    if ('ResizeObserver' in window) {
      new ResizeObserver(function () { map.invalidateSize(); }).observe(map.getContainer());
    }
    var target = outside() ? '_blank' : '_top';
    if (config.mode === 'point') {
      var points = config.points.features;
      points.forEach(function (f) { marker(f, target).addTo(map); });
      map.invalidateSize();
      background(map);
      done();
      return;
    }
    var read = readParameters();
    var wanted = read.wanted;
    var problems = read.problems;
    var region = wanted.region || config.region || null;
    // The view first (known before any data), then the tiles of that view only.
    var view = L.latLngBounds(region ? config.bornes[region] : config.vue);
    function takeView() {
      if (wanted.centre) map.setView(wanted.centre, wanted.zoom || 10);
      else {
        map.fitBounds(view, { padding: [8, 8] });
        if (wanted.zoom) map.setZoom(wanted.zoom);
      }
    }
    takeView();
    background(map);
    var data = config.donnees;
    // A region's map needs its outline only; the France map, the overview of every region.
    var shapes = region ? data.contours + region + '.geojson' : data.regions;
    var base = new URL(shapes, window.location.href).href;  // the regions' links are relative to their file
    Promise.all([fetchJson(data.poles), fetchJson(shapes)]).then(function (got) {
      var poles = got[0].features;
      var regions = got[1].features;
      var matches = function (p) {
        return (!region || p.region === region) &&
          (!wanted.statut || p.statut === wanted.statut) &&
          (!wanted.thematique || (p.thematiques || []).indexOf(wanted.thematique) >= 0);
      };
      var kept = poles.filter(function (f) { return matches(f.properties); });
      var located = kept.filter(function (f) { return f.geometry; });
      var control = null;
      if (region) {
        L.geoJSON(regions, {
          pane: 'ptceRegions', interactive: false,
          style: { color: '#00695c', weight: 2, fillOpacity: 0.05 }
        }).addTo(map);
        if (config.mode === 'france') hideChoroplethLegend();
      } else {
        control = choropleth(map, regions, data.anciennes, base, target);
        territories(map, regions);
      }
      var overlays = statusLayers(map, located, target);
      if (control) {
        Object.keys(overlays).forEach(function (k) { control.addOverlay(overlays[k], k); });
      } else if (Object.keys(overlays).length > 1) {
        control = layersControl(map, {}, overlays);
      }
      if (wanted.statut || wanted.thematique || region) hideLegendRows(located);
      if (!located.length) {
        problems.push(kept.length ? 'Aucun de ces pôles n’a de commune connue' + NNBSP + ': ils sont comptés sous la carte.'
          : 'Aucun pôle ne correspond à ces critères.');
      }
      counts(kept, regions, region, base, target);
      say(problems);
      // The bar under the map has its final height: the map knows its size, and keeps its view.
      var before = map.getSize();
      map.invalidateSize();
      if (!before.equals(map.getSize())) takeView();
      done();
    }).catch(function (error) {
      say(['Les données de la carte n’ont pas pu être chargées. Rechargez la page.']);
      console.error(error);
    });
  }

  function background(map) {
    if (config.fond) L.tileLayer(config.fond, { maxZoom: 18, maxNativeZoom: 18 }).addTo(map);
  }

  function hideChoroplethLegend() {
    var bins = document.querySelector('.legende ul.classes');
    if (bins) bins.parentNode.hidden = true;
  }

  function done() {
    carte.pret = true;
    document.documentElement.classList.add('carte-prete');
  }

  function layersControl(map, bases, overlays) {
    var control = L.control.layers(bases, overlays, { collapsed: narrow(), position: 'topright' }).addTo(map);
    var toggle = control.getContainer().querySelector('.leaflet-control-layers-toggle');
    toggle.title = 'Fonds et statuts affichés';
    toggle.setAttribute('aria-label', 'Fonds et statuts affichés');
    return control;
  }

  function choropleth(map, regions, formerUrl, base, target) {
    // The overview's shapes are simplified to about 2 km: zoomed in, they fade to let the tiles show.
    function opacity() { return map.getZoom() >= 8 ? 0.2 : 0.6; }
    function style(f) {
      return { fillColor: colour(f.properties.couleur), color: '#555', weight: 1, fillOpacity: opacity() };
    }
    // One tooltip that follows the mouse over the regions. Not bindTooltip(): it listens to the focus of
    // each shape, and Chromium then stops at every shape on the way to the page's table (no name, no use:
    // the counts are under the map and in the tables, a click opens the same text).
    var tip = L.tooltip({ sticky: true, direction: 'auto' });
    function each(f, layer) {
      var text = escapeHtml(f.properties.nom) + NNBSP + ': ' + plural(f.properties.fiches, 'fiche', 'fiches');
      layer.on('mouseover mousemove', function (e) { tip.setContent(text).setLatLng(e.latlng).addTo(map); });
      layer.on('mouseout', function () { tip.remove(); });
      layer.bindPopup(popupContent(f.properties.popup, base, target));
    }
    var current = L.geoJSON(regions, { pane: 'ptceRegions', style: style, onEachFeature: each }).addTo(map);
    var former = L.geoJSON(null, { pane: 'ptceRegions', style: style, onEachFeature: each });
    map.on('zoomend', function () {
      current.setStyle(style);
      former.setStyle(style);
    });
    var asked = false;
    former.on('add', function () {
      if (asked) return;
      asked = true;
      fetchJson(formerUrl).then(function (d) { former.addData(d); }).catch(function () {
        say(['Les régions d’avant 2016 n’ont pas pu être chargées.']);
      });
    });
    var bases = {};
    bases['Régions (depuis 2016)'] = current;
    bases['Régions d’avant 2016'] = former;
    return layersControl(map, bases, {});
  }

  function statusLayers(map, located, target) {
    var byStatus = {};
    located.forEach(function (f) {
      (byStatus[f.properties.statut] = byStatus[f.properties.statut] || []).push(f);
    });
    var overlays = {};
    Object.keys(byStatus).sort().forEach(function (key) {
      var status = statusOf(key);
      var group = clusterGroup(status);
      byStatus[key].forEach(function (f) { group.addLayer(marker(f, target)); });
      group.addTo(map);
      var label = '<span class="pastille" style="background:' + colour(status.couleur) + '"></span>' +
        status.nom + ' (' + byStatus[key].length + ')';
      overlays[label] = group;
    });
    return overlays;
  }

  function hideLegendRows(located) {
    var shown = {};
    located.forEach(function (f) { shown[f.properties.statut] = true; });
    document.querySelectorAll('.legende li[data-statut]').forEach(function (li) {
      li.hidden = !shown[li.getAttribute('data-statut')];
    });
  }

  // Overseas France: a selector under the map (where it hides nothing) moves the map there.
  function territories(map, regions) {
    var overseas = regions.filter(function (f) { return f.properties.outre_mer; });
    var bar = $('ptce-barre');
    if (!overseas.length || !bar) return;
    var p = document.createElement('p');
    p.className = 'territoires';
    var html = '<label for="ptce-territoire">Territoire' + NNBSP + ':</label> <select id="ptce-territoire">' +
      '<option value="">' + TERRITOIRES + '</option>';
    overseas.forEach(function (f, i) {
      html += '<option value="' + i + '">' + escapeHtml(f.properties.nom) + '</option>';
    });
    p.innerHTML = html + '</select>';
    p.querySelector('select').addEventListener('change', function (e) {
      var v = e.target.value;
      if (v === '') map.fitBounds(config.vue, { padding: [8, 8] });
      else map.fitBounds(boundsOf(overseas[parseInt(v, 10)]), { padding: [10, 10] });
    });
    bar.insertBefore(p, $('ptce-comptes'));
  }

  // Beside the map: the poles it cannot place, per region, with a link to the region's page.
  function counts(kept, regions, region, base, target) {
    var box = $('ptce-comptes');
    if (!box) return;
    var byCode = {};
    regions.forEach(function (f) { byCode[f.properties.code] = f.properties; });
    var located = kept.filter(function (f) { return f.geometry; }).length;
    var perRegion = {};
    var nowhere = 0;
    kept.forEach(function (f) {
      if (f.geometry) return;
      if (f.properties.region) perRegion[f.properties.region] = (perRegion[f.properties.region] || 0) + 1;
      else nowhere += 1;
    });
    var regionOnly = Object.keys(perRegion).reduce(function (s, k) { return s + perRegion[k]; }, 0);
    function link(props, text) {
      if (!props || !props.lien) return escapeHtml(text);
      var href = new URL(props.lien, base).href;
      return '<a href="' + escapeHtml(href) + '" target="' + target + '"' +
        (target === '_blank' ? ' rel="noopener"' : '') + '>' + escapeHtml(text) + '</a>';
    }
    var html = '<p class="total">' + plural(located, 'pôle placé', 'pôles placés') + ' sur la carte';
    if (region) {
      var props = byCode[region];
      html += (regionOnly ? NNBSP + '; ' + plural(regionOnly, 'pôle connu', 'pôles connus') +
        ' seulement par leur région' + NNBSP + ': ' : NNBSP + '; ') +
        link(props, 'voir la liste des pôles en ' + decode(props ? props.nom : '')) + '.</p>';
      box.innerHTML = html;
      return;
    }
    html += '.</p>';
    if (regionOnly) {
      var names = Object.keys(perRegion).sort(function (a, b) {
        return (byCode[a] ? decode(byCode[a].nom) : a).localeCompare(byCode[b] ? decode(byCode[b].nom) : b, 'fr');
      });
      html += '<details class="sans-position"><summary>' +
        plural(regionOnly, 'pôle connu', 'pôles connus') + ' seulement par leur région</summary><ul>';
      names.forEach(function (code) {
        var p = byCode[code];
        html += '<li>' + link(p, (p ? decode(p.nom) : code)) + NNBSP + ': ' + perRegion[code] + '</li>';
      });
      html += '</ul></details>';
    }
    if (nowhere) {
      var directory = new URL(config.liens.annuaire, window.location.href).href;
      html += '<p class="sans-region">' + plural(nowhere, 'pôle', 'pôles') + ' sans région connue' + NNBSP +
        ': <a href="' + escapeHtml(directory) + '" target="' + target + '"' +
        (target === '_blank' ? ' rel="noopener"' : '') + '>voir l’annuaire</a>.</p>';
    }
    box.innerHTML = html;
  }

  function decode(html) {
    var t = document.createElement('textarea');
    t.innerHTML = html;
    return t.value;
  }

  // On a phone the legend starts folded: the map keeps the room.
  function legendForPhones() {
    if (!narrow()) return;
    document.querySelectorAll('.barre details').forEach(function (d) { d.open = false; });
  }
}());
