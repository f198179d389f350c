// The Models pages: the list of trained models, and one model inspected (metrics, report, confusion matrix and its
// mistakes, learning curves and their diagnosis, the reproducibility receipt). The parts live in ./models/.
export { list } from './models/list.js';
export { detail } from './models/detail.js';
