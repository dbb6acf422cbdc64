import { readSourceJson, sourceStringValue, type SourceJson, type SourceJsonEntry, type SourceJsonScalar, type SourceJsonValue } from '../../src/shared/json/sourceJson';
import { el } from './dom';
import { visibleText } from './format';

type Container = Extract<SourceJsonValue, { kind: 'object' | 'array' }>;

/** Children shown per node before a "… N more" line. */
const MAX_CHILDREN = 500;
/**
 * Rows the tree may show without a click: objects and arrays are opened breadth first while their rows fit, so a
 * small record (an LLM chunk's choices[0].delta.content) shows whole and a big one keeps its big parts collapsed.
 */
const OPEN_ROWS = 60;
/** Levels opened without a click at most (the root is level 0). */
const OPEN_LEVELS = 12;
/** Longest string value shown whole in the tree (Copy data has all of it). */
const MAX_STRING = 10_000;

/**
 * Renders JSON as sent (numbers as written, keys in their order, repeated keys marked) as a tree of <details>
 * elements: collapsible with mouse and keyboard, announced as expandable by screen readers, and children of a
 * collapsed node are built only when it is first opened. A note above the tree says when keys repeat.
 */
export function renderJsonTree(json: SourceJson): HTMLElement[] {
  const tree = el('div', 'json-tree');
  tree.append(renderNode(undefined, json.root, nodesToOpen(json.root)));
  if (json.repeatedKeys === 0) return [tree];
  const which = json.repeatedKeys === 1 ? 'a key' : 'keys';
  const note = el('p', 'note json-repeat-note', `This JSON repeats ${which} within an object (marked "duplicate key"); JSON.parse and most readers keep only the last value.`);
  return [note, tree];
}

/** The data as a JSON tree when it is an object or array; undefined otherwise (numbers and strings stay raw). */
export function readJsonData(text: string): SourceJson | undefined {
  return /^[ \t\n\r]*[{[]/.test(text) ? readSourceJson(text) : undefined;
}

/** The objects and arrays to show open at first: breadth first, while the rows they add fit in OPEN_ROWS. */
function nodesToOpen(root: SourceJsonValue): Set<SourceJsonValue> {
  const open = new Set<SourceJsonValue>();
  if (!isContainer(root)) return open;
  open.add(root); // the root is always open: the pane is there to show it
  let rows = 1 + shownChildCount(root);
  const queue: Array<{ node: Container; level: number }> = [{ node: root, level: 0 }];
  for (let next = 0; next < queue.length; next++) {
    const { node, level } = queue[next]!;
    if (level + 1 >= OPEN_LEVELS) break;
    for (const child of children(node)) {
      if (!isContainer(child.value)) continue;
      const added = shownChildCount(child.value);
      if (rows + added > OPEN_ROWS) continue; // too big: stays collapsed, smaller siblings may still open
      rows += added;
      open.add(child.value);
      queue.push({ node: child.value, level: level + 1 });
    }
  }
  return open;
}

function renderNode(entry: { key: string; repeat?: SourceJsonEntry['repeat'] } | undefined, value: SourceJsonValue, open: ReadonlySet<SourceJsonValue>): HTMLElement {
  if (isContainer(value)) {
    const details = el('details', 'json-node');
    const summary = el('summary');
    if (entry) summary.append(el('span', 'json-key', visibleText(entry.key)), el('span', 'json-punct', ': '));
    const count = value.kind === 'array' ? value.items.length : value.entries.length;
    const noun = value.kind === 'array' ? (count === 1 ? 'item' : 'items') : (count === 1 ? 'key' : 'keys');
    const [opening, closing] = value.kind === 'array' ? ['[', ']'] : ['{', '}'];
    summary.append(el('span', 'json-punct', opening), el('span', 'json-summary', ` ${count} ${noun} `), el('span', 'json-punct', closing));
    if (entry?.repeat) summary.append(repeatBadge(entry.key, entry.repeat));
    details.append(summary);
    let built = false;
    const build = (): void => {
      if (built) return;
      built = true;
      const list = el('div', 'json-children');
      for (const child of children(value)) list.append(renderNode(child, child.value, open));
      if (count > MAX_CHILDREN) list.append(el('div', 'json-more', `… ${count - MAX_CHILDREN} more`));
      details.append(list);
    };
    if (open.has(value)) {
      details.open = true;
      build();
    } else details.addEventListener('toggle', build);
    return details;
  }
  const leaf = el('div', 'json-leaf');
  if (entry) leaf.append(el('span', 'json-key', visibleText(entry.key)), el('span', 'json-punct', ': '));
  leaf.append(renderScalar(value));
  if (entry?.repeat) leaf.append(repeatBadge(entry.key, entry.repeat));
  return leaf;
}

/** Told in words, not by colour: the key occurs more than once in its object. */
function repeatBadge(key: string, repeat: NonNullable<SourceJsonEntry['repeat']>): HTMLElement {
  const badge = el('span', 'json-repeat', `duplicate key ${repeat.nth} of ${repeat.of}`);
  badge.title = `"${visibleText(key)}" occurs ${repeat.of} times in this object; JSON.parse keeps only the last (${repeat.of} of ${repeat.of}).`;
  return badge;
}

function renderScalar(value: SourceJsonScalar): HTMLElement {
  switch (value.kind) {
    case 'string': {
      const text = sourceStringValue(value);
      const shown = text.length > MAX_STRING ? `${text.slice(0, MAX_STRING)}… (${text.length} characters)` : text;
      return el('span', 'json-string', visibleText(JSON.stringify(shown)));
    }
    // As written: JSON.parse would round 12345678901234567890 and read 1.10 as 1.1, -0 as 0, 1e3 as 1000.
    case 'number': return el('span', 'json-number', value.text);
    case 'null': return el('span', 'json-null', value.text);
    default: return el('span', 'json-boolean', value.text);
  }
}

function isContainer(value: SourceJsonValue): value is Container {
  return value.kind === 'object' || value.kind === 'array';
}

/** The children a container shows (the first MAX_CHILDREN) as keyed entries, array items keyed by their index. */
function children(value: Container): ReadonlyArray<{ key: string; value: SourceJsonValue; repeat?: SourceJsonEntry['repeat'] }> {
  if (value.kind === 'object') return value.entries.slice(0, MAX_CHILDREN);
  return value.items.slice(0, MAX_CHILDREN).map((item, i) => ({ key: String(i), value: item }));
}

/** The rows a container shows when open: its children, at most MAX_CHILDREN and a "… more" line. */
function shownChildCount(value: Container): number {
  const count = value.kind === 'array' ? value.items.length : value.entries.length;
  return count > MAX_CHILDREN ? MAX_CHILDREN + 1 : count;
}
