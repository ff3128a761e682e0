// portal.js - the portal's only script (the pages work without it; the CSP
// allows no inline script).  A button with data-print prints the page.
document.addEventListener('click', function (e) {
  var b = e.target.closest ? e.target.closest('[data-print]') : null;
  if (b) {
    e.preventDefault();
    window.print();
  }
});
// Lists on a phone are stacked cards whose cells carry their column's
// heading from the server (data-label, cgi/host/cards.c).  Folded blocks
// (details.fold: search filters) open on a wide screen.
document.addEventListener('DOMContentLoaded', function () {
  if (window.matchMedia && window.matchMedia('(min-width: 601px)').matches)
    document.querySelectorAll('details.fold').forEach(function (d) { d.open = true; });
});
