/// `style.css`: the site's only stylesheet. Colours are CSS variables with a light and a dark
/// set (`prefers-color-scheme`); charts and graphs use the same variables, so figures follow
/// the theme. System font stacks only: the site makes no request outside itself.
enum StyleSheet {
    static let css = #"""
:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --border: #d1d9e0; --soft: #eef1f4;
  --sidebar-bg: #f6f8fa; --code-bg: #f6f8fa; --output-bg: #ffffff; --accent: #0969da;
  --ok: #1a7f37; --ok-bg: #dafbe1; --bad: #cf222e; --bad-bg: #ffebe9; --warn: #9a6700; --warn-bg: #fff8c5;
  --hl-k: #9b2393; --hl-t: #0b4f79; --hl-s: #c41a16; --hl-n: #1c00cf; --hl-c: #5d6c79; --hl-a: #815f03;
  --c0: #0072b2; --c1: #d55e00; --c2: #009e73; --c3: #cc79a7; --c4: #b07800; --c5: #56b4e9;
  --frozen-fill: #dbe9fb; --frozen-stroke: #1f5fbf; --trainable-fill: #dcf5e3; --trainable-stroke: #1a7f37;
  --op-fill: #f3f4f6; --op-stroke: #8c959f;
  --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", Arial, sans-serif;
  --mono: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace;
  --topbar: 3.25rem;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --border: #3d444d; --soft: #1c2129;
    --sidebar-bg: #151b23; --code-bg: #161b22; --output-bg: #0d1117; --accent: #4493f8;
    --ok: #3fb950; --ok-bg: #12361f; --bad: #ff7b72; --bad-bg: #3c1618; --warn: #d29922; --warn-bg: #3a2d0b;
    --hl-k: #fc5fa3; --hl-t: #9ed0f5; --hl-s: #fc6a5d; --hl-n: #d0bf69; --hl-c: #7f8c98; --hl-a: #fd8f3f;
    --c0: #56b4e9; --c1: #ff8c42; --c2: #2bd9a0; --c3: #e69fcf; --c4: #f0c040; --c5: #9ad0f5;
    --frozen-fill: #16304f; --frozen-stroke: #79b8ff; --trainable-fill: #12361f; --trainable-stroke: #56d364;
    --op-fill: #21262d; --op-stroke: #8b949e;
  }
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; scroll-padding-top: calc(var(--topbar) + 1rem); }
body { margin: 0; background: var(--bg); color: var(--fg); font: 16.5px/1.65 var(--sans); }
a { color: var(--accent); text-underline-offset: .15em; }
a:hover { text-decoration-thickness: 2px; }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; border-radius: 3px; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.skip-link { position: absolute; left: .5rem; top: -3rem; z-index: 20; padding: .5rem .9rem; background: var(--accent); color: #fff; border-radius: 6px; }
.skip-link:focus { top: .5rem; }

/* Top bar: brand, menu button (narrow screens), search. */
.topbar { position: sticky; top: 0; z-index: 10; display: flex; align-items: center; gap: 1rem; height: var(--topbar);
  padding: 0 1.25rem; background: var(--bg); border-bottom: 1px solid var(--border); }
.brand { font-weight: 700; font-size: 1.1rem; color: var(--fg); text-decoration: none; letter-spacing: -.01em; }
.brand span { color: var(--accent); }
.menu-button { display: none; font: inherit; font-size: .9rem; color: var(--fg); background: var(--soft);
  border: 1px solid var(--border); border-radius: 6px; padding: .3rem .7rem; cursor: pointer; }
.search { position: relative; margin-left: auto; width: min(24rem, 50vw); }
.search input { width: 100%; font: inherit; font-size: .9rem; color: var(--fg); background: var(--code-bg);
  border: 1px solid var(--border); border-radius: 6px; padding: .35rem .7rem; }
.search-results { position: absolute; right: 0; top: calc(100% + .4rem); width: min(34rem, 92vw); max-height: 70vh; overflow: auto;
  background: var(--bg); border: 1px solid var(--border); border-radius: 8px; box-shadow: 0 8px 24px rgba(0,0,0,.18); padding: .4rem; }
.search-results ul { list-style: none; margin: 0; padding: 0; }
.search-results a { display: block; padding: .45rem .6rem; border-radius: 6px; color: var(--fg); text-decoration: none; font-size: .9rem; line-height: 1.4; }
.search-results a:hover, .search-results a:focus { background: var(--soft); }
.search-results .where { font-weight: 600; }
.search-results .snippet { display: block; color: var(--muted); font-size: .82rem; margin-top: .15rem; }
.search-results mark { background: var(--warn-bg); color: inherit; border-radius: 2px; }
.search-status { margin: .3rem .6rem; color: var(--muted); font-size: .85rem; }

/* Layout: sidebar, content, on-page table of contents. */
.layout { display: grid; grid-template-columns: 17rem minmax(0, 1fr); }
.sidebar { position: sticky; top: var(--topbar); height: calc(100vh - var(--topbar)); overflow-y: auto;
  background: var(--sidebar-bg); border-right: 1px solid var(--border); padding: 1.25rem .75rem 2rem; font-size: .92rem; }
.sidebar h2 { font-size: .75rem; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); margin: .25rem .6rem .6rem; }
.sidebar ol { list-style: none; margin: 0; padding: 0; }
.sidebar a { display: flex; gap: .55rem; padding: .4rem .6rem; border-radius: 6px; color: var(--fg); text-decoration: none; line-height: 1.35; }
.sidebar a:hover { background: var(--soft); }
.sidebar a[aria-current="page"] { background: var(--soft); color: var(--accent); font-weight: 600; box-shadow: inset 3px 0 0 var(--accent); }
.sidebar .num { color: var(--muted); min-width: 1.4rem; font-variant-numeric: tabular-nums; }
.sidebar .home { margin-bottom: .75rem; }
.sidebar .failing::after { content: "✗"; color: var(--bad); margin-left: auto; }
main { padding: 2rem 3rem 4rem; min-width: 0; outline: none; }
/* Prose keeps a comfortable measure; code cells and their outputs and figures may be wider. */
main article { max-width: 72rem; }
article > * { max-width: 46rem; }
article > .cell, article > .prose-code { max-width: none; }
.toc { font-size: .875rem; margin: 0 0 2rem; padding: .75rem 1rem; border: 1px solid var(--border); border-radius: 8px; max-width: 46rem; }
.toc h2 { font-size: .75rem; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); margin: 0 0 .4rem; }
.toc ul { list-style: none; margin: 0; padding: 0; }
.toc li.h3 { padding-left: 1rem; }
.toc a { display: block; padding: .15rem 0; color: var(--muted); text-decoration: none; }
.toc a:hover { color: var(--accent); }
@media (min-width: 1440px) {
  main { display: grid; grid-template-columns: minmax(0, 72rem) 14rem; column-gap: 3rem; align-items: start; }
  main > * { grid-column: 1; }
  main > .toc { grid-column: 2; grid-row: 1 / span 4; position: sticky; top: calc(var(--topbar) + 2rem); border: 0;
    border-left: 1px solid var(--border); border-radius: 0; padding: 0 0 0 1rem; }
}
@media (max-width: 900px) {
  .menu-button { display: inline-block; }
  .layout { grid-template-columns: minmax(0, 1fr); }
  .sidebar { position: fixed; top: var(--topbar); left: 0; z-index: 9; width: min(20rem, 85vw); visibility: hidden;
    transform: translateX(-100%); transition: transform .2s ease, visibility .2s; box-shadow: 4px 0 24px rgba(0,0,0,.2); }
  body.sidebar-open .sidebar { visibility: visible; transform: none; }
  main { padding: 1.25rem 1rem 3rem; }
  .search { width: auto; flex: 1; }
  body { font-size: 16px; }
}

