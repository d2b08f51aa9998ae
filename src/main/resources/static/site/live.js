// The application page sends its answers and each upload from different forms, so their answers may come back out
// of order: a list computed before an upload must not replace one computed after it. Each answer names the draft's
// revision (X-Draft-Revision); an older one than the list shown is not swapped in. Without this script, or without
// JavaScript, the page works as before.
(function () {
  let shown = 0;
  document.addEventListener('htmx:beforeSwap', function (event) {
    const revision = Number(event.detail.xhr.getResponseHeader('X-Draft-Revision'));
    if (!revision) {
      return;
    }
    if (revision < shown) {
      event.detail.shouldSwap = false;
    } else {
      shown = revision;
    }
  });
})();
