import { el } from '../dom';

/** Where a group sits: lower first. Connection 10, view 20, simulation 30 (issue 6), capture 90. */
export type GroupOrder = number;

/**
 * The inspector's toolbar: an ordered row of control groups. Each group is built by its own module
 * (`toolbar/*Controls.ts`) and added here, so new controls never touch the others.
 */
export class Toolbar {
  readonly element = el('div', 'toolbar');
  private readonly groups: Array<{ order: GroupOrder; element: HTMLElement }> = [];

  constructor() {
    this.element.setAttribute('role', 'toolbar');
    this.element.setAttribute('aria-label', 'Connection and view controls');
  }

  /** Adds a labelled group at `order` and returns it, for the caller to fill. */
  addGroup(name: string, label: string, order: GroupOrder, options: { grow?: boolean } = {}): HTMLElement {
    const group = el('div', `toolbar-group group-${name}${options.grow ? ' grow' : ''}`);
    group.setAttribute('role', 'group');
    group.setAttribute('aria-label', label);
    group.dataset.group = name;
    const index = this.groups.findIndex((g) => g.order > order);
    const before = index === -1 ? null : this.groups[index]!.element;
    this.element.insertBefore(group, before);
    this.groups.splice(index === -1 ? this.groups.length : index, 0, { order, element: group });
    return group;
  }
}
