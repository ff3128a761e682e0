// portal.js - the portal's only script (the pages work without it; the CSP
// allows no inline script).  A button with data-print prints the page.  A
// button with data-select-all="FORM" (hidden until this script shows it)
// ticks every box of form FORM on the page, or clears them all when all
// are ticked (batch approval: the inbox's rows of one page).
document.addEventListener('click', function (e) {
  var b = e.target.closest ? e.target.closest('[data-print]') : null;
  if (b) {
    e.preventDefault();
    window.print();
  }
  var s = e.target.closest ? e.target.closest('[data-select-all]') : null;
  if (s) {
    e.preventDefault();
    var boxes = document.querySelectorAll('input[type=checkbox][form="' + s.getAttribute('data-select-all') + '"]');
    var all = Array.prototype.every.call(boxes, function (x) { return x.checked; });
    boxes.forEach(function (x) { x.checked = !all; });
  }
});
// Lists on a phone are stacked cards whose cells carry their column's
// heading from the server (data-label, cgi/host/cards.c).  Folded blocks
// (details.fold: search filters) open on a wide screen.
document.addEventListener('DOMContentLoaded', function () {
  document.querySelectorAll('[data-select-all]').forEach(function (b) { b.hidden = false; });
  if (window.matchMedia && window.matchMedia('(min-width: 601px)').matches)
    document.querySelectorAll('details.fold').forEach(function (d) { d.open = true; });
});
