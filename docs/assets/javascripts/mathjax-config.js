// MathJax configuration for pages built with pymdownx.arithmatex (generic mode).
// MathJax and its fonts are served from the site itself: their paths are resolved from this
// script's own address, so they work at any page depth, over http and from file://.
(function () {
  var here = document.currentScript && document.currentScript.src;
  var vendor = here ? here.replace(/javascripts\/mathjax-config\.js(\?.*)?$/, "vendor") : "assets/vendor";
  // Screen readers: over http MathJax's speech worker labels every formula with spoken text.
  // From file:// that worker cannot start (and MathJax's startup would never settle), so there
  // speech is off and each formula carries hidden MathML, which screen readers read instead.
  var fromDisk = location.protocol === "file:";

  window.MathJax = {
    loader: {
      paths: { mathjax: vendor + "/mathjax", fonts: vendor },
    },
    tex: {
      inlineMath: [["\\(", "\\)"]],
      displayMath: [["\\[", "\\]"]],
      processEscapes: true,
      processEnvironments: true,
    },
    // A number such as 1.11 x 10^-16 inside a sentence must not break across lines.
    output: {
      linebreaks: { inline: false },
    },
    options: {
      ignoreHtmlClass: ".*|",
      processHtmlClass: "arithmatex",
      menuOptions: fromDisk ? { settings: { enrich: false, speech: false, braille: false, assistiveMml: true } } : {},
    },
  };

  // Material's instant navigation swaps page content without a reload: typeset each new page.
  function typesetAgain() {
    if (!window.MathJax || !MathJax.startup || !MathJax.typesetPromise) return;
    MathJax.startup.promise.then(function () {
      MathJax.startup.output.clearCache();
      MathJax.typesetClear();
      MathJax.texReset();
      return MathJax.typesetPromise();
    });
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    var first = true;
    window.document$.subscribe(function () {
      // The first page is typeset by MathJax's own start-up.
      if (first) { first = false; return; }
      typesetAgain();
    });
  }
})();
