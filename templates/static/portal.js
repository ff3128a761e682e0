// portal.js - the portal's only script (the pages work without it; the CSP
// allows no inline script).  A button with data-print prints the page.
document.addEventListener('click', function (e) {
  var b = e.target.closest ? e.target.closest('[data-print]') : null;
  if (b) {
    e.preventDefault();
    window.print();
  }
});
// Lists on a phone are stacked cards: each cell is labelled with its
// column's heading (without script the cells stack unlabelled).  Folded
// blocks (details.fold: search filters) open on a wide screen.
document.addEventListener('DOMContentLoaded', function () {
  document.querySelectorAll('table.list').forEach(function (t) {
    var heads = Array.prototype.map.call(t.querySelectorAll('thead th'), function (th) {
      return th.textContent.trim();
    });
    t.querySelectorAll('tbody tr').forEach(function (tr) {
      Array.prototype.forEach.call(tr.children, function (td, i) {
        if (heads[i] && td.tagName === 'TD' && !td.hasAttribute('colspan') && !td.dataset.label)
          td.dataset.label = heads[i];
      });
    });
  });
  if (window.matchMedia && window.matchMedia('(min-width: 601px)').matches)
    document.querySelectorAll('details.fold').forEach(function (d) { d.open = true; });
});
