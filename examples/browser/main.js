// The browser example: the textarea's markdown rendered into #preview on every edit by the
// component's `render` export. `out/markdown.js` is ferry's output (see README.md); it
// instantiates the component when imported, fetching out/markdown.core.wasm.
import { render } from './out/markdown.js';

const source = document.getElementById('source');
const preview = document.getElementById('preview');
const status = document.getElementById('status');

function update() {
  // The markdown is the user's own: its raw HTML passes through, as CommonMark says.
  const html = render(source.value);
  preview.innerHTML = html;
  status.textContent = `${source.value.length} characters of markdown, ${html.length} of HTML`;
}

source.addEventListener('input', update);
update();
