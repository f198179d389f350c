// Live validation: every change sends a dry run (POST /api/v1/jobs with dryRun: true), 300 ms after the last
// one. A newer run aborts the one in flight, and an answer that is not the newest is dropped, so an old answer
// never overwrites a newer one. A refusal's field errors are shown under the controls their JSON paths name (or
// the nearest enclosing group); the rest go to the summary. A valid spec shows the per-layer table.
import * as api from '../../api.js';
import { h, fill, table, num, problem } from '../../ui.js';
import { ancestors } from './paths.js';
import { graphDiagram } from './diagram.js';

export function checker({ request, registry, status, summary, result }) {
  let controller = null;
  let generation = 0;
  let lastErrors = [];
  let lastResult = null;
  const marked = [];

  async function run() {
    const body = request();
    if (controller) controller.abort();
    controller = null;
    const mine = ++generation;
    if (!body.ready) {
      clearMarks();
      lastErrors = [];
      lastResult = null;
      fill(status, h('span', { class: 'muted' }, body.why));
      summary.replaceChildren();
      result.replaceChildren();
      return;
    }
    controller = new AbortController();
    status.className = 'check-status checking';
    fill(status, 'Checking…');
    result.classList.add('stale');
    try {
      const answer = await api.post('/api/v1/jobs', { ...body.json, dryRun: true }, { signal: controller.signal });
      if (mine !== generation) return;
      lastErrors = [];
      lastResult = answer;
      clearMarks();
      summary.replaceChildren();
      status.className = 'check-status ok';
      fill(status, `Valid: ${num(answer.totalParameters)} parameters to train.`);
      showResult(answer);
    } catch (e) {
      if (mine !== generation || e.name === 'AbortError') return;
      lastResult = null;
      result.replaceChildren();
      result.classList.remove('stale');
      clearLayerShapes();
      status.className = 'check-status bad';
      if (e.status === 400 && e.problem && Array.isArray(e.problem.errors) && e.problem.errors.length) {
        lastErrors = e.problem.errors;
        const n = lastErrors.length;
        fill(status, `${n} problem${n === 1 ? '' : 's'} with this spec.`);
        place();
      } else {
        lastErrors = [];
        clearMarks();
        fill(status, 'The service refused the check.');
        fill(summary, problem(e));
      }
    } finally {
      if (mine === generation) controller = null;
    }
  }

  function clearMarks() {
    for (const { control, describedBy } of marked.splice(0)) {
      if (!control.isConnected) continue;
      control.removeAttribute('aria-invalid');
      if (describedBy) control.setAttribute('aria-describedby', describedBy);
      else control.removeAttribute('aria-describedby');
    }
    document.querySelectorAll('.field-error.remote').forEach((e) => e.remove());
  }

  /** Puts each error at its control, or the nearest enclosing group, or the summary. */
  function place() {
    clearMarks();
    const map = registry();
    const rest = [];
    let at = 0;
    for (const error of lastErrors) {
      const target = ancestors(error.field)
        .map((p) => map.get(p))
        .find(Boolean);
      if (!target) {
        rest.push(error);
        continue;
      }
      const exact = map.get(error.field) === target;
      const id = `err-${++at}`;
      target.slot.append(
        h('p', { class: 'field-error remote', id }, exact ? error.message : `${error.field}: ${error.message}`),
      );
      if (target.control) {
        const describedBy = target.control.getAttribute('aria-describedby');
        marked.push({ control: target.control, describedBy });
        target.control.setAttribute('aria-invalid', 'true');
        target.control.setAttribute('aria-describedby', [describedBy, id].filter(Boolean).join(' '));
      }
      const details = target.slot.closest('details');
      if (details) details.open = true;
    }
    const placed = lastErrors.length - rest.length;
    fill(
      summary,
      rest.length
        ? h(
            'div',
            { class: 'problem', role: 'alert' },
            h('strong', {}, 'Problems with the spec'),
            h('ul', {}, rest.map((e) => h('li', {}, e.field ? [h('code', {}, e.field), ': '] : null, e.message))),
          )
        : null,
      placed ? h('p', { class: 'hint' }, `${placed} marked at ${placed === 1 ? 'its field' : 'their fields'}.`) : null,
    );
  }

  function clearLayerShapes() {
    document.querySelectorAll('.layer-shape').forEach((e) => e.replaceChildren());
  }

  function layerShapes(answer) {
    for (const row of answer.layers || []) {
      const el = document.getElementById(`layer-shape-${row.index}`);
      if (el) el.textContent = `→ ${shape(row.outputShape)} · ${num(row.parameters)} params`;
    }
  }

  function showResult(answer) {
    result.classList.remove('stale');
    const steps = answer.steps || {};
    const rows = answer.layers || [];
    // the name and inputs columns only when they say something: a plain stack's table stays as it was
    const graph = rows.some((r) => Array.isArray(r.inputs));
    const named = rows.some((r) => r.name);
    fill(
      result,
      h(
        'dl',
        { class: 'facts' },
        fact('Total parameters', num(answer.totalParameters), 'total-parameters'),
        fact('Input shape', shape(answer.inputShape)),
        fact('Output activation', answer.outputActivation),
        fact('Rows: train / validation / test', `${num(answer.trainRows)} / ${num(answer.validationRows)} / ${num(answer.testRows)}`),
        fact('Batch size (rows)', num(steps.batchSize)),
        fact('Updates per epoch / in all', `${num(steps.batchesPerEpoch)} / ${num(steps.totalSteps)}`),
      ),
      table(
        [
          { label: '#', value: (r) => String(r.index + 1), class: 'num' },
          named ? { label: 'Name', value: (r) => r.name || '', class: 'name' } : null,
          { label: 'Type', value: (r) => r.type },
          graph ? { label: 'Inputs', value: (r) => (r.inputs || []).join(', '), class: 'inputs' } : null,
          { label: 'Detail', value: (r) => r.detail },
          { label: 'Output shape', value: (r) => shape(r.outputShape), class: 'mono' },
          { label: 'Parameters', value: (r) => num(r.parameters), class: 'num' },
        ].filter(Boolean),
        rows,
        { class: 'layer-table' },
      ),
      graph ? graphDiagram(rows, answer.inputShape) : null,
      h(
        'details',
        { class: 'resolved' },
        h('summary', {}, 'Resolved spec (every default filled in)'),
        h('pre', { class: 'mono' }, JSON.stringify(answer.spec, null, 2)),
      ),
    );
    result.querySelector('table').id = 'layer-table';
    layerShapes(answer);
  }

  let timer = null;
  let stopped = false;
  return {
    schedule() {
      if (stopped) return;
      status.className = 'check-status checking';
      fill(status, 'Checking…');
      clearTimeout(timer);
      timer = setTimeout(run, 300);
    },
    run,
    /** After the form is redrawn: the last answer's marks again (a newer answer replaces them shortly). */
    redecorate(structural) {
      if (structural) {
        clearMarks();
        return;
      }
      if (lastErrors.length) place();
      if (lastResult) layerShapes(lastResult);
    },
    /** A refusal of the real submission, shown the same way. */
    showRefusal(e) {
      lastErrors = e.problem.errors;
      status.className = 'check-status bad';
      fill(status, `${lastErrors.length} problem${lastErrors.length === 1 ? '' : 's'} with this spec.`);
      place();
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
      generation++;
      if (controller) controller.abort();
    },
  };
}

function fact(term, value, id) {
  return h('div', {}, h('dt', {}, term), h('dd', id ? { id } : {}, value ?? '—'));
}

/** [-1, 32, 13, 13] → (32, 13, 13): the batch dimension left out, as the layer table reads best. */
export function shape(dims) {
  if (!Array.isArray(dims)) return '—';
  const rest = dims[0] === -1 ? dims.slice(1) : dims;
  return `(${rest.join(', ')})`;
}
