// placeholder until the page lands
import { h } from '../ui.js';
export function render(main) { main.append(h('h1', {}, 'design')); }