/* Prose. */
article h1 { font-size: 2.1rem; line-height: 1.2; letter-spacing: -.02em; margin: .2rem 0 1.2rem; }
article h2 { font-size: 1.5rem; line-height: 1.25; margin: 2.6rem 0 .8rem; padding-bottom: .3rem; border-bottom: 1px solid var(--border); }
article h3 { font-size: 1.2rem; margin: 2rem 0 .6rem; }
article h4 { font-size: 1rem; margin: 1.5rem 0 .5rem; }
.anchor { margin-left: .4rem; color: var(--muted); text-decoration: none; opacity: 0; font-weight: 400; }
h2:hover .anchor, h3:hover .anchor, .anchor:focus { opacity: 1; }
article p, article ul, article ol { margin: 0 0 1rem; }
article li + li { margin-top: .25rem; }
article code { font-family: var(--mono); font-size: .86em; background: var(--code-bg); border: 1px solid var(--border);
  border-radius: 4px; padding: .05em .3em; overflow-wrap: anywhere; }
article code.nowrap { white-space: nowrap; }
article pre code { background: none; border: 0; padding: 0; font-size: inherit; overflow-wrap: normal; }
article pre { font-family: var(--mono); font-size: .86rem; line-height: 1.55; overflow-x: auto; }
article > pre, .prose-code { background: var(--code-bg); border: 1px solid var(--border); border-radius: 8px; padding: .9rem 1rem; }
blockquote { margin: 0 0 1rem; padding: .6rem 1rem; border-left: 4px solid var(--accent); background: var(--code-bg); border-radius: 0 6px 6px 0; }
blockquote p:last-child { margin-bottom: 0; }
table { border-collapse: collapse; margin: 0 0 1rem; display: block; overflow-x: auto; }
th, td { border: 1px solid var(--border); padding: .35rem .7rem; text-align: left; }
th { background: var(--code-bg); }
hr { border: 0; border-top: 1px solid var(--border); margin: 2rem 0; }
img { max-width: 100%; }

