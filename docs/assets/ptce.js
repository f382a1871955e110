// Wide tables scroll sideways on phones: keyboard users must be able to scroll them too (RGAA 7.3).
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
    if (wrap.scrollWidth > wrap.clientWidth) {
      wrap.tabIndex = 0;
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", "Tableau, défilement horizontal");
    }
  });
});

// Material 9.8.1 fetches "sitemap.xml" next to every <link rel="alternate"> when the page is ready
// (meant for language versions, squidfunk/mkdocs-material#8576): next to our Atom feeds, that is a
// 404 at /actualites/sitemap.xml on every page. This script runs after Material's and before the
// page is ready: the feed links step out of its lookup, then come back once it has run (listeners
// run in the order they were added). Feed readers read the HTML as published, which stays as is.
(function () {
  var feeds = document.querySelectorAll('link[rel="alternate"][type="application/atom+xml"]');
  feeds.forEach(function (link) { link.rel = "alternate feed"; });
  document.addEventListener("DOMContentLoaded", function () {
    feeds.forEach(function (link) { link.rel = "alternate"; });
  }, {once: true});
})();

// Pages written from data/ (fiches, regions, chapters…) are not in the menu: the menu entry of their
// section is highlighted instead, the one whose address is the longest start of the page's address.
document.addEventListener("DOMContentLoaded", function () {
  if (document.querySelector(".md-nav--primary .md-nav__link--active")) return;
  var here = location.pathname, best = null, bestLength = 0;
  var logo = document.querySelector("a.md-logo");
  var home = logo ? new URL(logo.getAttribute("href"), location.href).pathname : "/";
  document.querySelectorAll(".md-nav--primary a.md-nav__link[href]").forEach(function (link) {
    var path = new URL(link.getAttribute("href"), location.href).pathname;
    if (path.length > bestLength && path !== home && /\/$/.test(path) && here.indexOf(path) === 0) {
      best = link;
      bestLength = path.length;
    }
  });
  if (best) best.classList.add("md-nav__link--active");
});

// Text folded for comparison, the rule of ptce.text.characters.fold: lower case, no accents, œ and æ
// spelt out, « St »/« Ste » as « saint »/« sainte », words separated by single spaces. The directory
// (annuaire.js) and the search page (recherche.js) compare what readers type with it.
window.ptceFold = function (text) {
  var words = String(text).replace(/[œŒ]/g, "oe").replace(/[æÆ]/g, "ae").normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "").toLowerCase().match(/[\p{L}\p{N}]+/gu) || [];
  return words.map(function (w) { return w === "st" ? "saint" : w === "ste" ? "sainte" : w; }).join(" ");
};
