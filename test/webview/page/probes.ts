// Browser-side helpers the webview tests call through page.evaluate('__probes.x()'). Bundled by the harness and
// injected before the inspector loads; kept out of the Node type-check (tsconfig excludes test/webview/page).

/** Ids of the event rows that lie wholly inside the list's viewport. */
function visibleEventIds(): number[] {
  const list = document.getElementById('records')!;
  const box = list.getBoundingClientRect();
  return [...list.querySelectorAll<HTMLElement>('.record[data-kind="event"]')]
    .filter((r) => { const b = r.getBoundingClientRect(); return b.top >= box.top - 1 && b.bottom <= box.bottom + 1; })
    .map((r) => Number(r.querySelector('.cell.id')!.textContent));
}

/** Scrolls the list to `top` px. */
function scrollListTo(top: number): void {
  document.getElementById('records')!.scrollTop = top;
}

/** The left border style of the selected row (a cue besides colour). */
function selectedRowBorder(): string {
  const row = document.querySelector('.record.selected');
  return row ? getComputedStyle(row).borderLeftStyle : 'none';
}

/** The id of the focused element. */
function activeId(): string {
  return document.activeElement?.id ?? '';
}

/** Whether the <details> whose summary key is `key` is open ('missing' when not built). */
function jsonNodeOpen(key: string): 'open' | 'closed' | 'missing' {
  for (const d of document.querySelectorAll<HTMLDetailsElement>('#detail details.json-node')) {
    if (d.querySelector(':scope > summary .json-key')?.textContent === key) return d.open ? 'open' : 'closed';
  }
  return 'missing';
}

/** What the layout looks like: row heights, overflow, where the toolbar and stats sit. */
function layout(): { rowHeights: number[]; pageOverflowX: boolean; toolbarTop: number; statsBottom: number; viewportHeight: number; rowsInDom: number; rowOverflow: boolean } {
  const rows = [...document.querySelectorAll<HTMLElement>('.record')];
  const list = document.getElementById('records')!;
  return {
    rowHeights: rows.map((r) => r.getBoundingClientRect().height),
    pageOverflowX: document.documentElement.scrollWidth > window.innerWidth + 1,
    toolbarTop: document.querySelector('.toolbar')!.getBoundingClientRect().top,
    statsBottom: document.getElementById('stats')!.getBoundingClientRect().bottom,
    viewportHeight: window.innerHeight,
    rowsInDom: rows.length,
    rowOverflow: rows.some((r) => r.getBoundingClientRect().width > list.getBoundingClientRect().width + 1),
  };
}

/** Elements that could run or load something, inside the inspector's root. */
function activeContent(): { scripts: number; images: number; frames: number; links: number; objects: number; inlineHandlers: number } {
  const root = document.getElementById('root')!;
  let inlineHandlers = 0;
  for (const e of root.querySelectorAll('*')) for (const a of e.getAttributeNames()) if (a.startsWith('on')) inlineHandlers++;
  return {
    scripts: document.querySelectorAll('script').length,
    images: root.querySelectorAll('img, image, video, audio, source').length,
    frames: root.querySelectorAll('iframe, frame, embed').length,
    links: root.querySelectorAll('a[href], [href^="javascript"], [src]').length,
    objects: root.querySelectorAll('object, form, style, link, meta').length,
    inlineHandlers,
  };
}

/** The text and tooltip of every element each selector finds (tooltips as `title: …`). */
function textsOf(selectors: string[]): Record<string, string[]> {
  const texts: Record<string, string[]> = {};
  for (const selector of selectors) {
    texts[selector] = [];
    for (const node of document.querySelectorAll<HTMLElement>(selector)) texts[selector]!.push(node.textContent ?? '', ...(node.title ? [`title: ${node.title}`] : []));
  }
  return texts;
}

/** Changes seen in each live region (what a screen reader would read out) since `watchLiveRegions()`, by id. */
const liveChanges: Record<string, number> = {};
function watchLiveRegions(): void {
  for (const node of document.querySelectorAll<HTMLElement>('[aria-live], [role="status"], [role="alert"], [role="log"]')) {
    const key = node.id || node.className;
    liveChanges[key] = 0;
    new MutationObserver((ms) => { liveChanges[key]! += ms.length; }).observe(node, { subtree: true, characterData: true, childList: true, attributes: true });
  }
}

/** Long tasks seen since load (PerformanceObserver), for the 100 000-record test. */
const longTasks: number[] = [];
try {
  new PerformanceObserver((list) => { for (const e of list.getEntries()) longTasks.push(e.duration); }).observe({ type: 'longtask', buffered: true });
} catch {
  // not supported: the array stays empty
}

(window as unknown as { __probes: unknown }).__probes = { textsOf, watchLiveRegions, liveRegionChanges: () => ({ ...liveChanges }), visibleEventIds, scrollListTo, selectedRowBorder, activeId, jsonNodeOpen, layout, activeContent, longTasks: () => [...longTasks] };
