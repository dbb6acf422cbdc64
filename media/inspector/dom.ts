/** Creates an element with a class and text; data only ever goes in as text. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A toolbar-style button with a visible label and an accessible name. */
export function button(label: string, options: { id?: string; title?: string; className?: string } = {}): HTMLButtonElement {
  const b = el('button', `button ${options.className ?? ''}`.trim(), label);
  b.type = 'button';
  if (options.id) b.id = options.id;
  if (options.title) b.title = options.title;
  return b;
}

/** A toggle button: its state is in `aria-pressed`, which screen readers announce and CSS styles. */
export function toggleButton(label: string, pressed: boolean, options: { id?: string; title?: string; className?: string } = {}): HTMLButtonElement {
  const b = button(label, options);
  setPressed(b, pressed);
  return b;
}

/** Sets a toggle button's state. */
export function setPressed(b: HTMLElement, pressed: boolean): void {
  b.setAttribute('aria-pressed', String(pressed));
}

/** True when a toggle button is pressed. */
export function isPressed(b: HTMLElement): boolean {
  return b.getAttribute('aria-pressed') === 'true';
}

/** True when keyboard focus is in a text field (so single-key shortcuts must not fire). */
export function isEditing(target: EventTarget | null): boolean {
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || (target instanceof HTMLElement && target.isContentEditable);
}

/** Sets an element's text only when it differs (writing an equal text still replaces the node and dirties layout). */
export function setText(node: HTMLElement, text: string): void {
  if (node.textContent !== text) node.textContent = text;
}
