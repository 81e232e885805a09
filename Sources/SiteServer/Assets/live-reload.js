// Live reload for `freezelab serve` (never part of the built site): the server adds this script
// to every page it serves, with the page's name and the site version it was served from. When a
// rebuild changes this page, the server says so over Server-Sent Events and the page reloads
// itself where the reader was.
(function () {
  'use strict';
  var script = document.currentScript;
  var page = script.getAttribute('data-page');
  var version = script.getAttribute('data-version');
  var key = 'freezelab-live-scroll:' + page;

  var saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    var restore = function () { window.scrollTo(0, Number(saved)); };
    if (document.readyState === 'complete') { restore(); } else { window.addEventListener('load', restore); }
  }

  if (!window.EventSource) { return; }
  var url = '/_freezelab/events?page=' + encodeURIComponent(page) + '&since=' + encodeURIComponent(version);
  var source = new EventSource(url);
  source.addEventListener('reload', function () {
    source.close();
    sessionStorage.setItem(key, String(window.scrollY));
    window.location.reload();
  });
}());
