// Field errors at the fields they name: a refusal's `errors` ({field, message}) go under the input of that name,
// which is marked invalid and described by its message, so a screen reader reads the message with the field.
import { h } from '../../ui.js';

/** Removes every mark left by show(). */
export function clearFields(inputs) {
  for (const input of Object.values(inputs)) {
    if (!input) continue;
    input.removeAttribute('aria-invalid');
    const id = `${input.id}-error`;
    document.getElementById(id)?.remove();
    const described = (input.getAttribute('aria-describedby') || '').split(' ').filter((d) => d && d !== id);
    if (described.length) input.setAttribute('aria-describedby', described.join(' '));
    else input.removeAttribute('aria-describedby');
  }
}

/**
 * Marks the inputs an ApiError names; answers the errors that name no input here (to be shown with the
 * problem's summary), as [{field, message}].
 */
export function showFields(inputs, error) {
  const left = [];
  const byField = error && error.fields ? error.fields() : {};
  let first = null;
  for (const [field, messages] of Object.entries(byField)) {
    const input = inputs[field];
    if (!input) {
      for (const message of messages) left.push({ field, message });
      continue;
    }
    const id = `${input.id}-error`;
    const shown = document.getElementById(id);
    first ||= input;
    if (shown) {
      // several parts (images, labels) may name one input: their messages share its line
      shown.append(` · ${messages.join(' · ')}`);
      continue;
    }
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', `${input.getAttribute('aria-describedby') || ''} ${id}`.trim());
    // the message goes after the input's own hint, at the end of the field's box
    const box = input.closest('.field') || input.parentElement;
    box.append(h('p', { class: 'field-error', id, dataset: { field } }, messages.join(' · ')));
  }
  return { left, first };
}