/* Code cells: code, then what verification found, then figures. */
.cell { margin: 1.5rem 0; border: 1px solid var(--border); border-radius: 8px; overflow: hidden; background: var(--output-bg); }
.cell-head { display: flex; align-items: center; justify-content: space-between; padding: .3rem .5rem .3rem 1rem;
  background: var(--code-bg); border-bottom: 1px solid var(--border); font-size: .75rem; color: var(--muted); }
.cell-lang { text-transform: uppercase; letter-spacing: .06em; }
.copy-button { font: inherit; font-size: .75rem; color: var(--muted); background: transparent; border: 1px solid var(--border);
  border-radius: 5px; padding: .1rem .55rem; cursor: pointer; }
.copy-button:hover { color: var(--fg); background: var(--soft); }
.cell pre { margin: 0; font-family: var(--mono); font-size: .86rem; line-height: 1.55; overflow-x: auto; tab-size: 4; }
.cell-code { padding: .85rem 1rem; background: var(--code-bg); }
.cell-output { border-top: 1px solid var(--border); }
.output-head { display: flex; align-items: center; justify-content: space-between; gap: 1rem; padding: .45rem 1rem 0;
  font-size: .72rem; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); }
.cell-output pre { padding: .35rem 1rem .8rem; }
.cell-output .output-head:last-child { padding-bottom: .45rem; }
.output-message { margin: .3rem 1rem .5rem; font-size: .88rem; color: var(--warn); }
.badge { display: inline-block; border-radius: 999px; padding: .05rem .55rem; font-size: .72rem; font-weight: 600;
  letter-spacing: .02em; text-transform: none; white-space: nowrap; }
