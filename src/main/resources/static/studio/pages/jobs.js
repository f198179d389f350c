// The Jobs pages: the list (#/jobs) and one job followed live (#/jobs/:id); the code lives in ./jobs/.
export { list } from './jobs/list.js';
export { detail } from './jobs/detail.js';
