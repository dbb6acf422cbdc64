import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { EndpointProfile } from './profile';
import { describeProblem } from './profile';
import { ProfileResolveError } from './resolve';
import { readProfilesFromSettingsText } from './settingsText';
import { validateProfileList } from './validate';
import { findVariables } from './variables';

/**
 * The environment variable that holds secret `name` outside VS Code (the CLI): `STREAM_DEBUGGER_SECRET_` and the name
 * in upper case with `.` and `-` as `_`. `${secret:api-token}` → `STREAM_DEBUGGER_SECRET_API_TOKEN`.
 */
export function secretEnvironmentName(name: string): string {
  return `STREAM_DEBUGGER_SECRET_${name.toUpperCase().replace(/[^A-Z0-9_]/g, '_')}`;
}

/**
 * Finds the valid profile `name` in a settings.json (or .code-workspace) file. Throws a {@link ProfileResolveError}
 * that says what is wrong: unreadable file, no such profile (listing the names there), or the profile's problems.
 */
export function findProfileInSettingsFile(file: string, name: string): EndpointProfile {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new ProfileResolveError(`cannot read settings file ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  let list: unknown;
  try {
    list = readProfilesFromSettingsText(text);
  } catch (err) {
    throw new ProfileResolveError(`${file}: ${(err as Error).message}`);
  }
  const items = validateProfileList(list);
  const item = items.find((i) => i.label === `"${name}"`);
  if (!item) {
    const names = items.map((i) => i.label).join(', ');
    throw new ProfileResolveError(`no profile named "${name}" in ${file}${names ? ` (there: ${names})` : ' (it has no streamDebugger.profiles)'}`);
  }
  if (!item.profile) throw new ProfileResolveError(item.problems.map((p) => describeProblem(item.label, p)).join('; '));
  return item.profile;
}

/** Whether a profile's URL needs the demo server (`${demoServer}`). */
export function usesDemoServer(profile: EndpointProfile): boolean {
  return findVariables(profile.url).some((r) => r.kind === 'demoServer');
}

/** File access for profiles read from a settings file: relative paths start at the file's folder. */
export function settingsFileAccess(file: string): { baseDir: string; homeDir: string; readFile(f: string): Uint8Array } {
  return { baseDir: path.dirname(path.resolve(file)), homeDir: os.homedir(), readFile: (f) => fs.readFileSync(f) };
}
