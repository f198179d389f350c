// The upload form: a drop zone that is also a plain file picker, the format guessed from the files' names (and
// changeable), each format's options as the API names them, progress while the bytes go, and the service's field
// errors at the fields they name.
import * as api from '../../api.js';
import { h, fill, card, problem } from '../../ui.js';
import { clearFields, showFields } from './fields.js';
import { detectFormat, idxRole, readHeader, formatSize } from './files.js';

const FORMATS = [
  ['csv', 'CSV table'],
  ['idx', 'IDX images + labels (MNIST style)'],
  ['quickdraw', 'Quick, Draw! .npy / .ndjson, one file per class'],
  ['zip', 'ZIP of class folders of pictures'],
];
const IDX_ROLES = [
  ['images', 'training images'],
  ['labels', 'training labels'],
  ['testImages', 'test images'],
  ['testLabels', 'test labels'],
];

/** A labelled field: label, control, optional hint (linked by aria-describedby). */
function field(id, label, control, hint) {
  if (hint) control.setAttribute('aria-describedby', `${id}-hint`);
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    control,
    hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null,
  );
}

function select(id, options, value) {
  return h(
    'select',
    { id, name: id.replace(/^upload-/, '') },
    options.map(([v, text]) => h('option', { value: v, selected: v === value }, text)),
  );
}

