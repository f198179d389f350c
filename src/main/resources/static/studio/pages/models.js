// placeholder until the page lands
import { h } from '../ui.js';
export function list(main) { main.append(h('h1', {}, 'models')); }
export function detail(main) { main.append(h('h1', {}, 'models')); }
