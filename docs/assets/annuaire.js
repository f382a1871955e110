// The directory's filters and « près de chez moi » (/poles/). Without this script the page lists every
// fiche from A to Z. Data: poles/annuaire.json and poles/lieux/*.json, built by ptce/render/directory.py;
// nothing leaves the browser (no geocoder: the reader's position is never sent anywhere).
(function () {
  "use strict";
  var root = document.getElementById("annuaire");
  if (!root || !window.fetch || !window.URLSearchParams || !window.ptceFold) return;

  var FACETS = ["region", "departement", "statut", "type", "thematique"];
  var VOCAB = {statut: "statuts", type: "types", thematique: "thematiques"};
  var form = document.getElementById("annuaire-filtres");
  var count = document.getElementById("annuaire-compte");
  var results = document.getElementById("annuaire-resultats");
  var placeInput = document.getElementById("filtre-lieu");
  var placeMessage = document.getElementById("lieu-message");
  var suggestions = document.getElementById("lieux-suggestions");
  var sortSelect = document.getElementById("filtre-tri");
  var data, poles, place = null, shards = {};

  var fold = window.ptceFold;  // docs/assets/ptce.js
  // Same rule as ptce.render.directory.shard_of.
  function shardOf(text) {
    var key = fold(text).replace(/ /g, "");
    if (/^[0-9]/.test(key)) return "cp-" + key.slice(0, 2);
    return "nom-" + key.slice(0, key.indexOf("saint") === 0 ? 7 : 2);
  }
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function number(n) { return n.toLocaleString("fr-FR"); }
  function plural(n, one, many) { return number(n) + "\u00a0" + (n > 1 ? many : one); }
  function label(section, key) { return (data.libelles[section] || {})[key] || key; }
  function km(a, b) {
    var r = Math.PI / 180, dLat = (b[0] - a[0]) * r, dLon = (b[1] - a[1]) * r;
    var h = Math.pow(Math.sin(dLat / 2), 2) +
      Math.cos(a[0] * r) * Math.cos(b[0] * r) * Math.pow(Math.sin(dLon / 2), 2);
    return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
  }

  // ------------------------------------------------------------------ state <-> address
  function state() {
    var s = {q: form.elements.q.value.trim(), tri: sortSelect.value, lieu: placeInput.value.trim()};
    FACETS.forEach(function (f) { s[f] = form.elements[f].value; });
    return s;
  }
  function toAddress(s) {
    var params = new URLSearchParams();
    ["lieu", "q"].concat(FACETS).forEach(function (k) { if (s[k]) params.set(k, s[k]); });
    if (s.tri && s.tri !== defaultSort()) params.set("tri", s.tri);
    var query = params.toString();
    return location.pathname + (query ? "?" + query : "") + location.hash;
  }
  function defaultSort() { return place ? "distance" : "nom"; }
  var lastAddress = null;
  function remember(push) {
    var address = toAddress(state());
    if (address === lastAddress) return;
    lastAddress = address;
    history[push ? "pushState" : "replaceState"](null, "", address);
  }
  function fromAddress() {
    var params = new URLSearchParams(location.search), problems = [];
    form.elements.q.value = (params.get("q") || "").slice(0, 200);
    FACETS.forEach(function (f) {
      var wanted = params.get(f) || "", select = form.elements[f];
      var known = Array.prototype.some.call(select.options, function (o) { return o.value === wanted; });
      select.value = known ? wanted : "";
      if (wanted && !known) problems.push("« " + wanted.slice(0, 60) + " » n'est pas une valeur connue du filtre " +
        document.querySelector('label[for="filtre-' + f + '"]').textContent.toLowerCase() + " : il est ignoré.");
    });
    placeInput.value = (params.get("lieu") || "").slice(0, 100);
    var tri = params.get("tri") || "";
    document.getElementById("annuaire-message").textContent = problems.join(" ");
    return findPlace(placeInput.value, true).then(function () {
      var known = Array.prototype.some.call(sortSelect.options, function (o) { return o.value === tri; });
      sortSelect.value = known ? tri : defaultSort();
      lastAddress = toAddress(state());
      render();
    });
  }

  // ------------------------------------------------------------------ places
  function shard(key) {
    if (data.lieux.indexOf(key) < 0) return Promise.resolve(null);  // no commune there: nothing to fetch
    if (!shards[key]) {
      shards[key] = fetch(root.dataset.lieux + key + ".json")
        .then(function (r) { return r.ok ? r.json() : null; })
        .catch(function () { return undefined; });
    }
    return shards[key];
  }
  function department(code) { return (data.departements[code] || ["", ""]); }
  function setPlace(found) {
    place = found;
    var distance = sortSelect.querySelector('option[value="distance"]');
    if (place && !distance) {
      sortSelect.insertBefore(el("option", {value: "distance"}, "distance, la plus proche"), sortSelect.firstChild);
    } else if (!place && distance) {
      distance.remove();
    }
    placeMessage.textContent = "";
  }
  // Resolve what the reader typed: a postal code, « Commune », « Commune (dép.) » or « 44200 Nantes ».
  function findPlace(text, quiet) {
    text = text.trim();
    if (!text) { setPlace(null); return Promise.resolve(); }
    var code = (text.match(/^\s*([0-9]{5})\b/) || [])[1];
    var wanted = code ? code : text.replace(/\s*\(([0-9AB]{2,3})\)\s*$/, "");
    var dep = code ? null : (text.match(/\(([0-9AB]{2,3})\)\s*$/) || [])[1];
    if (!code && /^[0-9\s]+$/.test(text)) {
      setPlace(null);
      placeMessage.textContent = "« " + text.slice(0, 20) + " » n'est pas un code postal : il en faut 5 chiffres, par exemple 44200.";
      return Promise.resolve();
    }
    return shard(shardOf(wanted)).then(function (rows) {
      if (rows === undefined) {
        setPlace(null);
        placeMessage.textContent = "La liste des communes n'a pas pu être chargée : vérifiez votre connexion et réessayez.";
        return;
      }
      var matches = [];
      if (code) {
        (rows && rows[code] || []).forEach(function (r) { matches.push({nom: r[0], dep: r[1], point: [r[2], r[3]]}); });
      } else {
        (rows || []).forEach(function (r) {
          if (fold(r[0]) === fold(wanted) && (!dep || r[2] === dep)) matches.push({nom: r[0], dep: r[2], point: [r[3], r[4]]});
        });
      }
      if (!matches.length) {
        setPlace(null);
        placeMessage.textContent = code
          ? "Code postal " + code + " inconnu : vérifiez-le."
          : "Aucune commune ne s'appelle « " + wanted.slice(0, 60) + " » : vérifiez l'orthographe ou tapez le code postal.";
        return;
      }
      var deps = matches.map(function (m) { return m.dep; }).filter(function (d, i, all) { return all.indexOf(d) === i; });
      if (!code && deps.length > 1) {
        setPlace(null);
        placeMessage.textContent = "Plusieurs communes s'appellent « " + matches[0].nom + " » : choisissez-en une, " +
          "par exemple « " + matches[0].nom + " (" + deps[0] + ") ».";
        fillSuggestions(matches.map(function (m) { return m.nom + " (" + m.dep + ")"; }));
        return;
      }
      var lat = 0, lon = 0;
      matches.forEach(function (m) { lat += m.point[0]; lon += m.point[1]; });
      var name = matches.length === 1 ? matches[0].nom : plural(matches.length, "commune", "communes");
      setPlace({
        point: [lat / matches.length, lon / matches.length],
        region: department(matches[0].dep)[1],
        label: code ? code + " (" + name + ")" : matches[0].nom + " (" + matches[0].dep + ")"
      });
      if (!quiet) sortSelect.value = "distance";
    });
  }
  function fillSuggestions(values) {
    suggestions.textContent = "";
    values.slice(0, 12).forEach(function (v) { suggestions.appendChild(el("option", {value: v})); });
  }
  function suggest() {
    var text = placeInput.value.trim(), key = fold(text).replace(/ /g, "");
    if (key.length < 2) return fillSuggestions([]);
    shard(shardOf(text)).then(function (rows) {
      if (!rows || placeInput.value.trim() !== text) return;
      var out = [];
      if (/^[0-9]/.test(key)) {
        Object.keys(rows).forEach(function (cp) {
          if (cp.indexOf(key) === 0) out.push(cp + " " + rows[cp].map(function (r) { return r[0]; }).join(", "));
        });
      } else {
        rows.forEach(function (r) {
          if (fold(r[0]).replace(/ /g, "").indexOf(key) === 0) out.push(r[0] + " (" + r[2] + ")");
        });
      }
      fillSuggestions(out);
    });
  }

  // ------------------------------------------------------------------ filtering
  function matches(p, s, skip) {
    for (var i = 0; i < FACETS.length; i++) {
      var f = FACETS[i];
      if (f === skip || !s[f]) continue;
      if (f === "thematique" ? p.thematiques.indexOf(s[f]) < 0 : p[f] !== s[f]) return false;
    }
    if (s.q) {
      var words = fold(s.q).split(" ");
      for (var j = 0; j < words.length; j++) if (p.texte.indexOf(words[j]) < 0) return false;
    }
    return true;
  }
  function valuesOf(p, f) { return f === "thematique" ? p.thematiques : (p[f] ? [p[f]] : []); }
  function optionText(f, value) {
    if (f === "departement") return department(value)[0] + " (" + value + ")";
    if (f === "region") return value;
    return label(VOCAB[f], value);
  }
  function buildOptions() {
    FACETS.forEach(function (f) {
      var seen = {};
      poles.forEach(function (p) { valuesOf(p, f).forEach(function (v) { seen[v] = true; }); });
      var values = Object.keys(seen);
      if (VOCAB[f]) {
        var order = Object.keys(data.libelles[VOCAB[f]] || {});
        values.sort(function (a, b) { return order.indexOf(a) - order.indexOf(b); });
      } else {
        values.sort(function (a, b) { return fold(optionText(f, a)).localeCompare(fold(optionText(f, b)), "fr"); });
      }
      var select = form.elements[f];
      values.forEach(function (v) { select.appendChild(el("option", {value: v}, optionText(f, v))); });
    });
  }
  function updateCounts(s) {
    FACETS.forEach(function (f) {
      var counts = {}, total = 0;
      poles.forEach(function (p) {
        if (!matches(p, s, f)) return;
        total++;
        valuesOf(p, f).forEach(function (v) { counts[v] = (counts[v] || 0) + 1; });
      });
      Array.prototype.forEach.call(form.elements[f].options, function (o) {
        var n = o.value ? (counts[o.value] || 0) : total;
        o.textContent = (o.value ? optionText(f, o.value) : "Tous") + " (" + number(n) + ")";
      });
    });
  }

  // ------------------------------------------------------------------ results
  var HEADS = ["Pôle", "Lieu", "Statut", "Fiche vérifiée le", "Distance"];
  function row(p, distance) {
    var tr = el("tr");
    var name = el("td", {"data-titre": HEADS[0]}), link = el("a", {href: root.dataset.fiches + p.id + "/"}, p.nom);
    name.appendChild(link);
    tr.appendChild(name);
    var where = p.commune ? p.commune + (p.departement ? " (" + p.departement + ")" : "") : "";
    tr.appendChild(el("td", {"data-titre": HEADS[1]}, where || p.region || "—"));
    tr.appendChild(el("td", {"data-titre": HEADS[2]}, p.statut ? label("statuts", p.statut) : "—"));
    var checked = new Date(p.date_maj + "T00:00:00Z").toLocaleDateString("fr-FR", {timeZone: "UTC", dateStyle: "long"});
    tr.appendChild(el("td", {"data-titre": HEADS[3]}, checked));
    if (place) {
      var far = distance === null ? "inconnue" : number(Math.round(distance)) + "\u00a0km";
      tr.appendChild(el("td", {"data-titre": HEADS[4]}, far));
    }
    return tr;
  }
  function table(caption, rows, withDistance) {
    var t = el("table");
    t.appendChild(el("caption", {}, caption));
    var head = el("tr");
    HEADS.slice(0, withDistance ? 5 : 4).forEach(function (h) {
      head.appendChild(el("th", {scope: "col"}, h));
    });
    var thead = el("thead"), tbody = el("tbody");
    thead.appendChild(head);
    t.appendChild(thead);
    rows.forEach(function (r) { tbody.appendChild(r); });
    t.appendChild(tbody);
    var wrap = el("div", {class: "ptce-annuaire__defilement", tabindex: "0", role: "region", "aria-label": caption});
    wrap.appendChild(t);
    return wrap;
  }
  var SORTS = {
    nom: function (a, b) { return a.cle.localeCompare(b.cle, "fr"); },
    region: function (a, b) { return fold(a.region).localeCompare(fold(b.region), "fr") || SORTS.nom(a, b); },
    verification: function (a, b) { return a.date_maj < b.date_maj ? 1 : a.date_maj > b.date_maj ? -1 : SORTS.nom(a, b); }
  };
  function render() {
    var s = state();
    updateCounts(s);
    var shown = poles.filter(function (p) { return matches(p, s); });
    results.textContent = "";
    if (!place) {
      shown.sort(SORTS[s.tri] || SORTS.nom);
      count.textContent = shown.length ? plural(shown.length, "pôle correspond", "pôles correspondent") + " à votre recherche."
        : "Aucun pôle ne correspond à votre recherche : retirez un filtre.";
      if (shown.length) results.appendChild(table("Pôles de l'annuaire", shown.map(function (p) { return row(p); }), false));
      return;
    }
    var located = shown.filter(function (p) { return p.point; });
    located.forEach(function (p) { p.distance = km(place.point, p.point); });
    located.sort(s.tri === "distance" ? function (a, b) { return a.distance - b.distance; } : SORTS[s.tri] || SORTS.nom);
    var regional = shown.filter(function (p) { return !p.point && p.region === place.region; });
    regional.sort(SORTS.nom);
    count.textContent = plural(located.length, "pôle situé", "pôles situés") + ", classés par " +
      (s.tri === "distance" ? "distance à " + place.label : sortSelect.selectedOptions[0].textContent.replace(/ \(.*$/, "")) +
      (regional.length ? ", et " + plural(regional.length, "pôle connu seulement par sa région", "pôles connus seulement par leur région") +
        " (" + place.region + ")." : ".");
    if (located.length) {
      results.appendChild(table("Pôles situés, avec leur distance à vol d'oiseau", located.map(function (p) { return row(p, p.distance); }), true));
    }
    if (regional.length) {
      results.appendChild(el("h3", {}, "Connus seulement par leur région : " + place.region));
      results.appendChild(el("p", {}, "Ces fiches ne donnent ni commune ni adresse : leur distance est inconnue, " +
        (place.guessed ? "mais elles sont de la région du pôle situé le plus proche de vous."
          : "mais elles sont de la même région que " + place.label + ".")));
      results.appendChild(table("Pôles de " + place.region + " sans commune connue", regional.map(function (p) { return row(p, null); }), true));
    }
  }

  // ------------------------------------------------------------------ start
  function start(json) {
    data = json;
    poles = data.poles.map(function (r) {
      var p = {};
      data.champs.forEach(function (k, i) { p[k] = r[i]; });
      p.cle = fold(p.nom);
      p.texte = fold([p.nom, p.commune, department(p.departement)[0], p.region].join(" "));
      return p;
    });
    buildOptions();
    var box = document.getElementById("annuaire-boite");
    if (window.matchMedia("(max-width: 44.9375em)").matches && !/[?&](region|departement|statut|type|thematique|q)=/.test(location.search)) {
      box.open = false;  // on a phone the results come first; the filters are one tap away
    }
    root.hidden = false;
    document.getElementById("annuaire-az").hidden = true;
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    FACETS.concat(["tri"]).forEach(function (f) {
      form.elements[f].addEventListener("change", function () { render(); remember(true); });
    });
    form.elements.q.addEventListener("input", function () { render(); remember(false); });
    placeInput.addEventListener("input", suggest);
    placeInput.addEventListener("change", function () {
      findPlace(placeInput.value).then(function () { render(); remember(true); });
    });
    placeInput.addEventListener("keydown", function (e) {
      if (e.key === "Enter") { e.preventDefault(); placeInput.dispatchEvent(new Event("change")); }
    });
    form.addEventListener("reset", function () {
      setTimeout(function () { setPlace(null); sortSelect.value = "nom"; render(); remember(true); }, 0);
    });
    document.getElementById("lieu-position").addEventListener("click", function () {
      if (!navigator.geolocation) {
        placeMessage.textContent = "Votre navigateur ne donne pas de position : tapez un code postal ou une commune.";
        return;
      }
      placeMessage.textContent = "Position demandée à votre navigateur…";
      navigator.geolocation.getCurrentPosition(function (pos) {
        var point = [pos.coords.latitude, pos.coords.longitude];
        var nearest = null;  // the region of the nearest located pole stands for the reader's region
        poles.forEach(function (p) { if (p.point && (!nearest || km(point, p.point) < km(point, nearest.point))) nearest = p; });
        placeInput.value = "";
        setPlace({point: point, region: nearest ? nearest.region : "", label: "votre position", guessed: true});
        sortSelect.value = "distance";
        render();
        remember(true);
      }, function () {
        placeMessage.textContent = "Position refusée ou indisponible : tapez plutôt un code postal ou une commune.";
      }, {maximumAge: 600000, timeout: 15000});
    });
    window.addEventListener("popstate", fromAddress);
    return fromAddress();
  }
  fetch(root.dataset.donnees)
    .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
    .then(start)
    .catch(function () { /* the A–Z list stays: the page works as without JavaScript */ });
})();
