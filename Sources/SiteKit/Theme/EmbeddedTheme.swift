// Written by scripts/embed-theme from templates/ and content/assets/: do not edit here.

/// The theme build-site uses where a site has none of its own: its templates, by name, and its assets, by their
/// path in the site. A project's `templates/` and `content/assets/` override it file by file.
enum EmbeddedTheme {
    static let templates: [(name: String, text: String)] = [
        ("breadcrumbs", #"""
{{#hasBreadcrumbs}}
<nav class="breadcrumbs" aria-label="Breadcrumb" data-pagefind-ignore>
<ol>
{{#breadcrumbs}}
<li><a href="{{url}}">{{label}}</a></li>
{{/breadcrumbs}}
<li><span aria-current="page">{{page.label}}</span></li>
</ol>
</nav>
{{/hasBreadcrumbs}}

"""#),
        ("footer", #"""
{{{site.footer}}}
"""#),
        ("head", #"""
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>{{page.title}}{{^page.isHome}} · {{site.title}}{{/page.isHome}}</title>
<meta name="description" content="{{page.description}}">
<link rel="canonical" href="{{page.canonicalURL}}">
{{#page.markdownURL}}
<link rel="alternate" type="text/markdown" href="{{.}}">
{{/page.markdownURL}}
<meta property="og:type" content="website">
<meta property="og:site_name" content="{{site.title}}">
<meta property="og:title" content="{{page.title}}">
<meta property="og:description" content="{{page.description}}">
<meta property="og:url" content="{{page.canonicalURL}}">
{{#page.image}}
<meta property="og:image" content="{{.}}">
<meta name="twitter:card" content="summary_large_image">
{{/page.image}}
{{^page.image}}
<meta name="twitter:card" content="summary">
{{/page.image}}
<meta name="twitter:title" content="{{page.title}}">
<meta name="twitter:description" content="{{page.description}}">
<link rel="stylesheet" href="{{site.basePath}}assets/site.css">
<script src="{{site.basePath}}assets/code-copy.js" defer></script>
{{#site.search}}
<script type="module" src="{{site.basePath}}assets/search.js"></script>
{{/site.search}}

"""#),
        ("header", ##"""
<header class="site-header">
<a class="skip" href="#content">Skip to content</a>
<a class="site-title" href="{{site.basePath}}">{{site.title}}</a>
{{#site.search}}
<div class="site-search" role="search" data-bundle="{{site.basePath}}pagefind/" data-base="{{site.basePath}}" hidden>
<label class="sr-only" for="site-search-input">Search this site</label>
<input id="site-search-input" type="search" placeholder="Search" autocomplete="off" spellcheck="false" aria-keyshortcuts="/">
<kbd class="search-key" aria-hidden="true">/</kbd>
<p class="sr-only" role="status"></p>
<ol id="site-search-results" class="search-results" aria-label="Search results" hidden></ol>
</div>
{{/site.search}}
{{#site.hasNav}}
<nav class="site-links" aria-label="Site">
{{#site.nav}}<a href="{{url}}">{{title}}</a>
{{/site.nav}}
</nav>
{{/site.hasNav}}
</header>

"""##),
        ("nav-list", #"""
<ul>
{{#items}}
<li{{#isSection}} class="section"{{/isSection}}><a href="{{url}}"{{#current}} aria-current="page"{{/current}}>{{label}}</a>{{#list}}
{{> nav-list}}{{/list}}</li>
{{/items}}
{{#more}}
<li class="more"><a href="{{url}}">All {{count}} in {{title}}</a></li>
{{/more}}
</ul>

"""#),
        ("nav", #"""
<nav class="site-nav" aria-label="Site">
{{#nav}}{{> nav-list}}{{/nav}}
</nav>

"""#),
        ("page-meta", #"""
{{#page.editURL}}
<div class="page-meta" data-pagefind-ignore>
<a href="{{page.editURL}}">Edit this page</a>
{{#page.lastUpdated}}
<span>Last updated <time datetime="{{iso}}">{{date}}</time></span>
{{/page.lastUpdated}}
</div>
{{/page.editURL}}
{{^page.editURL}}
{{#page.lastUpdated}}
<div class="page-meta" data-pagefind-ignore><span>Last updated <time datetime="{{iso}}">{{date}}</time></span></div>
{{/page.lastUpdated}}
{{/page.editURL}}

"""#),
        ("page", #"""
<!DOCTYPE html>
<html lang="{{site.language}}">
<head>
{{> head}}
</head>
<body>
{{> header}}
<div class="layout">
<main id="content"{{#page.searchable}} data-pagefind-body{{/page.searchable}}>
{{> breadcrumbs}}
<h1{{{page.titleIDAttribute}}}>{{page.title}}</h1>
{{#page.hasTOC}}
{{> toc}}
{{/page.hasTOC}}
{{{page.content}}}
{{> page-meta}}
{{> section-list}}
{{> pager}}
</main>
{{> nav}}
</div>
{{> footer}}
</body>
</html>

"""#),
        ("pager", #"""
{{#hasPager}}
<nav class="pager" aria-label="Previous and next" data-pagefind-ignore>
{{#previous}}<a class="previous" href="{{url}}" rel="prev"><span>Previous</span> {{title}}</a>{{/previous}}
{{#next}}<a class="next" href="{{url}}" rel="next"><span>Next</span> {{title}}</a>{{/next}}
</nav>
{{/hasPager}}

"""#),
        ("section-list", #"""
{{#section.hasItems}}
<ul class="section-list" data-pagefind-ignore>
{{#section.items}}
<li><a href="{{url}}">{{title}}</a>{{#description}}<p>{{.}}</p>{{/description}}</li>
{{/section.items}}
</ul>
{{#section.isPaginated}}
<nav class="list-pager" aria-label="Pages of this list" data-pagefind-ignore>
{{#section.previousList}}<a href="{{url}}" rel="prev">Previous page</a>{{/section.previousList}}
<span>Page {{section.listPage}} of {{section.listPageCount}}</span>
{{#section.nextList}}<a href="{{url}}" rel="next">Next page</a>{{/section.nextList}}
</nav>
{{/section.isPaginated}}
{{/section.hasItems}}

"""#),
        ("toc", ##"""
<nav class="toc" aria-label="On this page" data-pagefind-ignore>
<p>On this page</p>
<ol>
{{#page.toc}}
<li class="toc-level-{{level}}"><a href="#{{id}}">{{text}}</a></li>
{{/page.toc}}
</ol>
</nav>

"""##),
    ]

    static let assets: [(path: String, text: String)] = [
        ("assets/code-copy.js", #"""
// The theme's Copy button on each code block. The page reads the same without it (progressive enhancement); it
// is a file of the site's own, so a strict Content-Security-Policy keeps working. It copies the code's text
// exactly (the build keeps the file's own line endings), and says "Copied" to screen readers as well.
const status = document.createElement('p');
status.className = 'sr-only';
status.setAttribute('role', 'status');
document.body.append(status);

function announce(message) {
  // Cleared first, so the same message is announced again on a second copy.
  status.textContent = '';
  setTimeout(() => { status.textContent = message; }, 50);
}

async function copy(text) {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  const copied = document.execCommand('copy');
  area.remove();
  if (!copied) throw new Error('copy refused');
}

for (const figure of document.querySelectorAll('figure.code-block')) {
  const code = figure.querySelector('pre > code');
  if (!code) continue;
  const title = figure.querySelector('.code-title')?.textContent;
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'copy-code';
  button.textContent = 'Copy';
  button.setAttribute('aria-label', title ? `Copy ${title}` : 'Copy code');
  button.addEventListener('click', async () => {
    try {
      await copy(code.textContent);
      button.textContent = 'Copied';
      announce('Copied');
    } catch {
      announce('Could not copy: select the code and copy it');
    }
    setTimeout(() => { button.textContent = 'Copy'; }, 2000);
  });
  figure.append(button);
}

"""#),
        ("assets/search.js", #"""
// The theme's search box, over the Pagefind index the build writes into pagefind/. A progressive enhancement: the
// box stays hidden without JavaScript. A file of the site's own, so a strict Content-Security-Policy needs no
// inline script; Pagefind's WebAssembly does need 'wasm-unsafe-eval' on a page whose policy is set.
// A module, so its names stay its own. Keyboard: "/" focuses the box, Esc clears it, the arrow keys (or Tab) move through the results, Enter opens one.
const box = document.querySelector('.site-search');
if (box) {
  const input = box.querySelector('input');
  const results = box.querySelector('ol');
  const status = box.querySelector('[role="status"]');
  const shown = 8;
  let pagefind;
  let latest = 0;
  box.hidden = false;

  // Loaded when the reader first turns to the box, from under the site's base path (/repo/ on a project site).
  function load() {
    if (!pagefind) {
      pagefind = import(box.dataset.bundle + 'pagefind.js').then(async (module) => {
        await module.options({ baseUrl: box.dataset.base });
        await module.init();
        return module;
      });
      pagefind.catch(() => { pagefind = undefined; });
    }
    return pagefind;
  }

  function clear() {
    latest += 1;
    input.value = '';
    results.replaceChildren();
    results.hidden = true;
    status.textContent = '';
  }

  // Pagefind's excerpt is HTML: its text escaped, the matching words in <mark>. Only the text and the marks are
  // kept, whatever the page held.
  function excerpt(html) {
    const parsed = new DOMParser().parseFromString(html, 'text/html');
    const span = document.createElement('span');
    span.className = 'result-excerpt';
    for (const node of parsed.body.childNodes) {
      if (node.nodeName === 'MARK') {
        const mark = document.createElement('mark');
        mark.textContent = node.textContent;
        span.append(mark);
      } else {
        span.append(node.textContent);
      }
    }
    return span;
  }

  function show(query, pages, total) {
    const items = pages.map((page) => {
      const link = document.createElement('a');
      link.href = page.url;
      const title = document.createElement('span');
      title.className = 'result-title';
      title.textContent = page.meta.title || page.url;
      link.append(title, excerpt(page.excerpt));
      const item = document.createElement('li');
      item.append(link);
      return item;
    });
    results.replaceChildren(...items);
    results.hidden = items.length === 0;
    status.textContent = total === 0 ? `No pages match “${query}”.`
      : total > pages.length ? `${total} pages match; the first ${pages.length} are listed.`
      : `${total} ${total === 1 ? 'page matches' : 'pages match'}.`;
  }

  async function search() {
    const query = input.value.trim();
    const ticket = ++latest;
    if (!query) {
      clear();
      return;
    }
    let module;
    try {
      module = await load();
    } catch {
      status.textContent = 'Search is not available right now.';
      return;
    }
    const found = await module.debouncedSearch(query, {}, 120);
    // A later keystroke started another search, which shows its own results.
    if (found === null || ticket !== latest) return;
    const pages = await Promise.all(found.results.slice(0, shown).map((result) => result.data()));
    if (ticket !== latest) return;
    show(query, pages, found.results.length);
  }

  function links() { return [...results.querySelectorAll('a')]; }

  function move(step) {
    const all = links();
    const at = all.indexOf(document.activeElement);
    const next = at + step;
    if (next < 0) input.focus();
    else if (next < all.length) all[next].focus();
  }

  input.addEventListener('focus', () => { load().catch(() => {}); });
  input.addEventListener('input', search);
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' && links().length > 0) {
      event.preventDefault();
      links()[0].focus();
    } else if (event.key === 'Enter' && links().length > 0) {
      event.preventDefault();
      links()[0].click();
    }
  });
  results.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      move(event.key === 'ArrowDown' ? 1 : -1);
    }
  });
  box.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      clear();
      input.focus();
    }
  });
  document.addEventListener('keydown', (event) => {
    const target = event.target;
    const typing = target instanceof HTMLElement
      && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
    if (event.key === '/' && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      input.focus();
    }
  });
  // A click elsewhere closes the list; the query stays, and focusing the box again shows it.
  document.addEventListener('click', (event) => {
    if (!box.contains(event.target)) {
      results.hidden = true;
    }
  });
  input.addEventListener('focus', () => {
    if (results.children.length > 0) {
      results.hidden = false;
    }
  });
}

"""#),
        ("assets/site.css", #"""
:root {
  color-scheme: light dark;
  --text: #1f2430;
  --muted: #5d6677;
  --background: #ffffff;
  --surface: #f4f6fa;
  --border: #dde2ea;
  --accent: #2458c9;
}
@media (prefers-color-scheme: dark) {
  :root {
    --text: #e6e9f0;
    --muted: #a0a9b8;
    --background: #131720;
    --surface: #1c2230;
    --border: #2e3648;
    --accent: #7aa7ff;
  }
}
* { box-sizing: border-box; }
body {
  margin: 0;
  font: 1.0625rem/1.65 system-ui, -apple-system, "Segoe UI", sans-serif;
  color: var(--text);
  background: var(--background);
  overflow-wrap: break-word;
}
a { color: var(--accent); }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: var(--background); padding: 0.5rem; }
.site-header {
  display: flex;
  flex-wrap: wrap;
  gap: 0.5rem 1.5rem;
  align-items: center;
  padding: 0.75rem max(1rem, (100% - 72rem) / 2);
  border-bottom: 1px solid var(--border);
}
.site-title { font-weight: 700; text-decoration: none; color: var(--text); }
.site-links { margin-left: auto; display: flex; gap: 1rem; }
a:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; border-radius: 0.2rem; }
/* Main content first in the document (and to screen readers); the site navigation beside it on wide screens,
   after it on narrow ones. */
.layout {
  display: grid;
  grid-template-columns: minmax(0, 1fr);
  gap: 2rem;
  max-width: 72rem;
  margin: 0 auto;
  padding: 1.5rem 1rem 3rem;
}
@media (min-width: 60rem) {
  .layout { grid-template-columns: 15rem minmax(0, 1fr); }
  .site-nav {
    grid-column: 1;
    grid-row: 1;
    position: sticky;
    top: 1rem;
    align-self: start;
    max-height: calc(100vh - 2rem);
    overflow-y: auto;
  }
  main { grid-column: 2; grid-row: 1; }
}
main { max-width: 46rem; min-width: 0; }
.site-nav { font-size: 0.95rem; }
.site-nav ul { margin: 0; padding: 0; list-style: none; }
.site-nav ul ul { margin: 0.2rem 0 0.4rem 0.5rem; padding-left: 0.6rem; border-left: 1px solid var(--border); }
.site-nav li { margin: 0.1rem 0; }
.site-nav a { display: block; padding: 0.2rem 0.5rem; border-radius: 0.3rem; color: var(--text); text-decoration: none; }
.site-nav a:hover { background: var(--surface); }
.site-nav a[aria-current="page"] { background: var(--surface); color: var(--accent); font-weight: 600; }
.site-nav .section > a { font-weight: 600; }
.site-nav .more a { color: var(--muted); font-size: 0.9em; }
@media (max-width: 59.99rem) {
  .site-nav { border-top: 1px solid var(--border); padding-top: 1rem; }
}
.breadcrumbs ol {
  display: flex;
  flex-wrap: wrap;
  gap: 0.3rem;
  margin: 0;
  padding: 0;
  list-style: none;
  font-size: 0.9rem;
  color: var(--muted);
}
.breadcrumbs li + li::before { content: "›"; margin-right: 0.3rem; }
.toc { font-size: 0.9rem; margin: 1rem 0 2rem; padding: 0.75rem 1rem; border: 1px solid var(--border); border-radius: 0.5rem; }
.toc p { margin: 0 0 0.5rem; font-weight: 600; color: var(--muted); }
.toc ol { margin: 0; padding: 0; list-style: none; }
.toc li { margin: 0.25rem 0; }
.toc .toc-level-3 { padding-left: 1rem; }
.section-list { margin: 1.5rem 0; padding: 0; list-style: none; }
.section-list li { margin: 0 0 1rem; }
.section-list p { margin: 0.2rem 0 0; color: var(--muted); }
.list-pager, .pager { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; }
.pager { justify-content: space-between; margin-top: 3rem; padding-top: 1rem; border-top: 1px solid var(--border); }
.pager a { display: flex; flex-direction: column; max-width: 48%; text-decoration: none; }
.pager .next { margin-left: auto; text-align: right; }
.pager span { font-size: 0.85rem; color: var(--muted); }
h1 { line-height: 1.2; }
h2, h3 { line-height: 1.3; margin-top: 2.2rem; }
.anchor { margin-left: 0.3rem; text-decoration: none; color: var(--muted); opacity: 0; }
h2:hover .anchor, h3:hover .anchor, .anchor:focus { opacity: 1; }
code {
  font: 0.9em/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  background: var(--surface);
  padding: 0.1em 0.3em;
  border-radius: 0.25rem;
}
pre {
  overflow-x: auto;
  padding: 1rem;
  background: var(--surface);
  border: 1px solid var(--border);
  border-radius: 0.5rem;
}
pre code { padding: 0; background: none; }
blockquote { margin: 0; padding-left: 1rem; border-left: 3px solid var(--border); color: var(--muted); }
img { max-width: 100%; height: auto; }
.site-footer {
  padding: 1rem max(1rem, (100% - 72rem) / 2);
  border-top: 1px solid var(--border);
  color: var(--muted);
  font-size: 0.9rem;
}
/* Build-time syntax highlighting (build-site wraps tokens in these classes). */
:root {
  --tok-comment: #6a737d;
  --tok-string: #0a7b3e;
  --tok-number: #b35900;
  --tok-keyword: #a626a4;
  --tok-literal: #b35900;
  --tok-tag: #1f5fbf;
  --tok-attribute: #8a5a00;
  --tok-property: #1f5fbf;
  --tok-variable: #b3261e;
  --tok-command: #a626a4;
}
@media (prefers-color-scheme: dark) {
  :root {
    --tok-comment: #8b949e;
    --tok-string: #7ee2a8;
    --tok-number: #ffb86b;
    --tok-keyword: #d2a8ff;
    --tok-literal: #ffb86b;
    --tok-tag: #79c0ff;
    --tok-attribute: #e3b341;
    --tok-property: #79c0ff;
    --tok-variable: #ff938a;
    --tok-command: #d2a8ff;
  }
}
.tok-comment { color: var(--tok-comment); font-style: italic; }
.tok-string { color: var(--tok-string); }
.tok-number { color: var(--tok-number); }
.tok-keyword { color: var(--tok-keyword); }
.tok-literal { color: var(--tok-literal); }
.tok-tag { color: var(--tok-tag); }
.tok-attribute { color: var(--tok-attribute); }
.tok-property { color: var(--tok-property); }
.tok-variable { color: var(--tok-variable); }
.tok-option { color: var(--tok-attribute); }
.tok-command { color: var(--tok-command); font-weight: 600; }
/* Only for screen readers: the footnotes' heading, the copy button's announcements. */
.sr-only {
  position: absolute;
  width: 1px;
  height: 1px;
  overflow: hidden;
  clip-path: inset(50%);
  white-space: nowrap;
}
/* GitHub Flavored Markdown: tables, task lists, footnotes. A wide table scrolls on its own, not the page. */
table { display: block; max-width: 100%; overflow-x: auto; border-collapse: collapse; margin: 1rem 0; }
th, td { padding: 0.4rem 0.75rem; border: 1px solid var(--border); }
th { background: var(--surface); }
li:has(> input[type="checkbox"]:first-child) { list-style: none; }
li > input[type="checkbox"]:first-child { margin: 0 0.4rem 0 -1.3rem; }
del { color: var(--muted); }
.footnotes { margin-top: 3rem; padding-top: 1rem; border-top: 1px solid var(--border); font-size: 0.9rem; }
.footnote-backref { text-decoration: none; }
/* Alerts: the kind is the title's word, its colour only repeats it. Title colours meet WCAG AA (4.5:1) on the
   page's background in both schemes; the text keeps the page's colours. */
:root {
  --alert-note: #0969da;
  --alert-tip: #1a7f37;
  --alert-important: #8250df;
  --alert-warning: #9a6700;
  --alert-caution: #cf222e;
}
@media (prefers-color-scheme: dark) {
  :root {
    --alert-note: #4493f8;
    --alert-tip: #3fb950;
    --alert-important: #ab7df8;
    --alert-warning: #d29922;
    --alert-caution: #f85149;
  }
}
.markdown-alert { margin: 1.25rem 0; padding: 0.5rem 1rem; border-left: 0.25rem solid var(--alert); }
.markdown-alert > :last-child { margin-bottom: 0.5rem; }
.markdown-alert-title { margin: 0.25rem 0 0.5rem; font-weight: 700; color: var(--alert); }
.markdown-alert-title::before { content: var(--alert-symbol); margin-right: 0.4rem; }
.markdown-alert-note { --alert: var(--alert-note); --alert-symbol: "ℹ"; }
.markdown-alert-tip { --alert: var(--alert-tip); --alert-symbol: "✓"; }
.markdown-alert-important { --alert: var(--alert-important); --alert-symbol: "★"; }
.markdown-alert-warning { --alert: var(--alert-warning); --alert-symbol: "⚠"; }
.markdown-alert-caution { --alert: var(--alert-caution); --alert-symbol: "✖"; }
/* Code blocks: the title above, marked lines, the Copy button the theme's script adds. */
.code-block { position: relative; margin: 1rem 0; }
.code-block pre { margin: 0; }
.code-title {
  padding: 0.35rem 1rem;
  font: 0.85rem/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  color: var(--muted);
  background: var(--surface);
  border: 1px solid var(--border);
  border-bottom: none;
  border-radius: 0.5rem 0.5rem 0 0;
}
.code-title + pre { border-radius: 0 0 0.5rem 0.5rem; }
mark.line {
  display: inline-block;
  min-width: 100%;
  margin: 0 -1rem;
  padding: 0 1rem;
  color: inherit;
  background: color-mix(in srgb, var(--accent) 18%, transparent);
  box-shadow: inset 0.2rem 0 var(--accent);
}
.copy-code {
  position: absolute;
  top: 0.4rem;
  right: 0.4rem;
  padding: 0.15rem 0.6rem;
  font: 0.8rem/1.5 system-ui, sans-serif;
  color: var(--text);
  background: var(--background);
  border: 1px solid var(--border);
  border-radius: 0.3rem;
  cursor: pointer;
}
.code-title ~ .copy-code, .code-block:has(.code-title) .copy-code { top: 0.15rem; }
.copy-code:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
.page-meta { margin-top: 2rem; font-size: 0.9rem; color: var(--muted); display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; }
/* The search box (shown by search.js): beside the title on wide screens, a row of its own on a phone; results
   drop down under it. */
.site-search { position: relative; flex: 1 1 16rem; max-width: 26rem; }
.site-search[hidden] { display: none; }
.site-search input {
  width: 100%;
  padding: 0.4rem 2rem 0.4rem 0.6rem;
  font: inherit;
  font-size: 0.95rem;
  color: var(--text);
  background: var(--surface);
  border: 1px solid var(--border);
  border-radius: 0.4rem;
}
.site-search input:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
.search-key {
  position: absolute;
  right: 0.5rem;
  top: 50%;
  transform: translateY(-50%);
  padding: 0 0.35rem;
  font-size: 0.8rem;
  color: var(--muted);
  border: 1px solid var(--border);
  border-radius: 0.25rem;
}
.site-search input:focus + .search-key { display: none; }
.search-results {
  position: absolute;
  z-index: 10;
  top: calc(100% + 0.3rem);
  left: 0;
  width: min(34rem, calc(100vw - 2rem));
  max-height: min(70vh, 32rem);
  overflow-y: auto;
  margin: 0;
  padding: 0.3rem;
  list-style: none;
  background: var(--background);
  border: 1px solid var(--border);
  border-radius: 0.5rem;
  box-shadow: 0 0.5rem 1.5rem rgb(0 0 0 / 0.18);
}
.search-results a { display: block; padding: 0.5rem 0.6rem; border-radius: 0.35rem; color: var(--text); text-decoration: none; }
.search-results a:hover, .search-results a:focus-visible { background: var(--surface); }
.search-results a:focus-visible { outline: 2px solid var(--accent); outline-offset: -2px; }
.result-title { display: block; font-weight: 600; color: var(--accent); }
.result-excerpt { display: block; font-size: 0.9rem; color: var(--muted); }
.result-excerpt mark { color: var(--text); background: color-mix(in srgb, var(--accent) 22%, transparent); border-radius: 0.15rem; }
@media (max-width: 40rem) {
  .site-search { order: 3; flex-basis: 100%; max-width: none; }
  .search-results { width: 100%; }
}

"""#),
    ]
}
