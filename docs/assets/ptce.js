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
