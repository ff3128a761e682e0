// portal.js - the portal's only script (the pages work without it; the CSP
// allows no inline script).  A button with data-print prints the page.
document.addEventListener('click', function (e) {
  var b = e.target.closest ? e.target.closest('[data-print]') : null;
  if (b) {
    e.preventDefault();
    window.print();
  }
});
