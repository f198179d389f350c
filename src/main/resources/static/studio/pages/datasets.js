// The Datasets pages: the list (with the upload zone and the catalog) and one dataset's page. The parts live in
// pages/datasets/ so each stays short.
export { list } from './datasets/list.js';
export { detail } from './datasets/detail.js';
