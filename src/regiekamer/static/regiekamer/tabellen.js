// A table wider than its box scrolls sideways inside .rk-table-wrap. Such a box must be reachable with the
// keyboard (WCAG 2.1.1): it gets a tab stop and a name while it scrolls, and loses them when it fits again.
(function () {
  "use strict";

  function markeer(wrap) {
    var scrollt = wrap.scrollWidth > wrap.clientWidth + 1;
    if (scrollt && !wrap.hasAttribute("tabindex")) {
      var caption = wrap.querySelector("caption");
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", caption ? caption.textContent.trim() : "Tabel");
      wrap.dataset.rkScroll = "1";
    } else if (!scrollt && wrap.dataset.rkScroll) {
      wrap.removeAttribute("tabindex");
      wrap.removeAttribute("role");
      wrap.removeAttribute("aria-label");
      delete wrap.dataset.rkScroll;
    }
  }

  function alles() {
    document.querySelectorAll(".rk-table-wrap").forEach(markeer);
  }

  document.addEventListener("DOMContentLoaded", alles);
  window.addEventListener("resize", alles);
  document.addEventListener("htmx:afterSettle", alles);
})();
