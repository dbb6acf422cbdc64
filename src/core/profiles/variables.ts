/**
 * `${secret:NAME}`, `${env:NAME}` and `${demoServer}` in profile strings. Pure: the values come from the caller
 * (SecretStorage in the extension, environment variables in the CLI).
 */

/** One variable reference found in a string. */
export type VariableReference =
  | { kind: 'secret'; name: string }
  | { kind: 'env'; name: string }
  | { kind: 'demoServer' };

/** Names a secret may have: letters, digits, `_`, `.`, `-` (so it maps to an environment variable name in the CLI). */
export const SECRET_NAME_PATTERN = /^[A-Za-z0-9_.-]+$/;
const ENV_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

// Any `${…}` whose head is one of ours; other `${…}` text (templates in a JSON body, say) is left as written.
const VARIABLE = /\$\{(?:(secret|env):([^}]*)|(demoServer))\}/g;

/** A malformed reference: `${secret:}`, a bad name, and so on. */
export class VariableSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VariableSyntaxError';
  }
}

/** Lists the references in `text`, or throws a {@link VariableSyntaxError} naming the bad one. */
export function findVariables(text: string): VariableReference[] {
  const out: VariableReference[] = [];
  for (const m of text.matchAll(VARIABLE)) {
    if (m[3]) {
      out.push({ kind: 'demoServer' });
      continue;
    }
    const kind = m[1] as 'secret' | 'env';
    const name = m[2] ?? '';
    const pattern = kind === 'secret' ? SECRET_NAME_PATTERN : ENV_NAME_PATTERN;
    if (!pattern.test(name)) {
      throw new VariableSyntaxError(kind === 'secret'
        ? `\${secret:${name}} has a bad secret name; use letters, digits, "_", "." or "-"`
        : `\${env:${name}} has a bad environment variable name`);
    }
    out.push({ kind, name });
  }
  return out;
}

/** Where variable values come from. `undefined` means "not set". */
export interface VariableValues {
  secret(name: string): string | undefined;
  env(name: string): string | undefined;
  /** Base URL of the running demo server (`${demoServer}`), when one is available. */
  demoServer?: string;
}

/** A reference that has no value; `field` is where it was used. */
export class MissingVariableError extends Error {
  constructor(readonly reference: VariableReference, readonly field: string) {
    super(reference.kind === 'demoServer'
      ? `${field}: \${demoServer} is only available where the demo server runs`
      : reference.kind === 'secret'
        ? `${field}: secret "${reference.name}" is not set`
        : `${field}: environment variable ${reference.name} is not set`);
    this.name = 'MissingVariableError';
  }
}

/**
 * Replaces every reference in `text` with its value; `field` names the place for error messages. Values are inserted
 * as they are (no second round of substitution, so a secret containing `${env:X}` stays literal).
 */
export function substituteVariables(text: string, values: VariableValues, field: string): string {
  findVariables(text); // throws on a malformed name before anything is looked up
  return text.replace(VARIABLE, (_whole, kind: string | undefined, name: string | undefined, demo: string | undefined) => {
    if (demo) {
      if (values.demoServer === undefined) throw new MissingVariableError({ kind: 'demoServer' }, field);
      return values.demoServer;
    }
    const reference = { kind: kind as 'secret' | 'env', name: name ?? '' };
    const value = reference.kind === 'secret' ? values.secret(reference.name) : values.env(reference.name);
    if (value === undefined) throw new MissingVariableError(reference, field);
    return value;
  });
}
