// Typesets TeX with MathJax 4 at build time, in one Node process for a whole build: the same
// engine, TeX settings and New Computer Modern font the pages used to load, with SVG output and
// assistive MathML (generator/typeset.py runs it; the README says why SVG).
//
// Reads one JSON request on stdin:   {"formulas": [{"tex": "...", "display": true}, ...]}
// and writes one JSON answer on stdout:
//   {"formulas": ["<mjx-container ...>", ...], "glyphs": {"MJX-NCM-N-31": "<path .../>"}, "css": "..."}
// with the formulas in the order asked. A formula draws its characters by pointing at shared
// glyph paths, which the caller writes once into each page that uses them; `css` is MathJax's
// stylesheet for its output. A formula MathJax cannot read ends the run with one line on stderr.
import MathJax from '@mathjax/src';

const request = JSON.parse(await readAll(process.stdin));

await MathJax.init({
  loader: { load: ['input/tex', 'output/svg', 'a11y/assistive-mml', 'adaptors/liteDOM'] },
  tex: { formatError(jax, error) { throw error; } },
  // A number inside a sentence never breaks across lines.
  output: { linebreaks: { inline: false } },
  svg: { fontCache: 'global' },
  options: { enableAssistiveMml: true },
});
const adaptor = MathJax.startup.adaptor;

// Attributes only MathJax's own menu and explorer read (the pages load neither; a group's TeX
// class mattered only to the layout, which is done), and the ones an HTML page spells out for
// nothing: its parser puts <svg>, <math> and xlink:href in their namespaces itself. (xlink:href
// stays: Material's instant navigation rewrites every plain `href` of a new page, and a <use>
// element's cannot be written.)
// `unselectable` is an old browser's way of saying what the stylesheet says (user-select).
const DROPPED = ['data-latex', 'data-mml-node', 'data-c', 'data-mjx-texclass', 'xmlns', 'xmlns:xlink', 'focusable',
  'unselectable'];
// Every formula's drawing starts with a group that paints in the text's colour, and every
// formula is the box its MathML is laid over: the stylesheet says so once (SHARED) instead of
// each formula.
const PAINTED = ['stroke', 'fill', 'stroke-width'];
const SHARED = 'mjx-container[jax="SVG"] { position: relative; }\n'
  + 'mjx-container[jax="SVG"] > svg > g { stroke: currentColor; fill: currentColor; stroke-width: 0; }\n';

function tidy(node) {
  if (adaptor.kind(node) === '#text') return;
  for (const name of DROPPED) adaptor.removeAttribute(node, name);
  for (const child of adaptor.childNodes(node)) tidy(child);
  if (adaptor.kind(node) === 'g') flatten(node);
}

// A glyph that is only moved says where in x and y, the same move in half the bytes: most of a
// formula's markup is its glyphs, and a long page has tens of thousands of them.
const MOVE = /^translate\((-?[\d.]+),(-?[\d.]+)\)$/;

function place(use) {
  const move = MOVE.exec(adaptor.getAttribute(use, 'transform') || '');
  if (!move) return;
  adaptor.removeAttribute(use, 'transform');
  if (move[1] !== '0') adaptor.setAttribute(use, 'x', move[1]);
  if (move[2] !== '0') adaptor.setAttribute(use, 'y', move[2]);
}

// A group with no attribute changes nothing in the drawing, and one that only moves a single
// element can hand its move to that element: either way the children take its place, and the
// page has fewer elements to style and lay out (MathJax nests a group in a group per MathML
// node).
function flatten(group) {
  const attributes = adaptor.allAttributes(group).map((a) => a.name);
  const children = adaptor.childNodes(group);
  if (attributes.length === 1 && attributes[0] === 'transform' && children.length === 1
      && adaptor.kind(children[0]) !== '#text' && !adaptor.getAttribute(children[0], 'transform')) {
    adaptor.setAttribute(children[0], 'transform', adaptor.getAttribute(group, 'transform'));
    adaptor.removeAttribute(group, 'transform');
  }
  if (adaptor.allAttributes(group).length > 0) return;
  for (const child of children) adaptor.insert(child, group);
  adaptor.remove(group);
}

const formulas = [];
for (const { tex, display } of request.formulas) {
  let node;
  try {
    node = await MathJax.tex2svgPromise(tex, { display });
  } catch (error) {
    fail(`MathJax cannot typeset the formula ${JSON.stringify(tex)}: ${error.message}`);
  }
  tidy(node);
  if (adaptor.getAttribute(node, 'style') === 'position: relative;') adaptor.removeAttribute(node, 'style');
  for (const use of adaptor.tags(node, 'use')) place(use);
  const drawing = adaptor.firstChild(adaptor.tags(node, 'svg')[0]);
  for (const name of PAINTED) adaptor.removeAttribute(drawing, name);
  // The formula's TeX, exactly as written, stays on its MathML root (MathJax's own attribute
  // for it): whoever reads the page's HTML, such as the tests, can tell what was typeset.
  adaptor.setAttribute(adaptor.tags(node, 'math')[0], 'data-latex', tex);
  // A <use> has no content: written self-closed, as an HTML parser reads it inside <svg>.
  formulas.push(adaptor.outerHTML(node).replaceAll('></use>', '/>'));
}

const glyphs = {};
for (const path of adaptor.childNodes(MathJax.startup.output.fontCache.getCache())) {
  glyphs[adaptor.getAttribute(path, 'id')] = adaptor.outerHTML(path);
}
const css = SHARED + adaptor.cssText(MathJax.svgStylesheet());
process.stdout.write(JSON.stringify({ formulas, glyphs, css }));

function fail(message) {
  process.stderr.write(message + '\n');
  process.exit(1);
}

async function readAll(stream) {
  const chunks = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}
