// The entity panel: canonical entities grouped by type, with mention counts. Clicking one
// highlights its mentions in the body.
import { el, LABEL_NAMES, LABEL_ORDER } from '../dom.js';

export function renderEntities(article, focusEntity) {
  const groups = new Map(LABEL_ORDER.map((label) => [label, []]));
  article.entities.forEach((e, i) => groups.get(e.type)?.push([e, i]));
  const sections = [...groups].filter(([, list]) => list.length).map(([label, list]) =>
    el('section', { class: `group group-${label}` },
      el('h4', {}, `${LABEL_NAMES[label]} `, el('span', { class: 'count' }, list.length)),
      el('ul', { class: 'entities' }, list.map(([e, i]) => {
        const forms = [...new Set(e.mentions.map((m) => m.text))].filter((t) => t !== e.name);
        return el('li', {},
          el('button', { type: 'button', class: `entity ent-${e.type}${i === focusEntity ? ' focus' : ''}`, dataset: { entity: i },
            title: forms.length ? `also written: ${forms.join(', ')}` : 'click to highlight its mentions' },
          e.name, e.value && e.value !== e.name ? el('span', { class: 'value' }, e.value) : null,
          el('span', { class: 'count' }, e.mentions.length)));
      }))));
  return el('section', { class: 'panel entities-panel' },
    el('h3', {}, 'Entities'),
    sections.length ? sections : el('p', { class: 'muted' }, 'No entities found.'));
}
