// The reader's chosen theme, applied before the page is drawn (this script loads without defer,
// so a dark choice never flashes light). "light" or "dark" sets data-theme on <html>, which the
// stylesheet's color-scheme follows; nothing stored, or "system", follows the system setting.
// site.js offers the choice and stores it.
(function () {
  "use strict";
  var chosen = null;
  try { chosen = window.localStorage.getItem("freezelab-theme"); } catch (e) { chosen = null; }
  if (chosen === "light" || chosen === "dark") {
    document.documentElement.setAttribute("data-theme", chosen);
  }
})();
