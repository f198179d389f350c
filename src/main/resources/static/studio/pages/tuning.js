// The Tune pages: #/tune lists the hyperparameter searches and starts one; #/tune/:id follows one live.
export { list } from './tuning/list.js';
export { detail } from './tuning/run.js';
