/* Self-positioning on the référentiel d'action (/boite-a-outils/autopositionnement/).
 *
 * The page is a real HTML questionnaire (ptce/render/referentiel.py), printable without this script. The
 * script turns the answers into a profile: a bar chart (inline SVG) with tables holding the same values,
 * a print layout on one A4 page, JSON and CSV downloads, the YAML block a pole's fiche receives, and an
 * address that keeps the answers after « # » (never sent to a server). Nothing leaves the browser: no
 * request, no storage. A link whose values the tool does not know is read for what it can: the rest is
 * listed in a French message and the address stays as given until the next change.
 */
(function () {
  "use strict";

  var form = document.getElementById("ptce-auto");
  var source = document.getElementById("ptce-auto-donnees");
  var out = document.getElementById("ptce-auto-resultat");
  if (!form || !source || !out) return;

  var REF = JSON.parse(source.textContent);
  var LEVELS = REF.echelle.map(function (n) { return n.niveau; });
  var LOW = LEVELS[0], HIGH = LEVELS[LEVELS.length - 1];
  var MISSING = REF.non_restitues;
  var MAX_TEXT = { nom: 120, note: 300 };
  var root = document.documentElement;
  root.classList.add("ptce-auto-js");

  // ------------------------------------------------------------------ helpers

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (attrs[k] !== null && attrs[k] !== undefined && attrs[k] !== false) node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) {
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }

  var SVG = "http://www.w3.org/2000/svg";
  function svg(tag, attrs, text) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // French typography for the texts this script writes (the build does it for the page's own HTML).
  function fr(text) {
    return String(text)
      .replace(/([A-Za-zÀ-ÿœŒ])'(?=[A-Za-zÀ-ÿœŒ])/g, "$1\u2019")
      .replace(/« ?/g, "«\u00a0").replace(/ ?»/g, "\u00a0»")
      .replace(/ ([;!?])/g, "\u202f$1").replace(/ :(?=\s|$)/g, "\u00a0:");
  }

  function levelLabel(value) {
    for (var i = 0; i < REF.echelle.length; i++) {
      if (REF.echelle[i].niveau === value) return REF.echelle[i].libelle;
    }
    return "non évalué";
  }

  function todayISO() {
    var d = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  function validDate(text) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (!m) return false;
    var d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3] &&
      +m[1] >= 1900;
  }

  function frenchDate(iso) {
    if (!validDate(iso)) return "";
    var months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
      "octobre", "novembre", "décembre"];
    var p = iso.split("-");
    var day = +p[2];
    return (day === 1 ? "1er" : day) + " " + months[+p[1] - 1] + " " + p[0];
  }

  function objectiveIds() { return REF.objectifs.map(function (o) { return o.id; }); }
  function indicatorIds() { return REF.indicateurs.map(function (i) { return i.id; }); }
  function axis(id) { return REF.typologie.filter(function (a) { return a.id === id; })[0]; }

  // ------------------------------------------------------------------ state <-> form

  function radioValue(name) {
    var checked = form.querySelector('input[name="' + name + '"]:checked');
    return checked ? checked.value : "";
  }

  function setRadio(name, value) {
    var inputs = form.querySelectorAll('input[name="' + name + '"]');
    Array.prototype.forEach.call(inputs, function (input) { input.checked = input.value === value; });
  }

  function readForm() {
    var state = { date: form.elements.date.value, nom: form.elements.nom.value.trim(),
      note: form.elements.note.value.trim(), typologie: {}, objectifs: {}, indicateurs: {} };
    REF.typologie.forEach(function (a) {
      var v = radioValue("t-" + a.id);
      if (v) state.typologie[a.id] = v;
    });
    objectiveIds().forEach(function (id) {
      var v = radioValue("o-" + id);
      if (v) state.objectifs[id] = +v;
    });
    indicatorIds().forEach(function (id) {
      var v = radioValue("i-" + id);
      if (v) state.indicateurs[id] = +v;
    });
    return state;
  }

  function writeForm(state) {
    form.elements.date.value = state.date || "";
    form.elements.nom.value = state.nom || "";
    form.elements.note.value = state.note || "";
    REF.typologie.forEach(function (a) { setRadio("t-" + a.id, state.typologie[a.id] || ""); });
    objectiveIds().forEach(function (id) {
      setRadio("o-" + id, id in state.objectifs ? String(state.objectifs[id]) : "");
    });
    indicatorIds().forEach(function (id) {
      setRadio("i-" + id, id in state.indicateurs ? String(state.indicateurs[id]) : "");
    });
  }

  // ------------------------------------------------------------------ the address

  function toHash(state) {
    var params = new URLSearchParams();
    if (state.date) params.append("date", state.date);
    if (state.nom) params.append("nom", state.nom);
    if (state.note) params.append("note", state.note);
    REF.typologie.forEach(function (a) { if (state.typologie[a.id]) params.append(a.id, state.typologie[a.id]); });
    objectiveIds().forEach(function (id) { if (id in state.objectifs) params.append(id, state.objectifs[id]); });
    indicatorIds().forEach(function (id) {
      if (id in state.indicateurs) params.append(id, state.indicateurs[id]);
    });
    var text = params.toString();
    return text ? "#" + text : "";
  }

  /* Read a shared address: every value the tool knows is taken, every other one is named in a problem
     (what it was and why it is left out), so the reader sees all that the link held. */
  function fromHash(hash) {
    var state = { date: "", nom: "", note: "", typologie: {}, objectifs: {}, indicateurs: {} };
    var problems = [];
    var text = (hash || "").replace(/^#/, "");
    if (!text) return { state: state, problems: problems, empty: true };
    var params;
    try { params = new URLSearchParams(text); } catch (e) { params = new URLSearchParams(); }
    var objectives = objectiveIds(), indicators = indicatorIds();
    var seen = {};
    params.forEach(function (raw, key) {
      var shown = "« " + key + "=" + raw + " »";
      var value = raw.trim();
      if (seen[key]) { problems.push(shown + " : valeur en double, la première est gardée"); return; }
      seen[key] = true;
      if (key === "date") {
        if (!validDate(value)) problems.push(shown + " : date illisible (format attendu : AAAA-MM-JJ)");
        else if (value > todayISO()) problems.push(shown + " : date dans le futur, une fiche la refuserait");
        else state.date = value;
      } else if (key === "nom" || key === "note") {
        if (value.length > MAX_TEXT[key]) {
          problems.push("« " + key + " » : texte trop long (" + value.length + " caractères, maximum " +
            MAX_TEXT[key] + "), coupé");
          value = value.slice(0, MAX_TEXT[key]);
        }
        state[key] = value;
      } else if (axis(key)) {
        var a = axis(key);
        if (Object.prototype.hasOwnProperty.call(a.valeurs, value)) state.typologie[key] = value;
        else problems.push(shown + " : valeur inconnue pour l'axe « " + a.intitule + " » (" +
          Object.keys(a.valeurs).join(", ") + ")");
      } else if (objectives.indexOf(key) >= 0 || indicators.indexOf(key) >= 0) {
        var level = /^\d+$/.test(value) ? +value : NaN;
        if (LEVELS.indexOf(level) < 0) {
          problems.push(shown + " : niveau hors de l'échelle (de " + LOW + " à " + HIGH + ")");
        } else if (objectives.indexOf(key) >= 0) state.objectifs[key] = level;
        else state.indicateurs[key] = level;
      } else if (/^\d+$/.test(key) && MISSING.indexOf(+key) >= 0) {
        problems.push(shown + " : l'indicateur " + (+key) + " n'est pas restitué par la source, il ne se note pas");
      } else {
        problems.push(shown + " : ni un objectif (" + objectives[0] + " à " + objectives[objectives.length - 1] +
          "), ni un indicateur restitué, ni un champ de l'outil");
      }
    });
    return { state: state, problems: problems, empty: false };
  }

  // ------------------------------------------------------------------ what the fiche receives

  function profile(state) {
    var p = { date: state.date };
    if (Object.keys(state.typologie).length) p.typologie = state.typologie;
    if (Object.keys(state.objectifs).length) p.objectifs = state.objectifs;
    if (Object.keys(state.indicateurs).length) p.indicateurs = state.indicateurs;
    if (state.note) p.note = state.note;
    return p;
  }

  function hasLevels(state) {
    return Object.keys(state.objectifs).length + Object.keys(state.indicateurs).length > 0;
  }

  /* The block laid out as `make format` writes it (ptce/authoring/canonical.py): JSON's double-quoted
     strings are YAML double-quoted strings. */
  function yaml(state) {
    var lines = ["profils:", "  - date: " + JSON.stringify(state.date || todayISO())];
    var axes = REF.typologie.filter(function (a) { return state.typologie[a.id]; });
    if (axes.length) {
      lines.push("    typologie:");
      axes.forEach(function (a) { lines.push("      " + a.id + ": " + state.typologie[a.id]); });
    }
    var o = objectiveIds().filter(function (id) { return id in state.objectifs; });
    if (o.length) {
      lines.push("    objectifs: {" + o.map(function (id) { return id + ": " + state.objectifs[id]; }).join(", ") + "}");
    }
    var i = indicatorIds().filter(function (id) { return id in state.indicateurs; });
    if (i.length) {
      lines.push("    indicateurs: {" + i.map(function (id) {
        return JSON.stringify(id) + ": " + state.indicateurs[id];
      }).join(", ") + "}");
    }
    if (state.note) lines.push("    note: " + JSON.stringify(state.note));
    return lines.join("\n") + "\n";
  }

  function cell(text) {
    text = String(text === undefined || text === null ? "" : text);
    if (/^[=+\-@\t\r]/.test(text)) text = "'" + text; // a spreadsheet would run it as a formula
    return '"' + text.replace(/"/g, '""') + '"';
  }

  function csv(state) {
    var rows = [["rubrique", "identifiant", "intitule", "valeur", "libelle"]];
    rows.push(["profil", "date", "Date du positionnement", state.date, ""]);
    if (state.nom) rows.push(["profil", "pole", "Nom du pôle", state.nom, ""]);
    if (state.note) rows.push(["profil", "note", "Qui, dans quel cadre", state.note, ""]);
    REF.typologie.forEach(function (a) {
      var v = state.typologie[a.id] || "";
      rows.push(["typologie", a.id, a.intitule, v, v ? a.valeurs[v] : "sans réponse"]);
    });
    REF.objectifs.forEach(function (o) {
      var v = state.objectifs[o.id];
      rows.push(["objectif", o.id, o.intitule, v === undefined ? "" : v, levelLabel(v)]);
    });
    REF.indicateurs.forEach(function (i) {
      var v = state.indicateurs[i.id];
      rows.push(["indicateur", i.id, i.intitule, v === undefined ? "" : v, levelLabel(v)]);
    });
    return rows.map(function (r) { return r.map(cell).join(","); }).join("\r\n") + "\r\n";
  }

  function fileName(state, ext) {
    var name = (state.nom || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60);
    return "profil-referentiel" + (name ? "-" + name : "") + "-" + (state.date || todayISO()) + "." + ext;
  }

  function download(text, type, name) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var a = el("a", { href: url, download: name });
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  // ------------------------------------------------------------------ chart and tables

  function chart(rows, title, id) {
    var top = 22, rowH = 22, left = 34, width = 360, span = width - left - 36;
    var height = top + rowH * rows.length + 6;
    var node = svg("svg", { viewBox: "0 0 " + width + " " + height, width: width, height: height,
      role: "img", "aria-labelledby": id, class: "ptce-profil-graphique" });
    node.appendChild(svg("title", { id: id }, fr(title)));
    LEVELS.forEach(function (n) {
      var x = (left + span * n / HIGH).toFixed(1);
      node.appendChild(svg("line", { x1: x, y1: top - 4, x2: x, y2: height - 4, stroke: "#5f6b6d",
        "stroke-width": "0.5", "stroke-dasharray": "2 2" }));
      node.appendChild(svg("text", { x: x, y: top - 8, "font-size": 10, "text-anchor": "middle", fill: "#333" },
        String(n)));
    });
    rows.forEach(function (r, k) {
      var y = top + k * rowH;
      node.appendChild(svg("text", { x: left - 6, y: y + 14, "font-size": 12, "text-anchor": "end",
        fill: "#1f1f1f" }, r[0]));
      if (r[1] === undefined) {
        node.appendChild(svg("text", { x: left + 4, y: y + 14, "font-size": 11, fill: "#444" }, "non évalué"));
        return;
      }
      var w = span * r[1] / HIGH;
      node.appendChild(svg("rect", { x: left, y: y + 3, width: w.toFixed(1), height: rowH - 8, fill: "#00695c" }));
      node.appendChild(svg("text", { x: (left + w + 4).toFixed(1), y: y + 14, "font-size": 11, fill: "#1f1f1f" },
        String(r[1])));
    });
    return node;
  }

  function table(caption, head, rows, id) {
    var body = rows.map(function (r) {
      return el("tr", {}, [el("th", { scope: "row" }, [fr(r[0])]), el("td", {}, [r[1]])]);
    });
    return el("table", { id: id }, [
      el("caption", {}, [fr(caption)]),
      el("thead", {}, [el("tr", {}, [el("th", { scope: "col" }, [head]), el("th", { scope: "col" }, ["Niveau"])])]),
      el("tbody", {}, body),
    ]);
  }

  function levelCell(v) { return v === undefined ? "non évalué" : v + " — " + levelLabel(v); }

  // ------------------------------------------------------------------ the result block (built once)

  var parts = {};
  function skeleton() {
    parts.title = el("h2", { id: "profil", tabindex: "-1" }, ["Le profil"]);
    parts.summary = el("p", { class: "ptce-auto__resume" });
    parts.objectives = el("div", { class: "ptce-auto__vue" });
    parts.indicators = el("div", { class: "ptce-auto__vue" });
    parts.status = el("p", { class: "ptce-auto__etat", role: "status", "aria-live": "polite" });
    parts.link = el("input", { type: "text", id: "ptce-auto-lien", readonly: "readonly", class: "ptce-auto__lien" });
    parts.yaml = el("code", { id: "ptce-auto-yaml" });
    parts.yamlNote = el("p", { class: "ptce-auto__aide" });
    var button = function (action, text) {
      return el("button", { type: "button", class: "md-button", "data-action": action }, [text]);
    };
    var actions = el("div", { class: "ptce-auto__actions", role: "group", "aria-label": "Exporter le profil" }, [
      button("imprimer", "Imprimer le profil (une page A4)"),
      button("json", "Télécharger en JSON"),
      button("csv", "Télécharger en CSV"),
      button("lien", "Copier le lien à partager"),
      button("effacer", "Tout effacer"),
    ]);
    out.appendChild(parts.title);
    out.appendChild(parts.summary);
    out.appendChild(parts.objectives);
    out.appendChild(parts.indicators);
    out.appendChild(el("p", { class: "ptce-auto__echelle" }, [fr(
      "Échelle proposée par le site ptce.fr, pas celle du plan de 2013 : " +
      REF.echelle.map(function (n) { return n.niveau + " = " + n.libelle; }).join(", ") +
      ". Référentiel d'action des PTCE (plan d'action de janvier 2013, annexe 3). Outil : " +
      location.origin + location.pathname)]));
    out.appendChild(actions);
    out.appendChild(parts.status);
    out.appendChild(el("p", { class: "ptce-auto__champ ptce-auto__partage" }, [
      el("label", { for: "ptce-auto-lien" }, [fr("Lien à partager (les réponses sont dans l'adresse, après « # »)")]),
      parts.link,
    ]));
    out.appendChild(el("h3", { id: "bloc-fiche" }, [fr("Bloc à coller dans la fiche du pôle")]));
    out.appendChild(el("p", { class: "ptce-auto__aide" }, [fr(
      "À ajouter à la fin de l'en-tête de la fiche (data/poles/<identifiant>.md) ; s'il y a déjà des profils, " +
      "ajoutez seulement l'élément « - date: … » à la fin de la liste « profils: ». Mode d'emploi plus bas.")]));
    out.appendChild(parts.yamlNote);
    out.appendChild(el("pre", { class: "ptce-auto__yaml" }, [parts.yaml]));
    out.appendChild(button("yaml", "Copier le bloc"));
    out.hidden = false;

    var jump = el("p", { class: "ptce-auto__saut" }, [fr("Le profil se met à jour à chaque réponse, sous le " +
      "questionnaire : "), el("a", { href: "#profil" }, ["aller au profil"]), "."]);
    form.insertBefore(jump, form.firstChild);
    jump.querySelector("a").addEventListener("click", function (ev) {
      ev.preventDefault();
      parts.title.focus();
      parts.title.scrollIntoView();
    });
    out.addEventListener("click", onAction);
  }

  function render(state) {
    var nObj = Object.keys(state.objectifs).length, nInd = Object.keys(state.indicateurs).length;
    var typo = REF.typologie.filter(function (a) { return state.typologie[a.id]; })
      .map(function (a) { return a.valeurs[state.typologie[a.id]]; });
    var who = state.nom ? state.nom + " · " : "";
    var when = state.date ? "positionnement du " + frenchDate(state.date) : "positionnement non daté";
    parts.summary.textContent = fr(who + when + " · " + nObj + " objectif" + (nObj > 1 ? "s" : "") + " sur " +
      REF.objectifs.length + " et " + nInd + " indicateur" + (nInd > 1 ? "s" : "") + " sur " +
      REF.indicateurs.length + " évalués" + (typo.length ? " · typologie : " + typo.join(", ") : "") + ".");

    parts.objectives.replaceChildren(
      el("figure", { class: "ptce-auto__figure" }, [
        chart(REF.objectifs.map(function (o) { return [o.id, state.objectifs[o.id]]; }),
          "Niveaux sur les neuf objectifs principaux : le tableau à côté donne les mêmes valeurs",
          "ptce-auto-graphique-objectifs"),
      ]),
      table("Niveaux sur les objectifs principaux", "Objectif",
        REF.objectifs.map(function (o) { return [o.id + ". " + o.intitule, levelCell(state.objectifs[o.id])]; }),
        "ptce-auto-tableau-objectifs"));
    parts.indicators.replaceChildren(
      el("figure", { class: "ptce-auto__figure" }, [
        chart(REF.indicateurs.map(function (i) { return [String(i.numero), state.indicateurs[i.id]]; }),
          "Niveaux sur les indicateurs restitués par la source : le tableau à côté donne les mêmes valeurs",
          "ptce-auto-graphique-indicateurs"),
      ]),
      table("Niveaux sur les indicateurs", "Indicateur",
        REF.indicateurs.map(function (i) { return [i.numero + ". " + i.intitule, levelCell(state.indicateurs[i.id])]; }),
        "ptce-auto-tableau-indicateurs"));

    parts.link.value = location.href;
    parts.yaml.textContent = yaml(state);
    var future = state.date && state.date > todayISO();
    parts.yamlNote.textContent = !hasLevels(state)
      ? fr("Choisissez au moins un niveau : une fiche refuse un profil sans niveau.")
      : future ? fr("La date est dans le futur : une fiche refuserait ce profil.") : "";
    form.elements.date.setAttribute("aria-invalid", future ? "true" : "false");
  }

  // ------------------------------------------------------------------ messages

  function showProblems(problems) {
    var old = document.getElementById("ptce-auto-alerte");
    if (old) old.remove();
    if (!problems.length) return null;
    var box = el("div", { class: "admonition warning", id: "ptce-auto-alerte", role: "alert", tabindex: "-1" }, [
      el("p", { class: "admonition-title" }, ["Lien lu en partie"]),
      el("p", {}, [fr("Le lien contient des valeurs que l'outil ne reconnaît pas : elles sont laissées de côté, " +
        "tout le reste du profil est chargé. L'adresse reste telle quelle jusqu'à votre prochaine réponse.")]),
      el("ul", {}, problems.map(function (p) { return el("li", {}, [fr(p)]); })),
    ]);
    form.parentNode.insertBefore(box, form);
    return box;
  }

  function say(text) {
    parts.status.textContent = "";
    setTimeout(function () { parts.status.textContent = fr(text); }, 50);
  }

  function copy(text, done) {
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(function () { say(done); }, function () { fallback(); });
    } else fallback();
    function fallback() {
      parts.link.focus();
      parts.link.select();
      say("Copie impossible ici : le lien est sélectionné, copiez-le avec Ctrl+C (ou Cmd+C).");
    }
  }

  function onAction(ev) {
    var target = ev.target.closest("[data-action]");
    if (!target) return;
    var state = readForm();
    var action = target.getAttribute("data-action");
    if (action === "imprimer") {
      root.classList.add("ptce-auto-impression");
      window.print();
    } else if (action === "json") {
      download(JSON.stringify(profile(state), null, 2) + "\n", "application/json", fileName(state, "json"));
      say("Fichier JSON téléchargé.");
    } else if (action === "csv") {
      download(csv(state), "text/csv;charset=utf-8", fileName(state, "csv"));
      say("Fichier CSV téléchargé.");
    } else if (action === "lien") {
      copy(location.href, "Lien copié : collez-le pour partager ce profil.");
    } else if (action === "yaml") {
      copy(yaml(state), "Bloc copié : collez-le dans la fiche du pôle.");
    } else if (action === "effacer") {
      form.reset();
      form.elements.date.value = todayISO();
      history.replaceState(null, "", location.pathname + location.search);
      showProblems([]);
      render(readForm());
      say("Réponses effacées.");
    }
  }

  window.addEventListener("afterprint", function () { root.classList.remove("ptce-auto-impression"); });

  // ------------------------------------------------------------------ start

  function update() {
    var state = readForm();
    var hash = toHash(state);
    if (hash !== location.hash && !(hash === "" && location.hash === "#")) {
      history.replaceState(null, "", location.pathname + location.search + hash);
    }
    showProblems([]);
    render(state);
  }

  function load() {
    var read = fromHash(location.hash);
    if (!read.state.date) read.state.date = todayISO();
    writeForm(read.state);
    var box = showProblems(read.problems);
    render(readForm());
    if (box) box.focus(); // the visitor sees at once what the link held that the tool left out
  }

  form.addEventListener("submit", function (ev) { ev.preventDefault(); });
  form.addEventListener("change", update);
  form.addEventListener("input", function (ev) { if (ev.target.type === "text") update(); });
  window.addEventListener("hashchange", load);
  skeleton();
  load();
  form.setAttribute("data-pret", "oui");
})();
