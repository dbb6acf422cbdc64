/**
 * Edits of the `streamDebugger.profiles` list as written (entries stay as the user wrote them, unknown fields and
 * invalid entries included). Each returns a new list; the caller writes it back.
 */

/** An edit that cannot apply (the list changed underneath, a name is taken). */
export class ProfileEditError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProfileEditError';
  }
}

/** `base`, or `base (2)`, `base (3)`… whichever no entry of `list` uses yet. */
export function uniqueProfileName(list: readonly unknown[], base: string): string {
  const taken = new Set(list.map(nameOf).filter((n): n is string => n !== undefined));
  if (!taken.has(base)) return base;
  const stem = base.replace(/ \(\d+\)$/, '');
  for (let i = 2; ; i++) if (!taken.has(`${stem} (${i})`)) return `${stem} (${i})`;
}

/** Appends `entry`, refusing a name already in the list. */
export function appendProfile(list: readonly unknown[], entry: { name: string } & Record<string, unknown>): unknown[] {
  if (list.some((e) => nameOf(e) === entry.name)) throw new ProfileEditError(`a profile named "${entry.name}" already exists here`);
  return [...list, entry];
}

/** Inserts a copy of entry `index` right after it, named "<name> (2)" (or the next free number). */
export function duplicateProfile(list: readonly unknown[], index: number, expectedName: string | undefined): unknown[] {
  const entry = entryAt(list, index, expectedName);
  const copy = typeof entry === 'object' && entry !== null ? structuredClone(entry) as Record<string, unknown> : { value: entry };
  copy.name = uniqueProfileName(list, expectedName ?? 'profile');
  return [...list.slice(0, index + 1), copy, ...list.slice(index + 1)];
}

/** Renames entry `index` to `newName`, refusing an empty name or one already used by another entry. */
export function renameProfile(list: readonly unknown[], index: number, expectedName: string | undefined, newName: string): unknown[] {
  const entry = entryAt(list, index, expectedName);
  const problem = validateNewName(list, newName, index);
  if (problem) throw new ProfileEditError(problem);
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw new ProfileEditError('this entry is not an object; edit it in settings.json');
  return list.map((e, i) => (i === index ? { ...(e as Record<string, unknown>), name: newName.trim() } : e));
}

/** Removes entry `index`. */
export function removeProfile(list: readonly unknown[], index: number, expectedName: string | undefined): unknown[] {
  entryAt(list, index, expectedName);
  return list.filter((_e, i) => i !== index);
}

/** A message when `name` cannot be used for a profile (empty, or used by an entry other than `ownIndex`). */
export function validateNewName(list: readonly unknown[], name: string, ownIndex = -1): string | undefined {
  const trimmed = name.trim();
  if (trimmed === '') return 'A profile needs a name';
  if (list.some((e, i) => i !== ownIndex && nameOf(e) === trimmed)) return `A profile named "${trimmed}" already exists here`;
  return undefined;
}

function entryAt(list: readonly unknown[], index: number, expectedName: string | undefined): unknown {
  // The list may have changed since the tree was drawn (settings.json edited by hand): check we have the right one.
  if (index < 0 || index >= list.length || nameOf(list[index]) !== expectedName) {
    throw new ProfileEditError(`the profile list changed since it was shown${expectedName !== undefined ? ` ("${expectedName}" moved or is gone)` : ''}; try again`);
  }
  return list[index];
}

function nameOf(entry: unknown): string | undefined {
  return typeof entry === 'object' && entry !== null && typeof (entry as { name?: unknown }).name === 'string' ? (entry as { name: string }).name : undefined;
}
