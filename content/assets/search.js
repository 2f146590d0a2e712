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
