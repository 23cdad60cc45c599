// embed.html: one <retention-curve> filling the page, for an <iframe>. Its attributes come
// from the URL's hash (#a=0.03&c=0.55&d=1.5&periods=30&chart=active), which a page embedding
// it can change without reloading the frame; the chart follows.

const frame = document.getElementById('embed');
const widget = document.createElement('retention-curve');

async function applyHash() {
  // The widget's own list, so a new attribute needs no change here.
  await customElements.whenDefined('retention-curve');
  const { observedAttributes } = customElements.get('retention-curve');
  const parameters = new URLSearchParams(window.location.hash.slice(1));
  for (const name of observedAttributes) {
    if (parameters.has(name)) widget.setAttribute(name, parameters.get(name));
    else widget.removeAttribute(name);
  }
}

window.addEventListener('hashchange', applyHash);
await applyHash();
frame.append(widget);
