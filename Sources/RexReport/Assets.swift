/// The site's one stylesheet and one script, hand-written; no fonts or code from elsewhere.
///
/// Highlight colours: dark text (#1b1b1b) on pale backgrounds, every pair above WCAG AA's 4.5:1; each type
/// also has its own underline so that colour is not the only cue. scripts/report/check.sh measures them in
/// the rendered pages.
enum Assets {
    static let css = #"""
:root {
  --fg: #1b1b1b; --bg: #ffffff; --muted: #4a4a4a; --line: #c8c8c8; --link: #0b4fa8; --focus: #1a56db;
  --panel: #f5f6f8;
  --date-bg: #fde9b6; --date-line: #8a5a00;
  --place-bg: #d4ecd9; --place-line: #1e6b34;
  --org-bg: #d9e4fb; --org-line: #1f4fa3;
  --person-bg: #f4dcef; --person-line: #8a2a78;
  --trig-bg: #fbd9d5; --trig-line: #b3261e;
  --sup-bg: #eeeeee; --sup-line: #4a4a4a;
  --on-bg: #2d1f6e; --on-fg: #ffffff;
  --land: #f1eee6; --mali: #e6dcc6; --sea: #dfeaf2;
}
* { box-sizing: border-box; }
html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--fg); background: var(--bg); line-height: 1.5; }
body { margin: 0; }
a { color: var(--link); }
a:hover { text-decoration-thickness: 2px; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
main:focus { outline: none; }
code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .9em; }
.skip { position: absolute; left: -999px; top: 0; background: var(--bg); padding: .5rem 1rem; z-index: 10; }
.skip:focus { left: .5rem; }
.vh { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
header.site { display: flex; gap: 2rem; align-items: center; padding: .5rem 1.5rem; border-bottom: 1px solid var(--line); background: var(--panel); }
header.site .brand { font-weight: 700; margin: 0; }
header.site ul { display: flex; gap: 1.25rem; list-style: none; margin: 0; padding: 0; }
header.site a[aria-current="page"] { font-weight: 700; color: var(--fg); text-decoration-thickness: 3px; }
main { padding: 1rem 1.5rem 2rem; max-width: 96rem; }
footer.site { padding: 1rem 1.5rem; border-top: 1px solid var(--line); color: var(--muted); font-size: .875rem; }
h1 { font-size: 1.6rem; margin: .5rem 0; }
h2 { font-size: 1.2rem; margin: 1.25rem 0 .5rem; }
h3 { font-size: 1rem; margin: 0 0 .25rem; }
.meta, .hint, .note, .sub { color: var(--muted); }
.sub { font-size: .8rem; font-weight: 400; }
.hint { font-size: .9rem; max-width: 60rem; }
.status { min-height: 1.5em; font-size: .9rem; }
.scroll { overflow-x: auto; max-width: 100%; }
table.data { border-collapse: collapse; margin: .5rem 0; }
table.data caption { text-align: left; color: var(--muted); font-size: .9rem; padding-bottom: .25rem; }
table.data th, table.data td { border-bottom: 1px solid var(--line); padding: .35rem .6rem; text-align: left; vertical-align: top; }
table.data thead th { background: var(--panel); border-bottom: 2px solid var(--fg); white-space: nowrap; }
table.data tfoot th, table.data tfoot td { border-top: 2px solid var(--fg); font-weight: 700; }
table.data .num { text-align: right; font-variant-numeric: tabular-nums; }
table.compact th, table.compact td { padding: .15rem .5rem; font-size: .9rem; }
table.data tbody th, .nowrap { white-space: nowrap; }
table.data tbody tr:hover { background: var(--panel); }
button { font: inherit; color: var(--fg); }
button.sort { background: none; border: 0; padding: .1rem .2rem; font-weight: 700; cursor: pointer; }
button.sort .arrow::after { content: " ↕"; color: var(--muted); }
th[aria-sort="ascending"] button.sort .arrow::after { content: " ▲"; color: var(--fg); }
th[aria-sort="descending"] button.sort .arrow::after { content: " ▼"; color: var(--fg); }
form.filters { display: flex; flex-wrap: wrap; gap: .75rem 1rem; align-items: end; padding: .75rem; background: var(--panel); border: 1px solid var(--line); border-radius: 4px; }
form.filters .field { display: flex; flex-direction: column; }
form.filters label { font-size: .85rem; font-weight: 600; }
form.filters input, form.filters select, form.filters button { font: inherit; padding: .25rem .4rem; border: 1px solid #6b6b6b; border-radius: 3px; background: var(--bg); color: var(--fg); }
form.filters button { cursor: pointer; }
.etype { display: inline-block; font-size: .8rem; font-weight: 700; padding: 0 .4rem; border-radius: 3px; color: #fff; background: var(--c, #545454); }
.eid, .edate { color: var(--muted); font-weight: 400; font-size: .85rem; }
ul.legend, ul.keys { display: flex; flex-wrap: wrap; gap: .4rem 1rem; list-style: none; padding: 0; margin: .5rem 0; }
ul.keys li { display: flex; align-items: center; gap: .35rem; }
.swatch { display: inline-block; width: 1rem; height: 1rem; border-radius: 2px; background: var(--c); }
ul.plain { padding-left: 1.2rem; }

/* Document page */
.doc { display: grid; grid-template-columns: minmax(0, 1fr) minmax(18rem, 28rem); gap: 1.5rem; align-items: start; }
@media (max-width: 60rem) { .doc { grid-template-columns: 1fr; } }
.text { white-space: pre-wrap; overflow-wrap: anywhere; max-width: 48rem; font-size: 1rem; line-height: 1.75; }
.doc-side { position: sticky; top: 0; max-height: 100vh; overflow-y: auto; padding: 0 .5rem 1rem; border-left: 1px solid var(--line); }
@media (max-width: 60rem) { .doc-side { position: static; max-height: none; border-left: 0; } }
ol.events { list-style: none; padding: 0; margin: 0; }
li.event { border: 1px solid var(--line); border-left: 4px solid var(--line); border-radius: 4px; padding: .4rem .6rem; margin-bottom: .5rem; background: var(--bg); }
li.event:hover, li.event:focus-within, li.event.current { border-left-color: var(--trig-line); }
li.event dl { display: grid; grid-template-columns: auto 1fr; gap: .1rem .6rem; margin: 0; font-size: .9rem; }
li.event dt { color: var(--muted); }
li.event dd { margin: 0; }
li.event ul { margin: 0; padding-left: 1rem; }
ul.chains { list-style: none; padding: 0; margin: 0; display: flex; flex-direction: column; gap: .25rem; }
button.chain { width: 100%; text-align: left; background: var(--bg); border: 1px solid #8a8a8a; border-radius: 4px; padding: .2rem .5rem; cursor: pointer; font-size: .9rem; }
button.chain[aria-pressed="true"] { background: var(--on-bg); color: var(--on-fg); border-color: var(--on-bg); }
button.chain .ctype { font-size: .7rem; font-weight: 700; letter-spacing: .03em; }
button.chain .count { float: right; }

mark, .sup { color: var(--fg); }
.m { border-radius: 2px; padding: 0 1px; position: relative; cursor: default; }
.m[data-e] { cursor: pointer; }
.m-date { background: var(--date-bg); box-shadow: inset 0 -2px 0 var(--date-line); }
.m-place { background: var(--place-bg); box-shadow: inset 0 -2px 0 var(--place-line); }
.m-org { background: var(--org-bg); box-shadow: inset 0 -2px 0 var(--org-line); }
.m-person { background: var(--person-bg); box-shadow: inset 0 -2px 0 var(--person-line); }
.m.nom { background: var(--bg); box-shadow: none; border-bottom: 2px dashed var(--org-line); }
.m-place.nom { border-bottom-color: var(--place-line); }
.m-person.nom { border-bottom-color: var(--person-line); }
.trig { background: var(--trig-bg); box-shadow: inset 0 -3px 0 var(--trig-line); font-weight: 700; position: relative; cursor: pointer; border-radius: 2px; }
.trig.also { font-weight: 400; }
.sup { background: var(--sup-bg); border-bottom: 1px dotted var(--sup-line); }
.m.on, .m.on.nom { background: var(--on-bg); color: var(--on-fg); box-shadow: none; border-bottom-color: var(--on-fg); }
.linked, .m:target, .trig:target, .sup:target { outline: 3px solid var(--trig-line); outline-offset: 1px; }
.m:hover:not(:has(.m:hover))::after, .m:focus::after, .trig:hover::after, .trig:focus::after {
  content: attr(data-tip); position: absolute; left: 0; top: 100%; z-index: 5; margin-top: 4px; width: max-content; max-width: 24rem;
  white-space: normal; background: var(--fg); color: #fff; font-size: .8rem; font-weight: 400; line-height: 1.35;
  padding: .3rem .5rem; border-radius: 3px; pointer-events: none;
}

/* Timeline and map */
figure { margin: .5rem 0 1rem; }
figcaption { color: var(--muted); font-size: .9rem; }
svg.timeline { display: block; max-width: none; }
svg.timeline text { font-size: 11px; fill: var(--muted); }
svg.timeline .grid { stroke: #e2e2e2; }
svg.timeline .axis { stroke: var(--fg); }
svg.map { display: block; width: 100%; max-width: 72rem; height: auto; border: 1px solid var(--line); }
svg.map .sea { fill: var(--sea); }
svg.map .country { fill: var(--land); stroke: #7a7a7a; stroke-width: .8; }
svg.map .country.mali { fill: var(--mali); stroke: #3a3a3a; stroke-width: 1.2; }
svg.map .adm2 { fill: none; stroke: #b4a684; stroke-width: .5; }
svg.map .adm1 { fill: none; stroke: #6e5a2e; stroke-width: 1; }
svg.map text { pointer-events: none; }
svg.map .lab-country { font-size: 15px; fill: #4a4a4a; font-weight: 600; }
svg.map .lab-adm1 { font-size: 10px; fill: #5a4a26; }
.dot { fill: var(--c); fill-opacity: .85; stroke: #fff; stroke-width: 1; }
.dot.unknown { fill: #fff; fill-opacity: 1; stroke: var(--c); stroke-width: 2.5; }
svg.map .area { fill: none; stroke: #2d1f6e; stroke-width: 2; stroke-dasharray: 4 3; }
svg.map .area-n { font-size: 13px; font-weight: 700; fill: #2d1f6e; }
svg.map a:focus-visible .dot, svg.map a:hover .dot, svg.map a:focus-visible .area, svg.map a:hover .area { stroke: var(--focus); stroke-width: 3; }
svg.map a:focus { outline: none; }
svg.key { flex: none; }
svg.key .area { fill: none; stroke: #2d1f6e; stroke-width: 2; stroke-dasharray: 4 3; }
"""#

    static let js = #"""
/* rex report: chain highlighting, linked slots, sorting and filtering. No dependencies. */
(function () {
  'use strict';
  function all(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }
  function byId(id) { return document.getElementById(id); }
  function fold(s) { return (s || '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase(); }
  function quote(s) { return '"' + String(s).replace(/["\\]/g, '\\$&') + '"'; }

  // Coreference chains: one at a time, from a button or a click on a mention.
  var active = null;
  var chainStatus = byId('chain-status');
  function showChain(e, on) {
    var marks = all('.m[data-e=' + quote(e) + ']');
    marks.forEach(function (m) { m.classList.toggle('on', on); });
    all('button.chain[data-e=' + quote(e) + ']').forEach(function (b) { b.setAttribute('aria-pressed', on ? 'true' : 'false'); });
    if (chainStatus) {
      var b = document.querySelector('button.chain[data-e=' + quote(e) + ']');
      var name = b ? b.textContent.replace(/\s+/g, ' ').trim() : e;
      chainStatus.textContent = on ? 'Highlighted: ' + name + ' (' + marks.filter(function (m) { return !m.dataset.cont; }).length + ' in the text).' : '';
    }
  }
  function toggleChain(e) {
    if (active !== null && active !== e) showChain(active, false);
    var on = active !== e;
    showChain(e, on);
    active = on ? e : null;
  }
  all('button.chain').forEach(function (b) {
    b.addEventListener('click', function () { toggleChain(b.dataset.e); });
  });
  var text = byId('text');
  if (text) {
    text.addEventListener('click', function (ev) {
      var trig = ev.target.closest('.trig');
      if (trig) { var li = byId('ev-' + trig.dataset.v); if (li) { li.focus(); li.scrollIntoView({ block: 'nearest' }); } return; }
      var m = ev.target.closest('.m[data-e]');
      if (m) toggleChain(m.dataset.e);
    });
    text.addEventListener('keydown', function (ev) {
      if (ev.key !== 'Enter' && ev.key !== ' ') return;
      var m = ev.target.closest && ev.target.closest('.m[data-e]');
      if (m) { ev.preventDefault(); toggleChain(m.dataset.e); }
    });
  }

  // Linked words: an event's slots and triggers light up while it is hovered or focused.
  function mark(ids, on) {
    ids.forEach(function (id) { var el = byId(id); if (el) el.classList.toggle('linked', on); });
  }
  all('li.event[data-refs]').forEach(function (li) {
    var ids = li.dataset.refs.split(' ').filter(Boolean);
    li.addEventListener('mouseenter', function () { mark(ids, true); });
    li.addEventListener('mouseleave', function () { mark(ids, false); });
    li.addEventListener('focusin', function () { mark(ids, true); });
    li.addEventListener('focusout', function () { mark(ids, false); });
  });
  // Following a link to a word moves focus there, so the keyboard goes on from it and its note shows.
  function focusTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && byId(id);
    if (el && el.hasAttribute('tabindex') && el !== document.activeElement) el.focus({ preventScroll: false });
  }
  window.addEventListener('hashchange', focusTarget);

  // Events table.
  var table = byId('events-table');
  if (table) {
    var tbody = table.tBodies[0];
    var rows = all('tr', tbody);
    rows.forEach(function (r, i) { r.dataset.i = i; });
    var sortCol = -1, sortDir = 1;
    function cellValue(row, col, kind) {
      var v = row.cells[col].dataset.v;
      if (v === undefined) v = row.cells[col].textContent.trim();
      if (v === '') return null;
      return kind === 'num' ? Number(v) : fold(v);
    }
    all('button.sort', table).forEach(function (b) {
      b.addEventListener('click', function () {
        var col = Number(b.dataset.col), kind = b.dataset.kind;
        sortDir = col === sortCol ? -sortDir : 1;
        sortCol = col;
        var sorted = rows.slice().sort(function (a, c) {
          var x = cellValue(a, col, kind), y = cellValue(c, col, kind);
          if (x === null || y === null) return x === y ? a.dataset.i - c.dataset.i : (x === null ? 1 : -1);
          if (x < y) return -sortDir;
          if (x > y) return sortDir;
          return a.dataset.i - c.dataset.i;
        });
        sorted.forEach(function (r) { tbody.appendChild(r); });
        all('thead th', table).forEach(function (th, i) {
          th.setAttribute('aria-sort', i === col ? (sortDir > 0 ? 'ascending' : 'descending') : 'none');
        });
      });
    });
    var form = byId('filters'), status = byId('table-status');
    function value(name) { var el = form.elements[name]; return el ? el.value.trim() : ''; }
    function apply() {
      var from = value('from'), to = value('to'), type = value('type'), doc = value('doc');
      var actor = fold(value('actor')), place = fold(value('place')), cas = value('cas');
      var min = cas === '' ? null : Number(cas);
      var shown = 0;
      rows.forEach(function (r) {
        var d = r.dataset.date || '';
        var ok = (!from || (d && d >= from)) &&
          (!to || (d && d.slice(0, to.length) <= to)) &&
          (!type || r.dataset.type === type) &&
          (!doc || r.dataset.doc === doc) &&
          (!actor || fold(r.dataset.actor).indexOf(actor) >= 0) &&
          (!place || fold(r.dataset.place).indexOf(place) >= 0) &&
          (min === null || isNaN(min) || (r.dataset.cas !== '' && Number(r.dataset.cas) >= min));
        r.hidden = !ok;
        if (ok) shown++;
      });
      status.textContent = shown === rows.length ? rows.length + ' events.' : 'Showing ' + shown + ' of ' + rows.length + ' events.';
    }
    form.addEventListener('input', apply);
    form.addEventListener('change', apply);
    form.addEventListener('submit', function (ev) { ev.preventDefault(); apply(); });
    form.addEventListener('reset', function () { setTimeout(apply, 0); });
    // events.html#place=Bamako&type=ATTACK pre-fills the filters (the map links here).
    function fromHash() {
      var params = new URLSearchParams(location.hash.slice(1));
      params.forEach(function (v, k) { if (form.elements[k]) form.elements[k].value = v; });
      apply();
    }
    window.addEventListener('hashchange', fromHash);
    if (location.hash.length > 1) fromHash();
  }
  if (location.hash.length > 1) focusTarget();
})();
"""#
}