.badge-verified { color: var(--ok); background: var(--ok-bg); }
.badge-failed { color: var(--bad); background: var(--bad-bg); }
.badge-notrun, .badge-unverified { color: var(--warn); background: var(--warn-bg); }
.badge-skipped { color: var(--muted); background: var(--soft); }
.cell-notrun pre, .cell-unverified pre:not(.cell-code) { opacity: .75; }
.cell-failed { border: 2px solid var(--bad); }
.cell-mismatch { border-top: 1px solid var(--bad); background: var(--bad-bg); padding-bottom: .5rem; }
.cell-mismatch .output-head { color: var(--bad); font-weight: 700; }
.mismatch-message { margin: .4rem 1rem; font-size: .9rem; }
.mismatch-columns { display: grid; grid-template-columns: 1fr 1fr; gap: .5rem; padding: 0 .5rem; }
.mismatch-columns > div { min-width: 0; background: var(--output-bg); border: 1px solid var(--border); border-radius: 6px; }
.mismatch-label { font-size: .72rem; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); padding: .35rem .75rem 0; }
.mismatch-columns pre { padding: .3rem .75rem .6rem; }
.output-empty { color: var(--muted); font-style: italic; }
@media (max-width: 700px) { .mismatch-columns { grid-template-columns: 1fr; } }
@media (max-width: 600px) { .cell pre, article pre { font-size: .78rem; } }

/* Syntax highlighting. */
.hl-k { color: var(--hl-k); font-weight: 600; }
.hl-t { color: var(--hl-t); }
.hl-s, .hl-i { color: var(--hl-s); }
.hl-n { color: var(--hl-n); }
.hl-c { color: var(--hl-c); font-style: italic; }
.hl-a { color: var(--hl-a); }

/* Failure banner. */
.failure-banner { margin: 0 0 1.5rem; padding: .9rem 1.1rem; border: 1px solid var(--bad); border-left-width: 5px; border-radius: 6px;
  background: var(--bad-bg); max-width: 46rem; }
.failure-banner strong { color: var(--bad); }
.failure-banner ul { margin: .4rem 0 0; padding-left: 1.2rem; font-size: .92rem; }

