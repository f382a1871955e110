// The search page (/recherche/): Pagefind's interface in French, the query kept in the address, and a small
// fuzzy layer over the poles' names (poles/annuaire.json): Pagefind matches whole words and prefixes, so a
// typo inside a name (« Ecosolis », « Articulteur ») would find nothing; docs/a-propos/recherche.md says why.
(function () {
  "use strict";
  var box = document.getElementById("ptce-resultats");
  if (!box || !window.PagefindUI) return;
  var base = box.dataset.base || "../";

  var ui = new PagefindUI({
    element: "#ptce-resultats",
    showSubResults: true,
    showImages: false,
    resetStyles: true,
    pageSize: 10,
    autofocus: true,
    translations: {
      placeholder: "Rechercher dans le site (accents facultatifs)",
      clear_search: "Effacer",
      load_more: "Afficher plus de résultats",
      search_label: "Rechercher dans le site",
      filters_label: "Filtres",
      zero_results: "Aucun résultat pour « [SEARCH_TERM] »",
      many_results: "[COUNT] résultats pour « [SEARCH_TERM] »",
      one_result: "[COUNT] résultat pour « [SEARCH_TERM] »",
      total_zero_results: "Aucun résultat",
      total_one_result: "[COUNT] résultat",
      total_many_results: "[COUNT] résultats",
      alt_search: "Aucun résultat pour « [SEARCH_TERM] ». Voici les résultats pour « [DIFFERENT_TERM] ».",
      search_suggestion: "Aucun résultat pour « [SEARCH_TERM] ». Essayez l’une de ces recherches\u00a0:",
      searching: "Recherche de « [SEARCH_TERM] »…",
      results_label: "Résultats de la recherche",
      error_search: "La recherche a échoué : rechargez la page.",
      input_hint: "Les résultats s’affichent au fil de la saisie.",
      loading: "Chargement…"
    },
    processResult: function (result) {
      // The page's kind goes before its title (« Pôle — … »), and is not shown again as « type: … ».
      if (result.meta && result.meta.type) {
        result.meta.title = result.meta.type + " — " + (result.meta.title || "");
        delete result.meta.type;
      }
      return result;
    }
  });

  // ------------------------------------------------------------ names close to the query
  var names = null;
  function fold(text) {  // the words of a text, folded as everywhere on the site (docs/assets/ptce.js)
    return window.ptceFold(text).split(" ").filter(Boolean);
  }
  function distance(a, b, limit) {  // Levenshtein, stopped early beyond limit
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var prev = [], cur;
    for (var j = 0; j <= b.length; j++) prev[j] = j;
    for (var i = 1; i <= a.length; i++) {
      cur = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        best = Math.min(best, cur[j]);
      }
      if (best > limit) return limit + 1;
      prev = cur;
    }
    return prev[b.length];
  }
  // A name matches when every word of the query is a word of the name, the start of one, or one with a
  // typo (one letter off for 4 to 7 letters, two beyond); its score is the number of letters off.
  function score(queryWords, nameWords) {
    var total = 0;
    for (var i = 0; i < queryWords.length; i++) {
      var q = queryWords[i], limit = q.length < 4 ? 0 : q.length < 8 ? 1 : 2, best = limit + 1;
      for (var j = 0; j < nameWords.length && best > 0; j++) {
        var w = nameWords[j];
        if (w === q || (q.length >= 3 && w.indexOf(q) === 0)) best = 0;
        else if (limit) best = Math.min(best, distance(q, w, limit), distance(q, w.slice(0, q.length), limit));
      }
      if (best > limit) return -1;
      total += best;
    }
    return total;
  }
  function closeNames(query) {
    var words = fold(query).filter(function (w) { return w.length >= 3; });
    if (!names || !words.length) return [];
    var found = [];
    names.forEach(function (n) {
      var s = score(words, n.words);
      if (s > 0) found.push({n: n, s: s});  // s === 0: Pagefind finds it already
    });
    found.sort(function (a, b) { return a.s - b.s || a.n.nom.localeCompare(b.n.nom, "fr"); });
    return found.slice(0, 5).map(function (f) { return f.n; });
  }
  var panel = document.createElement("div");
  panel.className = "ptce-proches";
  panel.setAttribute("aria-live", "polite");
  box.parentNode.insertBefore(panel, box);
  function showClose(query) {
    panel.textContent = "";
    var close = closeNames(query);
    if (!close.length) return;
    var title = document.createElement("p");
    title.textContent = "Pôles au nom proche de « " + query + " » :";
    var list = document.createElement("ul");
    close.forEach(function (n) {
      var li = document.createElement("li"), a = document.createElement("a");
      a.href = base + "poles/" + n.id + "/";
      a.textContent = n.nom;
      li.appendChild(a);
      list.appendChild(li);
    });
    panel.appendChild(title);
    panel.appendChild(list);
  }
  fetch(base + "poles/annuaire.json").then(function (r) { return r.ok ? r.json() : null; }).then(function (data) {
    if (!data) return;
    var id = data.champs.indexOf("id"), nom = data.champs.indexOf("nom");
    names = data.poles.map(function (row) { return {id: row[id], nom: row[nom], words: fold(row[nom])}; });
    var input = box.querySelector(".pagefind-ui__search-input");
    if (input && input.value) showClose(input.value.trim());
  }).catch(function () { /* Pagefind alone */ });

  // ------------------------------------------------------------ the query in the address
  var timer = null;
  function follow(query) {
    var params = new URLSearchParams(location.search);
    if (query) params.set("q", query); else params.delete("q");
    var address = location.pathname + (params.toString() ? "?" + params : "");
    if (address !== location.pathname + location.search) history.replaceState(null, "", address);
    var header = document.getElementById("ptce-q");
    if (header) header.value = query;
    showClose(query);
  }
  box.addEventListener("input", function (e) {
    if (!e.target.classList.contains("pagefind-ui__search-input")) return;
    clearTimeout(timer);
    timer = setTimeout(function () { follow(e.target.value.trim()); }, 300);
  });
  box.addEventListener("click", function (e) {
    if (e.target.closest && e.target.closest(".pagefind-ui__search-clear")) follow("");
  });
  var input = box.querySelector(".pagefind-ui__search-input");
  if (input) input.setAttribute("aria-label", "Rechercher dans le site");
  var q = (new URLSearchParams(location.search).get("q") || "").slice(0, 200);
  if (q) {
    ui.triggerSearch(q);
    follow(q);
  }
})();