export function uploadCard({ onUploaded, signal }) {
  let files = [];
  const roles = new Map();

  const picker = h('input', {
    id: 'upload-files',
    type: 'file',
    multiple: true,
    name: 'files',
    'aria-describedby': 'upload-files-hint',
  });
  const chosen = h('div', { id: 'upload-chosen', class: 'upload-chosen' });
  const zone = h(
    'div',
    { class: 'dropzone field', id: 'upload-drop' },
    h('p', { class: 'dropzone-title' }, 'Drop files here'),
    h('label', { for: 'upload-files' }, 'or choose files'),
    picker,
    h(
      'p',
      { class: 'hint', id: 'upload-files-hint' },
      'A CSV; IDX images + labels (optionally the test pair too); Quick, Draw! files, one per class; or a ZIP with one folder per class.',
    ),
    chosen,
  );

  const format = select('upload-format', FORMATS, 'csv');
  const name = h('input', { id: 'upload-name', type: 'text', maxlength: 200, autocomplete: 'off' });
  const columns = h('datalist', { id: 'upload-columns' });
  const inputs = {
    labelColumn: h('input', { id: 'upload-labelColumn', type: 'text', list: 'upload-columns', autocomplete: 'off' }),
    task: select('upload-task', [['', 'infer from the label'], ['classification', 'classification'], ['regression', 'regression']], ''),
    separator: select(
      'upload-separator',
      [['', 'detect'], [',', ', (comma)'], [';', '; (semicolon)'], ['tab', 'tab'], ['|', '| (pipe)']],
      '',
    ),
    missingValues: select(
      'upload-missingValues',
      [['error', 'refuse the file (error)'], ['drop', 'drop those rows'], ['impute', 'impute at training time']],
      'error',
    ),
    ignoreColumns: h('input', { id: 'upload-ignoreColumns', type: 'text', autocomplete: 'off', placeholder: 'id,name' }),
    unknownCategories: select(
      'upload-unknownCategories',
      [['ignore', 'ignore (all zeros, noted)'], ['error', 'refuse the row (error)']],
      'ignore',
    ),
    capPerClass: h('input', { id: 'upload-capPerClass', type: 'number', min: 1, value: 100000, inputmode: 'numeric' }),
    size: h('input', { id: 'upload-size', type: 'number', min: 8, max: 256, value: 28, inputmode: 'numeric' }),
    rgb: h('input', { id: 'upload-rgb', type: 'checkbox' }),
  };
  const columnsHint = h('p', { class: 'hint', id: 'upload-labelColumn-hint' }, 'Default: the last column.');
  inputs.labelColumn.setAttribute('aria-describedby', 'upload-labelColumn-hint');

  const options = {
    csv: h(
      'fieldset',
      { class: 'upload-options', dataset: { format: 'csv' } },
      h('legend', {}, 'CSV options'),
      h('div', { class: 'field' }, h('label', { for: 'upload-labelColumn' }, 'Label column'), inputs.labelColumn, columns, columnsHint),
      field('upload-task', 'Task', inputs.task),
      field('upload-separator', 'Separator', inputs.separator, 'Detected among comma, semicolon and tab; a pipe must be chosen.'),
      field('upload-missingValues', 'Missing cells', inputs.missingValues),
      field('upload-ignoreColumns', 'Columns to ignore', inputs.ignoreColumns, 'Kept in the file, not used as features: ids, names, free text. Separate with commas.'),
      field('upload-unknownCategories', 'A category unseen in training', inputs.unknownCategories),
    ),
    idx: h(
      'p',
      { class: 'hint upload-options', dataset: { format: 'idx' } },
      'Each IDX file’s part is guessed from its name (labels, idx1, t10k, test); change it above if it is wrong. With the test pair, the official test split is kept.',
    ),
    quickdraw: h(
      'fieldset',
      { class: 'upload-options', dataset: { format: 'quickdraw' } },
      h('legend', {}, 'Quick, Draw! options'),
      field('upload-capPerClass', 'Most drawings per class', inputs.capPerClass, 'The class names are the file names.'),
    ),
    zip: h(
      'fieldset',
      { class: 'upload-options', dataset: { format: 'zip' } },
      h('legend', {}, 'ZIP options'),
      field('upload-size', 'Image side in pixels (8–256)', inputs.size, 'Every picture is resized to this square.'),
      h('div', { class: 'field check' }, inputs.rgb, h('label', { for: 'upload-rgb' }, 'Keep colour (RGB); grayscale otherwise')),
    ),
  };

  const progress = h('progress', { id: 'upload-progress', max: 1, value: 0, hidden: true, 'aria-label': 'Upload progress' });
  const progressText = h('p', { class: 'hint', id: 'upload-progress-text', 'aria-live': 'polite' });
  const status = h('div', { id: 'upload-status' });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'upload-submit' }, 'Upload');
  const marked = { ...inputs, name, file: picker, files: picker, images: picker, labels: picker, testImages: picker, testLabels: picker };

  const showFormat = () => {
    for (const [key, box] of Object.entries(options)) box.hidden = key !== format.value;
    showChosen();
  };

  const showChosen = () => {
    if (files.length === 0) {
      fill(chosen);
      return;
    }
    fill(
      chosen,
      h('p', { class: 'hint' }, files.length === 1 ? '1 file chosen:' : `${files.length} files chosen:`),
      h(
        'ul',
        { class: 'chosen-files' },
        files.map((file, i) =>
          h(
            'li',
            {},
            h('span', { class: 'file-name' }, file.name),
            ' ',
            h('span', { class: 'muted' }, formatSize(file.size)),
            format.value === 'idx' ? roleSelect(file, i) : null,
          ),
        ),
      ),
    );
  };

  const roleSelect = (file, i) => {
    const id = `upload-role-${i}`;
    const control = select(id, IDX_ROLES, roles.get(file));
    control.addEventListener('change', () => roles.set(file, control.value));
    return h('span', { class: 'role-select' }, h('label', { for: id, class: 'inline' }, 'part'), control);
  };

  const choose = async (list) => {
    files = Array.from(list || []);
    roles.clear();
    for (const file of files) roles.set(file, idxRole(file.name));
    clearFields(marked);
    fill(status);
    if (files.length) format.value = detectFormat(files);
    if (files.length && !name.value) name.placeholder = files[0].name.replace(/\.[^.]*$/, '');
    showFormat();
    fill(columns);
    columnsHint.textContent = 'Default: the last column.';
    if (format.value === 'csv' && files.length === 1) {
      const header = await readHeader(files[0]);
      if (header.length) {
        fill(columns, header.map((c) => h('option', { value: c })));
        columnsHint.textContent = `Default: the last column. Columns: ${header.join(', ')}.`;
      }
    }
  };

  picker.addEventListener('change', () => choose(picker.files));
  zone.addEventListener('dragover', (event) => {
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('over');
    // the picker shows the dropped files too, so dropping and choosing end in the same state
    try {
      picker.files = event.dataTransfer.files;
    } catch (ignored) {
      // a browser that will not set a file input's files still gets the upload from `files`
    }
    choose(event.dataTransfer.files);
  });
  format.addEventListener('change', showFormat);

  const form = h(
    'form',
    {
      id: 'upload-form',
      novalidate: true,
      onsubmit: async (event) => {
        event.preventDefault();
        clearFields(marked);
        fill(status);
        const built = build();
        if (built.local) {
          const shown = showFields(marked, built.local);
          if (shown.first) shown.first.focus();
          return;
        }
        submit.disabled = true;
        progress.hidden = false;
        progress.value = 0;
        progressText.textContent = 'Sending…';
        try {
          const dataset = await send(built.form, (done) => {
            progress.value = done;
            progressText.textContent =
              done >= 1 ? 'Sent; the service is reading the file…' : `Sending… ${Math.round(done * 100)} %`;
          }, signal);
          progressText.textContent = 'Stored.';
          onUploaded(dataset);
        } catch (e) {
          if (signal.aborted) return;
          progress.hidden = true;
          progressText.textContent = '';
          const { left, first } = showFields(marked, e);
          const p = e.problem;
          if (first && left.length === 0 && p) {
            // everything is shown at a field: the summary says only what happened
            fill(status, h('div', { class: 'problem', role: 'alert' }, h('strong', {}, `${p.title || 'Refused'} (${e.status})`), h('p', {}, 'See the marked field below.')));
          } else {
            fill(status, problem(e));
          }
          if (first) first.focus();
        } finally {
          submit.disabled = false;
        }
      },
    },
    zone,
    field('upload-format', 'Format', format),
    field('upload-name', 'Name', name, 'Optional; default: the file name without its extension.'),
    Object.values(options),
    h('div', { class: 'row upload-actions' }, submit),
    progress,
    progressText,
    status,
  );

  /** The multipart body for the chosen format, or a local refusal shaped like the service's ({fields()}). */
  function build() {
    const local = (fieldName, message) => ({ local: { fields: () => ({ [fieldName]: [message] }) } });
    if (files.length === 0) return local('file', 'Choose a file first (or drop one here).');
    const body = new FormData();
    if (name.value.trim()) body.append('name', name.value.trim());
    switch (format.value) {
      case 'csv': {
        if (files.length > 1) return local('file', 'A CSV upload is one file; choose one.');
        body.append('file', files[0]);
        for (const key of ['labelColumn', 'task', 'separator', 'ignoreColumns']) {
          const value = inputs[key].value.trim();
          if (value) body.append(key, value);
        }
        body.append('missingValues', inputs.missingValues.value);
        body.append('unknownCategories', inputs.unknownCategories.value);
        break;
      }
      case 'idx': {
        const seen = new Set();
        for (const file of files) {
          const role = roles.get(file);
          if (seen.has(role)) return local('file', `Two files are marked as ${role}; give each file its own part.`);
          seen.add(role);
          body.append(role, file);
        }
        if (!seen.has('images') || !seen.has('labels')) return local('file', 'IDX needs training images and training labels.');
        break;
      }
      case 'quickdraw':
        for (const file of files) body.append('files', file);
        body.append('capPerClass', inputs.capPerClass.value.trim());
        break;
      case 'zip':
        if (files.length > 1) return local('file', 'A ZIP upload is one file; choose one.');
        body.append('file', files[0]);
        body.append('size', inputs.size.value.trim());
        body.append('rgb', inputs.rgb.checked ? 'true' : 'false');
        break;
      default:
        return local('file', 'Choose a format.');
    }
    return { form: body };
  }

  showFormat();
  const section = card('Upload', form);
  section.classList.add('upload-card');
  return section;
}

/**
 * POSTs the form with XMLHttpRequest, the one browser API that reports upload progress, with the key header as
 * api.js sends it; refusals become the same ApiError api.js throws.
 */
function send(form, onProgress, signal) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/datasets');
    const key = api.key();
    if (key) xhr.setRequestHeader('X-API-Key', key);
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    });
    xhr.addEventListener('load', () => {
      let body = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch (ignored) {
        // not JSON: a proxy's page, say
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(body);
        return;
      }
      const p = body && typeof body === 'object'
        ? body
        : { title: xhr.statusText || 'Error', status: xhr.status, detail: (xhr.responseText || '').slice(0, 300) };
      const error = new api.ApiError(xhr.status, p);
      if (xhr.status === 401) window.dispatchEvent(new CustomEvent('neurona:unauthorized', { detail: error }));
      reject(error);
    });
    xhr.addEventListener('error', () => reject(new Error('The upload did not reach the service (a network error).')));
    xhr.addEventListener('abort', () => reject(new Error('The upload was stopped.')));
    if (signal) signal.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}