/* Figures. */
.cell-figures { border-top: 1px solid var(--border); }
.cell-hidden { border-style: dashed; }
.cell-hidden .cell-figures { border-top: 0; }
.figure { margin: 0; padding: 1rem 1rem .75rem; text-align: center; }
.figure + .figure { border-top: 1px solid var(--border); }
.figure svg { max-width: 100%; height: auto; }
.chart { display: block; margin: 0 auto; font-family: var(--sans); }
.chart-wide { width: 640px; }
.chart-narrow { width: 360px; display: none; }
@media (max-width: 600px) {
  .chart-wide { display: none; }
  .chart-narrow { display: block; }
  .figure { padding: .75rem .5rem .6rem; }
  /* A graph scaled to a phone's width has unreadable labels: keep its natural size and let the
     figure (not the page) scroll sideways. */
  .figure-graph .graph-scroll { overflow-x: auto; }
  .figure-graph svg.graph { max-width: 130%; }
}
.figure figcaption { font-size: .88rem; color: var(--muted); margin-top: .4rem; }
.figure-error { color: var(--bad); font-size: .9rem; text-align: left; }
.chart .grid line { stroke: var(--border); stroke-width: 1; }
.chart .axis line { stroke: var(--muted); stroke-width: 1; }
.chart text { fill: var(--muted); font-size: 12px; }
.chart .label, .chart .legend text { fill: var(--fg); font-size: 13px; }
.chart .series { --series: var(--c0); }
.chart .series path, .chart .series line { fill: none; stroke: var(--series); stroke-width: 2.25; stroke-linejoin: round; stroke-linecap: round; }
.chart .series circle { fill: var(--series); stroke: var(--output-bg); stroke-width: 1; }
.chart .series-1 { --series: var(--c1); } .chart .series-1 path, .chart .series-1 line { stroke-dasharray: 7 4; }
.chart .series-2 { --series: var(--c2); } .chart .series-2 path, .chart .series-2 line { stroke-dasharray: 2 4; }
.chart .series-3 { --series: var(--c3); } .chart .series-3 path, .chart .series-3 line { stroke-dasharray: 10 4 2 4; }
.chart .series-4 { --series: var(--c4); } .chart .series-4 path, .chart .series-4 line { stroke-dasharray: 4 3; }
.chart .series-5 { --series: var(--c5); } .chart .series-5 path, .chart .series-5 line { stroke-dasharray: 12 3; }
.graph text { fill: var(--fg); font-family: var(--sans); }
.graph .node polygon, .graph .node ellipse, .graph .node path { fill: var(--op-fill); stroke: var(--op-stroke); stroke-width: 1.25; }
.graph .edge path { stroke: var(--muted); stroke-width: 1.25; }
.graph .cluster polygon { fill: none; stroke: var(--muted); stroke-dasharray: 3 3; }
.graph .cluster text { fill: var(--muted); font-size: 12px; }
.graph .edge polygon { fill: var(--muted); stroke: var(--muted); }
.graph .node.frozen polygon, .graph .node.frozen ellipse, .graph .node.frozen path { fill: var(--frozen-fill); stroke: var(--frozen-stroke); stroke-dasharray: 5 3; stroke-width: 1.75; }
.graph .node.trainable polygon, .graph .node.trainable ellipse, .graph .node.trainable path { fill: var(--trainable-fill); stroke: var(--trainable-stroke); stroke-width: 2; }
.graph .node.nograd polygon, .graph .node.nograd ellipse { fill: var(--bg); stroke-dasharray: 2 3; }
.graph .edge.nograd path { stroke-dasharray: 4 4; opacity: .7; }
.graph-key { display: flex; justify-content: center; flex-wrap: wrap; gap: .4rem 1.2rem; margin: .5rem 0 0; padding: 0; list-style: none; font-size: .8rem; color: var(--muted); }
.graph-key li { display: inline-flex; align-items: center; }
.graph-key li::before { content: ""; display: inline-block; flex: none; width: .9rem; height: .9rem; margin-right: .35rem; vertical-align: -.15rem; border-radius: 3px; border: 1.5px solid; }
.graph-key .key-frozen::before { background: var(--frozen-fill); border-color: var(--frozen-stroke); border-style: dashed; }
.graph-key .key-trainable::before { background: var(--trainable-fill); border-color: var(--trainable-stroke); }
.graph-key .key-op::before { background: var(--op-fill); border-color: var(--op-stroke); border-radius: 50%; }
.graph-key .key-nograd::before { background: var(--bg); border-color: var(--op-stroke); border-style: dotted; }

/* Index page and pager. */
.lesson-list { list-style: none; padding: 0; margin: 1rem 0 0; counter-reset: lesson; }
.lesson-list li { margin: 0 0 .75rem; }
.lesson-list a { display: block; padding: .8rem 1rem; border: 1px solid var(--border); border-radius: 8px; text-decoration: none; color: var(--fg); }
.lesson-list a:hover { border-color: var(--accent); }
.lesson-list .title { font-weight: 600; color: var(--accent); }
.lesson-list .summary { display: block; color: var(--muted); font-size: .93rem; margin-top: .15rem; }
.lesson-list .status { float: right; }
.pager { display: flex; justify-content: space-between; gap: 1rem; margin-top: 3rem; padding-top: 1.5rem; border-top: 1px solid var(--border); max-width: 46rem; }
.pager a { display: block; max-width: 48%; padding: .6rem .9rem; border: 1px solid var(--border); border-radius: 8px; text-decoration: none; }
.pager a:hover { border-color: var(--accent); }
.pager .dir { display: block; font-size: .75rem; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); }
.pager .next { margin-left: auto; text-align: right; }
.site-footer { margin-top: 3rem; font-size: .82rem; color: var(--muted); max-width: 46rem; }
@media print { .topbar, .sidebar, .toc, .pager, .copy-button { display: none; } .layout { display: block; } }
"""#
}
