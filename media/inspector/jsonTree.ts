import { el } from './dom';
import { visibleText } from './format';

/** Children shown per node before a "… N more" line. */
const MAX_CHILDREN = 500;
/** Nodes deeper than this start collapsed. */
const OPEN_DEPTH = 2;
/** Longest string value shown whole in the tree (Copy data has all of it). */
const MAX_STRING = 10_000;

/**
 * Renders parsed JSON as a tree of <details> elements: collapsible with mouse and keyboard, announced as
 * expandable by screen readers, and children of a collapsed node are built only when it is first opened.
 */
export function renderJsonTree(value: unknown): HTMLElement {
  const root = el('div', 'json-tree');
  root.append(renderNode(undefined, value, 0));
  return root;
}

function renderNode(key: string | undefined, value: unknown, depth: number): HTMLElement {
  if (value !== null && typeof value === 'object') {
    const entries: Array<[string, unknown]> = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
    const details = el('details', 'json-node');
    const summary = el('summary');
    if (key !== undefined) summary.append(el('span', 'json-key', visibleText(key)), el('span', 'json-punct', ': '));
    const brackets = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
    summary.append(el('span', 'json-punct', `${brackets[0]}`), el('span', 'json-summary', ` ${entries.length} ${Array.isArray(value) ? (entries.length === 1 ? 'item' : 'items') : (entries.length === 1 ? 'key' : 'keys')} `), el('span', 'json-punct', `${brackets[1]}`));
    details.append(summary);
    let built = false;
    const build = (): void => {
      if (built) return;
      built = true;
      const children = el('div', 'json-children');
      for (const [k, v] of entries.slice(0, MAX_CHILDREN)) children.append(renderNode(k, v, depth + 1));
      if (entries.length > MAX_CHILDREN) children.append(el('div', 'json-more', `… ${entries.length - MAX_CHILDREN} more`));
      details.append(children);
    };
    if (depth < OPEN_DEPTH) {
      details.open = true;
      build();
    } else details.addEventListener('toggle', build);
    return details;
  }
  const leaf = el('div', 'json-leaf');
  if (key !== undefined) leaf.append(el('span', 'json-key', visibleText(key)), el('span', 'json-punct', ': '));
  leaf.append(renderScalar(value));
  return leaf;
}

function renderScalar(value: unknown): HTMLElement {
  if (typeof value === 'string') {
    const shown = value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}… (${value.length} characters)` : value;
    return el('span', 'json-string', visibleText(JSON.stringify(shown)));
  }
  if (typeof value === 'number') return el('span', 'json-number', String(value));
  if (typeof value === 'boolean') return el('span', 'json-boolean', String(value));
  return el('span', 'json-null', 'null');
}

/** The data parsed as JSON when it is an object or array; undefined otherwise (numbers and strings stay raw). */
export function parseJsonData(text: string): { value: unknown } | undefined {
  const head = text.trimStart()[0];
  if (head !== '{' && head !== '[') return undefined;
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}
