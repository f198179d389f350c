// What the chosen files are, from their names (the service reads their bytes; this only preselects the form).

/** csv, idx, quickdraw or zip, from the files' names. */
export function detectFormat(files) {
  const names = files.map((f) => f.name.toLowerCase());
  if (names.some((n) => n.endsWith('.zip'))) return 'zip';
  if (names.some((n) => n.endsWith('.npy') || n.endsWith('.ndjson'))) return 'quickdraw';
  if (names.some((n) => /ubyte|idx\d|\.idx(\.gz)?$/.test(n))) return 'idx';
  if (files.length >= 2 && names.every((n) => n.endsWith('.gz'))) return 'idx';
  return 'csv';
}

/** An IDX file's part as MNIST names them: train-images-idx3-ubyte, t10k-labels-idx1-ubyte, … */
export function idxRole(fileName) {
  const n = fileName.toLowerCase();
  const test = /t10k|test/.test(n);
  const labels = /label|idx1/.test(n);
  if (test) return labels ? 'testLabels' : 'testImages';
  return labels ? 'labels' : 'images';
}

/** The column names of a CSV's header line (to suggest a label column); [] when it cannot be read. */
export async function readHeader(file) {
  try {
    const text = await file.slice(0, 64 * 1024).text();
    const line = text.replace(/^\uFEFF/, '').split(/\r?\n/)[0] || '';
    const counts = [',', ';', '\t', '|'].map((s) => [s, line.split(s).length - 1]);
    counts.sort((a, b) => b[1] - a[1]);
    if (counts[0][1] === 0) return [];
    return split(line, counts[0][0]);
  } catch (ignored) {
    return [];
  }
}

function split(line, separator) {
  const cells = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === separator) {
      cells.push(cell.trim());
      cell = '';
    } else cell += c;
  }
  cells.push(cell.trim());
  return cells.filter((c) => c.length > 0).slice(0, 1000);
}

export function formatSize(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
