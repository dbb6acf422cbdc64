// Random event data and field filters for the differential tests of the JSON path index: data that is JSON, nearly
// JSON and not JSON at all, with the spellings that are easy to get wrong, and filters over the paths it uses.

type Random = () => number;

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

/** Keys as written inside the quotes: plain, odd, escaped (\u0061 is "a"). */
const KEYS = ['a', 'b', 'user', 'name', 'A', '', 'a b', 'é', '0', '__proto__', 'length', '\\u0061', 'us\\u0065r', 'a\\"b', 'a\\\\b', 'x\\ny', 'a\\/b', 'a\\tb'];
/** Number literals as written: the integer boundaries of the slots, and spellings JSON.parse reads alike or not at all. */
const NUMBERS = [
  '0', '7', '-7', '-0', '7.0', '7e0', '70e-1', '1e2', '1E+2', '0.1', '1.5', '-2.5e-3', '100', '90', '91', '134217727', '134217728',
  '-134217727', '-134217728', '999999999', '1000000000', '123456789012345', '1234567890123456', '12345678901234567890', '1e400', '-1e400',
  '2147483648', '9007199254740993',
];
/** String contents as written (between the quotes). */
const STRINGS = [
  '', 'x', '7', ' 7 ', 'user-42', 'USER-42', 'Seven', 'r-4', 'ÉCOLE Zoë', 'İstanbul', 'UsEr-4', 'R-4D', 'aBc', 'straße', '\\u0037', '\\"quoted\\"', 'tab\\there',
  'back\\\\slash', '\\ud800', '\\udc00lone', '\ud800', 'emoji 😀', '1e2', '100', 'null', 'true', '\\/', 'a\\u00e9b', 'K\u212a',
];
/** Whitespace between tokens: JSON's four, and (rarely) characters trimStart takes but JSON.parse rejects. */
const SPACES = ['', '', '', '', ' ', '\n', '\t', '\r\n  '];
/** Most keys come from a few, so objects often repeat a key (JSON.parse keeps the last value) and paths often exist. */
const key = (random: Random): string => (random() < 0.6 ? pick(random, ['a', 'b', 'user']) : pick(random, KEYS));
const BAD_SPACES = ['\u00a0', '\u000b', '\u000c', '\ufeff', '\u2028'];

/** A random JSON text (valid unless `invalid` breaks it) of depth at most `depth`. */
export function randomJsonText(random: Random, depth: number): string {
  const space = (): string => (random() < 0.02 ? pick(random, BAD_SPACES) : pick(random, SPACES));
  const value = (d: number): string => {
    const r = random();
    if (d > 0 && r < 0.25) {
      const n = Math.floor(random() * 4);
      const members = Array.from({ length: n }, () => `${space()}"${key(random)}"${space()}:${space()}${value(d - 1)}${space()}`);
      return `{${members.join(',') || space()}}`;
    }
    if (d > 0 && r < 0.4) {
      const n = Math.floor(random() * 4);
      return `[${Array.from({ length: n }, () => `${space()}${value(d - 1)}${space()}`).join(',') || space()}]`;
    }
    if (r < 0.65) return pick(random, NUMBERS);
    if (r < 0.9) return `"${pick(random, STRINGS)}"`;
    return pick(random, ['true', 'false', 'null']);
  };
  const top = random() < 0.8 ? `{${Array.from({ length: 1 + Math.floor(random() * 4) }, () => `"${key(random)}":${value(depth)}`).join(',')}}` : `[${value(depth)},${value(depth)}]`;
  return `${space()}${top}${space()}`;
}

