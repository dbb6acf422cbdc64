import { findNodeAtLocation, parse, parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser/lib/esm/main.js'; // the ESM build: esbuild cannot follow the UMD build's dynamic requires

/** The setting key of the profile list. */
export const PROFILES_SETTING_KEY = 'streamDebugger.profiles';

/** A settings file that cannot be read as JSON with comments. */
export class SettingsFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SettingsFileError';
  }
}

/**
 * Reads the profile list from the text of a settings.json (JSON with comments and trailing commas, as VS Code writes
 * it) or a .code-workspace file (under `settings`). Returns undefined when the file has no profiles.
 */
export function readProfilesFromSettingsText(text: string): unknown {
  const errors: ParseError[] = [];
  const root = parse(text, errors, { allowTrailingComma: true, disallowComments: false }) as unknown;
  if (errors.length) {
    const first = errors[0]!;
    throw new SettingsFileError(`not valid JSON: ${printParseErrorCode(first.error)} at line ${lineOf(text, first.offset)}`);
  }
  if (typeof root !== 'object' || root === null || Array.isArray(root)) throw new SettingsFileError('the file is not a JSON object');
  const direct = (root as Record<string, unknown>)[PROFILES_SETTING_KEY];
  if (direct !== undefined) return direct;
  const nested = (root as Record<string, unknown>).settings;
  return typeof nested === 'object' && nested !== null ? (nested as Record<string, unknown>)[PROFILES_SETTING_KEY] : undefined;
}

/**
 * Where entry `index` of the profile list sits in a settings file's text (offset and length of the whole entry),
 * so an editor can reveal and select it. Undefined when it is not there.
 */
export function locateProfileEntry(text: string, index: number): { offset: number; length: number } | undefined {
  const tree = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  if (!tree) return undefined;
  const node = findNodeAtLocation(tree, [PROFILES_SETTING_KEY, index]) ?? findNodeAtLocation(tree, ['settings', PROFILES_SETTING_KEY, index]);
  return node ? { offset: node.offset, length: node.length } : undefined;
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
