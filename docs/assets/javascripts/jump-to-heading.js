// A long page draws its later blocks only as they come near the screen (extra.css), each
// counted 4em high until then. A jump to a heading deep in the page (a link with #, the table
// of contents, an address with #) lands where the heading stood with those guesses; the blocks
// just above it are then drawn at their true heights and push it down. Once they are drawn, the
// heading is put back where the jump meant it to be: a few frames after the jump, and no
// further once it stays put.
(function () {
  "use strict";

  function targetOf(hash) {
    const id = decodeURIComponent((hash || "").slice(1));
    return id ? document.getElementById(id) : null;
  }

  function settle(target) {
    let frames = 0;
    const check = () => {
      if (!target.isConnected || ++frames > 20) return;
      const before = target.getBoundingClientRect().top;
      target.scrollIntoView();
      if (Math.abs(target.getBoundingClientRect().top - before) > 1 || frames < 3) requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  }

  function settleAddress() {
    const target = targetOf(location.hash);
    if (target) settle(target);
  }

  window.addEventListener("hashchange", settleAddress);
  // This script starts after the first paint, which may be after the load event.
  if (document.readyState === "complete") settleAddress();
  else window.addEventListener("load", settleAddress);
  // Material's instant navigation moves to a heading of the same page without a hashchange.
  document.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest("a[href*='#']");
    if (!link || link.pathname !== location.pathname) return;
    const target = targetOf(link.hash);
    if (target) settle(target);
  });
})();