/** Ways to make a JSON text invalid, or look like JSON to a first glance only. */
const BREAKS: ((text: string, random: Random) => string)[] = [
  (t, r) => t.slice(0, Math.floor(r() * t.length)),
  (t, r) => { const i = Math.floor(r() * t.length); return t.slice(0, i) + pick(r, [',', '"', '}', ']', ':', '\\', '\u0001', 'x', '0', '.', '-', ' ']) + t.slice(i); },
  (t) => t.replace(/}\s*$/, ',}'),
  (t) => t.replace(/]\s*$/, ',]'),
  (t) => t.replace(/:(\s*)(\d)/, ':$10$2'),
  (t) => t.replace(/:(\s*)(-?\d+)(?![.\d])/, ':$1$2.'),
  (t) => t.replace(/:(\s*)\d/, ':$1.5'),
  (t) => t.replace(/:(\s*)\d/, ':$1+1'),
  (t) => t.replace('"', '"\u0007'),
  (t) => t.replace('"', '"\\x'),
  (t) => t.replace('"', '"\\u12G4'),
  (t) => t.replace('true', 'tru'),
  (t) => t.replace('null', 'nul'),
  (t) => `${t} x`,
  (t) => `${t}${t}`,
  (t) => t.replace(/"/g, "'"),
];

/** Data for one event: mostly JSON, some broken JSON, some plain text, and some past the index's bounds. */
export function randomEventData(random: Random): string {
  const r = random();
  if (r < 0.04) return pick(random, ['[DONE]', 'plain user 7', '', ' ', '7', '"user"', 'null', '\u00a0{"user":7}', '\ufeff{"user":7}', '{"user":7}\u00a0', '\u000b[1]']);
  if (r < 0.06) return `{"user":7,"long":"${'y'.repeat(4090 + Math.floor(random() * 10))}"}`; // around the 4095 length bound
  if (r < 0.065) return `{"user":7,"pad":"${'p'.repeat(66_000)}"}`; // longer than a slot can address
  if (r < 0.07) return `${'{"a":'.repeat(30 + Math.floor(random() * 6))}7${'}'.repeat(30 + Math.floor(random() * 6))}`; // around the depth bound
  if (r < 0.075) return `{"a":[${Array.from({ length: 250 + Math.floor(random() * 10) }, (_, i) => i).join(',')}]}`; // around the array bound
  if (r < 0.08) return `{${Array.from({ length: 60 + Math.floor(random() * 10) }, (_, i) => `"k${i}":${i}`).join(',')}}`; // around the nodes bound
  const text = randomJsonText(random, 3);
  return random() < 0.2 ? pick(random, BREAKS)(text, random) : text;
}

/** Path steps filters ask about: the keys above decoded, and array indexes. */
const STEPS: (string | number)[] = ['a', 'b', 'user', 'name', 'A', '', 'a b', 'é', '0', '__proto__', 'length', 'a"b', 'a\\b', 'x\ny', 'a/b', 'a\tb', 'k3', 'long', 'missing', 0, 1, 2, 3, 255, 256];
/** Literals filters compare with, as typed in the filter box. */
const LITERALS = ['7', '-7', '0', '-0', '7.0', '100', '1e2', '90', '0.1', '134217727', '134217728', '12345678901234567890', '"7"', '" 7 "', '"user-42"', '"r-4"', '"R-4"', '"seven"', '"straße"', '"é"', '"\\""', '""', 'true', 'false', 'null', 'x', '"1e2"', '"100"', '"ΣA"', '"r-4"', '"user"', '"e"', '"b"', '"{"', '"1"'];
const OPERATORS = ['==', '!=', '>', '>=', '<', '<=', 'contains'];

/** A random field filter as typed in the filter box (it may not parse: > with true is an error, say). */
export function randomFieldFilter(random: Random): string {
  const length = Math.floor(random() * 4);
  let path = 'data';
  for (let i = 0; i < length; i++) {
    const step = random() < 0.6 ? pick(random, ['a', 'b', 'user', 0, 1]) : pick(random, STEPS);
    path += typeof step === 'number' ? `[${step}]` : /^[A-Za-z_$][\w$-]*$/.test(step) && random() < 0.7 ? `.${step}` : `[${JSON.stringify(step)}]`;
  }
  return random() < 0.1 ? path : `${path} ${pick(random, OPERATORS)} ${pick(random, LITERALS)}`;
}
