// Deleting a dataset takes two clicks: the first asks, the second deletes; both are real buttons, and Cancel goes
// back. A refusal (409 while a job uses it, 403 for a predictor key) is shown where the buttons were.
import * as api from '../../api.js';
import { h, fill, problem, toast } from '../../ui.js';

export function deleteControl(dataset, onDeleted) {
  const box = h('div', { class: 'delete-step' });
  const label = dataset.name || dataset.id;
  const ask = (focus) => {
    const button = h(
      'button',
      { type: 'button', class: 'danger delete', 'aria-label': `Delete ${label}`, onclick: () => confirm() },
      'Delete',
    );
    fill(box, button);
    if (focus) button.focus();
  };
  const confirm = () => {
    const yes = h(
      'button',
      {
        type: 'button',
        class: 'danger confirm-delete',
        'aria-label': `Yes, delete ${label}`,
        onclick: async () => {
          yes.disabled = true;
          try {
            await api.del(`/api/v1/datasets/${encodeURIComponent(dataset.id)}`);
            toast(`Deleted ${label}.`);
            await onDeleted(dataset);
          } catch (e) {
            fill(box, problem(e), h('button', { type: 'button', class: 'cancel-delete', onclick: () => ask(true) }, 'Back'));
          }
        },
      },
      'Yes, delete',
    );
    fill(
      box,
      h('span', { class: 'confirm-text' }, 'Delete for good?'),
      yes,
      h('button', { type: 'button', class: 'cancel-delete', onclick: () => ask(true) }, 'Cancel'),
    );
    yes.focus();
  };
  ask(false);
  return box;
}
