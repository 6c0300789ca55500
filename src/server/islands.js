// The client's start, after Leptos 0.8's island_script.js (MIT), with two changes: the client is
// fetched after the first paint (Lighthouse counted a preloaded WASM as something the largest paint
// waited for), and `body[data-hydrated]` is set once every island of the page, lazy ones included,
// has been hydrated, which Leptos's script does not signal (CSS and the end-to-end tests key off
// the mark).
((wasmPath, jsPath) => {
  const childrenCallbacks = [];
  async function hydrateIsland(element, mod) {
    const islandFn = mod[element.dataset.component];
    if (!islandFn) {
      console.warn(`No WASM function for the island ${element.dataset.component}.`);
      return;
    }
    const onChildren = childrenCallbacks[childrenCallbacks.length - 1];
    if (onChildren) onChildren();
    await islandFn(element);
  }
  async function traverse(node, mod) {
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    const tag = node.tagName.toLowerCase();
    if (tag === 'leptos-island') await hydrateIsland(node, mod);
    if (tag === 'leptos-children') childrenCallbacks.push(node.$$on_hydrate);
    for (const child of node.children) await traverse(child, mod);
    if (tag === 'leptos-children') childrenCallbacks.pop();
  }
  requestAnimationFrame(() => setTimeout(() => {
    const wasm = fetch(wasmPath);
    import(jsPath).then((mod) => mod.default({ module_or_path: wasm }).then(async () => {
      mod.hydrate();
      await traverse(document.body, mod);
      document.body.dataset.hydrated = 'true';
    }));
  }));
})
