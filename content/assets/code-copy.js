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
