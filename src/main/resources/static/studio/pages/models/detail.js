// #/models/:ref — one model inspected. The ref is whatever the URL holds (an id, a registered name, name@alias); it is
// resolved once, and every later call names the model by id.
import * as api from '../../api.js';
import { h, fill, header, card, link, problem, loading, toast, when, shortId } from '../../ui.js';
import { definitions, may, modelPath } from './common.js';
import { metricsCard, reportCard } from './metrics.js';
import { confusionCard } from './confusion.js';
import { diagnosisCard, curvesCard } from './curves.js';
import { receiptCard, specCard } from './receipt.js';
import { representationsCard } from './representations.js';
import { physicsCard, reconstructionCard } from './pictures.js';

export async function detail(main, params, { caller, navigate }) {
  const ref = params.ref;
  main.append(h('h1', {}, ref), loading('Loading the model…'));
  let model;
  try {
    model = await api.get(`/api/v1/models/${encodeURIComponent(ref)}`);
  } catch (e) {
    fill(main, header(`Model ${ref}`), problem(e), h('p', {}, link('/models', 'All models')));
    return undefined;
  }
  let registered = null;
  if (model.registeredName) {
    try {
      registered = await api.get(`/api/v1/registered-models/${encodeURIComponent(model.registeredName)}`);
    } catch (ignored) {
      // the versions and aliases are extras: the model page stands without them
    }
  }

  const title = model.registeredName ? `${model.registeredName} v${model.version}` : model.name || `Model ${shortId(model.id)}`;
  const actionStatus = h('div', { id: 'model-action-status' });
  const confusion = confusionCard(model);
  const curves = curvesCard(model, caller);
  const pictures = [reconstructionCard(model), physicsCard(model), representationsCard(model)].filter((p) => p && p.element);
  fill(
    main,
    header(title, ...actions(model, ref, caller, navigate, actionStatus)),
    actionStatus,
    summaryCard(model, registered),
    h('div', { class: 'grid' }, metricsCard(model), diagnosisCard(model)),
    reportCard(model),
    confusion.element,
    curves.element,
    ...pictures.map((p) => p.element),
    receiptCard(model, caller, navigate),
    specCard(model),
  );
  return () => {
    confusion.cleanup();
    curves.cleanup();
    for (const p of pictures) p.cleanup();
  };
}

function actions(model, ref, caller, navigate, status) {
  const usable = Boolean(model.spec && model.preprocessing);
  const exporter = (format, label, fallback) =>
    h(
      'button',
      {
        type: 'button',
        id: `export-${format}`,
        disabled: !usable,
        onclick: async (event) => {
          const button = event.currentTarget;
          button.disabled = true;
          status.replaceChildren();
          try {
            await api.download(modelPath(model, `/export?format=${format}`), fallback);
            toast(`${label}: download started`);
          } catch (e) {
            fill(status, problem(e));
          } finally {
            button.disabled = false;
          }
        },
      },
      label,
    );
  const list = [
    usable ? h('a', { class: 'button primary', id: 'predict-link', href: `#/predict/${encodeURIComponent(ref)}` }, 'Predict') : null,
    exporter('onnx', 'Export ONNX', `model-${model.id}.onnx`),
    exporter('neurona', 'Export bundle', `model-${model.id}.neurona.zip`),
  ];
  if (may(caller, 'admin')) list.push(deleteControl(model, navigate, status));
  return list;
}

/** Delete in two steps: the first click asks, the second deletes; an alias on the model makes the service refuse. */
function deleteControl(model, navigate, status) {
  const label = model.registeredName ? `${model.registeredName} v${model.version}` : shortId(model.id);
  const box = h('span', { class: 'delete-control' });
  const ask = h(
    'button',
    {
      type: 'button',
      class: 'danger',
      id: 'delete-model',
      onclick: () => {
        const confirm = h(
          'button',
          {
            type: 'button',
            class: 'danger',
            id: 'confirm-delete',
            onclick: async () => {
              confirm.disabled = true;
              try {
                await api.del(modelPath(model));
                toast(`Deleted ${label}.`);
                navigate('/models');
              } catch (e) {
                fill(status, problem(e));
                fill(box, ask);
              }
            },
          },
          `Delete ${label} for good`,
        );
        const keep = h('button', { type: 'button', onclick: () => fill(box, ask) }, 'Keep it');
        fill(box, h('span', { class: 'confirm', role: 'group', 'aria-label': 'Confirm the deletion' }, confirm, keep));
        confirm.focus();
      },
    },
    'Delete…',
  );
  return fill(box, ask);
}

function summaryCard(model, registered) {
  const classes = (model.preprocessing && model.preprocessing.classes) || [];
  const versions = (registered && registered.versions) || [];
  const mine = versions.find((v) => v.modelId === model.id);
  const aliases = (mine && mine.aliases) || [];
  const others = versions.filter((v) => v.modelId !== model.id);
  return card(
    null,
    definitions(
      [
        ['Registered name', model.registeredName ? link(`/models/${encodeURIComponent(model.registeredName)}`, model.registeredName) : null],
        ['Version', model.version ? `v${model.version}${registered && registered.latestVersion === model.version ? ' (latest)' : ''}` : null],
        [
          'Aliases',
          aliases.length
            ? h('span', { class: 'aliases' }, aliases.map((a) => link(`/models/${encodeURIComponent(`${model.registeredName}@${a}`)}`, h('span', { class: 'badge alias' }, `@${a}`))))
            : null,
        ],
        ['Task', model.task],
        ['Classes', classes.length ? h('span', { class: 'classes', id: 'model-classes' }, classes.map((c) => h('span', { class: 'badge' }, c))) : null],
        ['Created', when(model.createdAt)],
        ['Dataset', model.datasetId ? link(`/datasets/${encodeURIComponent(model.datasetId)}`, shortId(model.datasetId)) : null],
        ['Job', model.jobId ? link(`/jobs/${encodeURIComponent(model.jobId)}`, shortId(model.jobId)) : null],
        ['Best of tuning run', model.bestOfTuning ? link(`/tune/${encodeURIComponent(model.bestOfTuning)}`, shortId(model.bestOfTuning)) : null],
        ['Id', h('code', {}, model.id)],
        [
          'Other versions',
          others.length
            ? h('span', { class: 'versions' }, others.map((v) => link(`/models/${encodeURIComponent(v.modelId)}`, `v${v.version}`)))
            : null,
        ],
      ],
      { id: 'model-summary' },
    ),
  );
}
