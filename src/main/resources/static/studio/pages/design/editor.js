// The spec as JSON in CodeMirror 5. The form writes it (setValue, which does not count as an edit); a person's
// edit that parses to an object is handed on (onSpec), one that does not shows the parse error and changes
// nothing else.
import { h, debounce } from '../../ui.js';

export function jsonEditor(onSpec) {
  const label = h('h2', { id: 'spec-json-label' }, 'Spec as JSON');
  const host = h('div', { class: 'json-host', id: 'spec-json-host' });
  const error = h('p', { class: 'field-error', id: 'json-error', role: 'status', 'aria-live': 'polite' });
  const hint = h(
    'p',
    { class: 'hint', id: 'json-hint' },
    'Every field of the spec, also those the form leaves out. Tab leaves the editor; Ctrl+Z undoes.',
  );
  const node = h('div', { class: 'json-editor' }, label, host, error, hint);
  let cm = null;
  let pending = '';

  const parse = debounce(() => {
    const text = cm.getValue();
    let value;
    try {
      value = JSON.parse(text);
    } catch (e) {
      showError(e.message);
      return;
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      showError('The spec is a JSON object: {"layers": […], …}.');
      return;
    }
    showError('');
    onSpec(value);
  }, 250);

  function showError(message) {
    error.textContent = message ? `Not valid JSON, the form is left as it was: ${message}` : '';
    node.classList.toggle('invalid', Boolean(message));
  }

  return {
    node,
    /** Called once the node is in the document: CodeMirror measures its box. */
    mount() {
      cm = window.CodeMirror(host, {
        value: pending,
        mode: { name: 'javascript', json: true },
        lineNumbers: true,
        matchBrackets: true,
        tabSize: 2,
        indentUnit: 2,
        lineWrapping: true,
        screenReaderLabel: 'Spec as JSON',
        // Tab moves focus on, as everywhere else on the page, instead of trapping the keyboard in the editor
        extraKeys: { Tab: false, 'Shift-Tab': false },
      });
      cm.getInputField().setAttribute('aria-describedby', 'json-error json-hint');
      cm.on('change', (_, change) => {
        if (change.origin !== 'setValue') parse();
      });
      host.codeMirror = cm;
    },
    /** Shows the spec the form made. */
    show(spec) {
      const text = JSON.stringify(spec, null, 2);
      if (!cm) {
        pending = text;
        return;
      }
      if (cm.getValue() === text) return;
      showError('');
      cm.setValue(text);
    },
    refresh() {
      if (cm) cm.refresh();
    },
    cm: () => cm,
  };
}
