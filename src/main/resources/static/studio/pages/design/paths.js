// Paths into the request body, as arrays (['spec', 'layers', 1, 'units']) and as the service writes them in its
// field errors ('spec.layers[1].units'), so a refusal finds the control it is about.

export function pathText(path) {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else text += text ? `.${part}` : part;
  }
  return text;
}

/** 'spec.layers[1].units' → the paths to try, the field itself first, then each enclosing object. */
export function ancestors(text) {
  const out = [];
  let current = String(text || '');
  while (current) {
    out.push(current);
    const cut = Math.max(current.lastIndexOf('.'), current.lastIndexOf('['));
    if (cut <= 0) break;
    current = current.slice(0, cut);
  }
  return out;
}

export function getIn(root, path) {
  let node = root;
  for (const part of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = node[part];
  }
  return node;
}

/** Sets a value, creating the objects on the way; undefined removes the key (the spec's default applies). */
export function setIn(root, path, value) {
  let node = root;
  for (let i = 0; i < path.length - 1; i++) {
    const part = path[i];
    if (node[part] === null || typeof node[part] !== 'object') {
      if (value === undefined) return;
      node[part] = typeof path[i + 1] === 'number' ? [] : {};
    }
    node = node[part];
  }
  const last = path[path.length - 1];
  if (value === undefined) {
    if (Array.isArray(node)) node.splice(last, 1);
    else delete node[last];
  } else node[last] = value;
}

/** An id for a control from its path: spec.layers[1].units → f-layers-1-units. */
export function controlId(path) {
  return `f-${path
    .slice(path[0] === 'spec' ? 1 : 0)
    .join('-')
    .replace(/[^A-Za-z0-9_-]/g, '_')}`;
}
