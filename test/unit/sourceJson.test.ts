import * as assert from 'node:assert/strict';
import { prettyJson } from '../../src/shared/json/prettyJson';
import { readSourceJson, sourceKeyText, sourceStringValue, type SourceJsonEntry, type SourceJsonValue } from '../../src/shared/json/sourceJson';
import { documentFor } from '../../src/panel/recordPreview';
import { seededRandom } from '../helpers/chunking';

// The detail pane's tree and "Open in editor" must show exactly what the server sent. The reader and the printer are
// checked against JSON.parse: they accept exactly what it accepts, read the same values, and lose nothing it keeps
// (they keep more: each number's text, key order, repeated keys).

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** The text without the whitespace between tokens: what a lossless reader and printer must keep exactly. */
function tokensOf(text: string): string {
  return text.replace(/"(?:[^"\\]|\\.)*"|[ \t\n\r]+/g, (m) => (m[0] === '"' ? m : ''));
}

/** The tree written back without whitespace, from the texts it keeps. */
function compactText(value: SourceJsonValue): string {
  switch (value.kind) {
    case 'object': return `{${value.entries.map((e) => `${sourceKeyText(e)}:${compactText(e.value)}`).join(',')}}`;
    case 'array': return `[${value.items.map(compactText).join(',')}]`;
    default: return value.text;
  }
}

/** The tree read as JSON.parse reads it (the last of repeated keys wins), to compare with JSON.parse. */
function parsedValue(value: SourceJsonValue): unknown {
  switch (value.kind) {
    case 'object': {
      const object = {};
      // defineProperty, as JSON.parse does: a "__proto__" key is an own property, not the prototype.
      for (const e of value.entries) Object.defineProperty(object, e.key, { value: parsedValue(e.value), enumerable: true, writable: true, configurable: true });
      return object;
    }
    case 'array': return value.items.map(parsedValue);
    case 'string': return sourceStringValue(value);
    case 'number': return Number(value.text);
    case 'true': return true;
    case 'false': return false;
    case 'null': return null;
  }
}

/** Checks one valid text against JSON.parse: read, printed, and nothing but whitespace changed. */
function checkValid(text: string): void {
  const label = JSON.stringify(text).slice(0, 120);
  assert.ok(parses(text), `test case should be valid JSON: ${label}`);
  const read = readSourceJson(text);
  assert.ok(read, `reader rejects valid JSON: ${label}`);
  assert.equal(compactText(read.root), tokensOf(text), `reader keeps every token: ${label}`);
  assert.deepStrictEqual(parsedValue(read.root), JSON.parse(text), `reader reads what JSON.parse reads: ${label}`);
  const pretty = prettyJson(text);
  assert.ok(pretty !== undefined, `printer rejects valid JSON: ${label}`);
  assert.equal(tokensOf(pretty), tokensOf(text), `printer changes nothing but whitespace: ${label}`);
  assert.deepStrictEqual(JSON.parse(pretty), JSON.parse(text), label);
}

function checkAgreesWithJsonParse(text: string): void {
  if (parses(text)) checkValid(text);
  else {
    assert.equal(readSourceJson(text), undefined, `reader accepts what JSON.parse rejects: ${JSON.stringify(text)}`);
    assert.equal(prettyJson(text), undefined, `printer accepts what JSON.parse rejects: ${JSON.stringify(text)}`);
  }
}

const QA_CASE = '{"id":12345678901234567890,"price":1.10,"big":9007199254740993,"neg":-0,"exp":1e3}';

const VALID = [
  QA_CASE, '{}', '[]', ' {"a":1} ', '\t\n\r{"a":1}\r\n', '{ "a" : [ 1 , { } , [ ] ] }', '{"a":-0}', '{"a":0}', '{"a":0.5e-10}', '{"a":1E+2}',
  '{"a":1e400}', '{"a":-1e-400}', '{"a":-12345678901234567890}', '{"a":"\\u00e9\\n\\t\\"\\\\\\/\\b\\f\\r"}', '{"a":"\ud800"}', '{"a":"\\udc00"}',
  '{"a":"\\ud83d\\ude00"}', '{"a":"😀 日本"}', '{"a":[1,[2,[3]]]}', '{"a":true,"b":false,"c":null}', '{"":1}', '[{"a":{}}]', '[1,"x",null]',
  '{"a":"\u007f\u0080\u2028\u2029"}', '{"a":"}"}', '{"a":"\\\\"}', '{"a b":{"c d":"e"}}', '{"a":1,"a":2}', '{"a":{"b":1},"a":[2],"a":3}',
  '{"b":1,"2":"two","1":"one"}', '{"__proto__":{"x":1},"constructor":2,"toString":3}', '{"\\u0061":1,"a":2}', '{"a\\nb":"c"}',
  '1', '-0', '1.10', '"text"', '"\\u0000"', 'true', 'false', 'null', ' 7 ', '[[[]]]', '{"a":[{"b":[{"c":[]}]}]}', '[0,-0,0.0,0e0,0E-0,1e+0]',
];

const INVALID = [
  '', ' ', '{', '[', '{"a":}', '{"a":1,}', '[1,]', '[,1]', '{,"a":1}', '{"a"::1}', '{"a" 1}', '{a:1}', "{'a':1}", '{"a":1 "b":2}', '[1 2]',
  '{"a":01}', '{"a":-01}', '{"a":1.}', '{"a":.5}', '{"a":+1}', '{"a":-}', '{"a":1e}', '{"a":1e+}', '{"a":1.e2}', '{"a":0x1}', '{"a":00}',
  '{"a":NaN}', '{"a":Infinity}', '{"a":-Infinity}', '{"a":"\u0001"}', '{"a":"\n"}', '{"a":"\t"}', '{"a\u0000":1}', '{"a":"\\x"}',
  '{"a":"\\u12G4"}', '{"a":"\\u12"}', '{"a":"\\U0041"}', '{"a":"\\\'"}', '{"a":tru}', '{"a":nulll}', '{"a":True}', '{"a":1} x',
  '{"a":1}{}', '{"a":1}\u00a0', '\u00a0{"a":1}', '\ufeff{}', '\u000b[1]', '\u000c{}', '{"a":1\u00a0}', '{"a":\u000b1}', '{"a":"unterminated}',
  '{"a":"x', '{"a":[}', '[DONE]', '[1]]', '{}}', '{"a":1}\u0000', '["\\"]', '{"a":-"1"}', '{"a":1:2}', '{"a",1}', '[1:2]', '{1:2}', '"a', '1 2',
  '[1,,2]', '{"a":1,,"b":2}', '[-]', '[01]', '[1e5.5]', '[.]', '["\\u"]', '[\'x\']', '[undefined]', '[true false]', '/* c */ {}', '{} // c',
];

describe('lossless JSON reader and printer', () => {
  it('keeps what JSON.parse changes: number texts, key order, repeated keys', () => {
    const read = readSourceJson(QA_CASE)!;
    assert.ok(read.root.kind === 'object');
    assert.deepEqual(read.root.entries.map((e) => [e.key, e.value.kind === 'number' ? e.value.text : '?']),
      [['id', '12345678901234567890'], ['price', '1.10'], ['big', '9007199254740993'], ['neg', '-0'], ['exp', '1e3']]);
    assert.equal(prettyJson(QA_CASE), '{\n  "id": 12345678901234567890,\n  "price": 1.10,\n  "big": 9007199254740993,\n  "neg": -0,\n  "exp": 1e3\n}');

    const ordered = readSourceJson('{"b":1,"2":"two","1":"one"}')!;
    assert.ok(ordered.root.kind === 'object');
    assert.deepEqual(ordered.root.entries.map((e) => e.key), ['b', '2', '1'], 'integer-like keys stay where they were written');
    assert.equal(prettyJson('{"b":1,"2":"two","1":"one"}'), '{\n  "b": 1,\n  "2": "two",\n  "1": "one"\n}');

    const repeated = readSourceJson('{"a":1,"b":[{"x":1,"x":2,"x":3}],"a":2,"\\u0061":3}')!;
    assert.equal(repeated.repeatedKeys, 4, 'a twice more (one of them escaped), x twice more');
    assert.ok(repeated.root.kind === 'object');
    const repeats = (entries: SourceJsonEntry[]): unknown[] => entries.map((e) => [e.key, e.repeat ? `${e.repeat.nth}/${e.repeat.of}` : '']);
    assert.deepEqual(repeats(repeated.root.entries), [['a', '1/3'], ['b', ''], ['a', '2/3'], ['a', '3/3']]);
    const inner = repeated.root.entries[1]!.value;
    const first = inner.kind === 'array' ? inner.items[0] : undefined;
    assert.ok(first?.kind === 'object');
    assert.deepEqual(repeats(first.entries), [['x', '1/3'], ['x', '2/3'], ['x', '3/3']]);
    assert.equal(prettyJson('{"a":1,"a":2}'), '{\n  "a": 1,\n  "a": 2\n}');
    // A larger object (the Map path of the repeat check).
    const wide = readSourceJson(`{${Array.from({ length: 20 }, (_, i) => `"k${i % 15}":${i}`).join(',')}}`)!;
    assert.equal(wide.repeatedKeys, 5);
  });

  it('keeps strings as written in the printed text, and reads their decoded value', () => {
    const text = '["caf\\u00e9","a\\/b","\\ud83d\\ude00","tab\\there"]';
    assert.equal(prettyJson(text), '[\n  "caf\\u00e9",\n  "a\\/b",\n  "\\ud83d\\ude00",\n  "tab\\there"\n]');
    const read = readSourceJson(text)!;
    assert.ok(read.root.kind === 'array');
    assert.deepEqual(read.root.items.map((s) => (s.kind === 'string' ? sourceStringValue(s) : '?')), ['café', 'a/b', '😀', 'tab\there']);
  });

  it('lays canonical JSON out exactly as JSON.stringify(value, null, 2) does', () => {
    for (const value of [{}, [], { a: [1, 2, { b: [], c: {} }], d: 'x' }, [[[]], [{}]], { 'a"b': 'c\\d', e: [null, true, false, -1.5] }]) {
      assert.equal(prettyJson(JSON.stringify(value)), JSON.stringify(value, null, 2));
    }
  });

  it('accepts the valid texts, reading and printing them without loss', () => {
    for (const text of VALID) checkValid(text);
  });

  it('rejects exactly what JSON.parse rejects', () => {
    for (const text of INVALID) {
      assert.ok(!parses(text), `test case should be invalid JSON: ${JSON.stringify(text)}`);
      checkAgreesWithJsonParse(text);
    }
  });

  it('agrees with JSON.parse on every one-character edit of valid JSON', () => {
    const alphabet = ['{', '}', '[', ']', '"', ':', ',', '\\', '/', '-', '+', '.', 'e', 'E', '0', '1', ' ', '\t', '\r', '\n', '\u00a0', '\u000b', 'u', 'n', 't', 'f', 'x', '\u0001', '\u007f'];
    for (const base of ['{"a":[1,-2.5e3,"x\\n",true,null],"b":{"c":false}}', '[0,{"d":"\\u00e9"},""]', '{"":[{}],"e":1E-7}']) {
      for (let i = 0; i <= base.length; i++) {
        for (const c of alphabet) {
          for (const text of [base.slice(0, i) + c + base.slice(i), base.slice(0, i) + c + base.slice(i + 1), base.slice(0, i) + base.slice(i + 1)]) {
            checkAgreesWithJsonParse(text);
          }
        }
      }
    }
  });

  it('agrees with JSON.parse on random JSON, written in random styles, and on random edits of it', () => {
    const random = seededRandom(0x5eed);
    for (let n = 0; n < 1500; n++) {
      const text = randomJsonText(random, 0);
      checkValid(text);
      for (let k = 0; k < 4; k++) checkAgreesWithJsonParse(randomEdit(random, text));
      // JSON.stringify's own output is printed as JSON.stringify(…, null, 2) prints it.
      const canonical = JSON.stringify(JSON.parse(text));
      assert.equal(prettyJson(canonical), JSON.stringify(JSON.parse(text), null, 2));
    }
  });

  it('reads nesting as deep as JSON.parse does without recursion, and prints levels past the 64th compact', () => {
    const depth = 200_000;
    const deep = `${'['.repeat(depth)}1${']'.repeat(depth)}`;
    assert.ok(parses(deep));
    const read = readSourceJson(deep)!;
    let node: SourceJsonValue = read.root;
    let levels = 0;
    while (node.kind === 'array') {
      node = node.items[0]!;
      levels++;
    }
    assert.equal(levels, depth);
    assert.deepEqual(node, { kind: 'number', text: '1' });
    const pretty = prettyJson(deep)!;
    assert.equal(tokensOf(pretty), deep);
    assert.ok(pretty.length < deep.length + 64 * 66 * 2, `indentation stops growing: ${pretty.length} characters`);
    assert.equal(readSourceJson(`${'['.repeat(depth)}${']'.repeat(depth - 1)}`), undefined);
    const objects = `${'{"a":'.repeat(1000)}{}${'}'.repeat(1000)}`;
    checkAgreesWithJsonParse(objects);
    assert.match(prettyJson(objects)!, /\n {128}"a": \{"a":\{"a":/, 'the 64th level is indented, the next ones are compact');
  });

  it('opens JSON data in an editor re-indented, everything else as it is', () => {
    assert.deepEqual(documentFor(QA_CASE), { content: prettyJson(QA_CASE), language: 'json' });
    assert.deepEqual(documentFor('{"a":1,"a":2}'), { content: '{\n  "a": 1,\n  "a": 2\n}', language: 'json' });
    for (const text of ['{"looks": "like json", }', '1.10', '"text"', 'plain', '\u00a0{"a":1}', '']) {
      assert.deepEqual(documentFor(text), { content: text, language: 'plaintext' }, JSON.stringify(text));
    }
  });
});

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

const WHITESPACE = ['', '', '', ' ', '\n', '\r\n', '\t', '  '];
const NUMBERS = ['0', '-0', '1', '-1', '1.10', '0.0', '1e3', '1E+3', '2.5e-7', '-0.0e0', '12345678901234567890', '9007199254740993',
  '1e400', '-1e-400', '123.4560', '0.1', '100', '3.141592653589793238462643383279'];
const STRING_PARTS = ['a', 'key', ' ', 'é', '日本', '😀', '\\n', '\\t', '\\"', '\\\\', '\\/', '\\b', '\\f', '\\r', '\\u00e9', '\\u0000',
  '\\uD83D\\uDE00', '\\ud800', '\u2028', '\u007f', '{', '[', ':', ',', '1'];
const KEYS = ['a', 'b', 'id', '1', '2', '10', '__proto__', '', 'a\\u0062', 'ab', 'choices', 'delta'];

function ws(random: () => number): string {
  return pick(random, WHITESPACE);
}

function randomString(random: () => number): string {
  let s = '"';
  const parts = Math.floor(random() * 4);
  for (let i = 0; i < parts; i++) s += pick(random, STRING_PARTS);
  return `${s}"`;
}

/** Random JSON text: nested values, odd number spellings, escapes, repeated and integer-like keys, random whitespace. */
function randomJsonText(random: () => number, depth: number): string {
  const roll = random();
  if (depth < 5 && roll < 0.25) {
    const n = Math.floor(random() * 5);
    const members = Array.from({ length: n }, () => `${ws(random)}"${pick(random, KEYS)}"${ws(random)}:${ws(random)}${randomJsonText(random, depth + 1)}${ws(random)}`);
    return `{${members.join(',') || ws(random)}}`;
  }
  if (depth < 5 && roll < 0.45) {
    const n = Math.floor(random() * 5);
    const items = Array.from({ length: n }, () => `${ws(random)}${randomJsonText(random, depth + 1)}${ws(random)}`);
    return `[${items.join(',') || ws(random)}]`;
  }
  if (roll < 0.65) return pick(random, NUMBERS);
  if (roll < 0.9) return randomString(random);
  return pick(random, ['true', 'false', 'null']);
}

/** One random insertion, deletion or replacement of a character that matters to JSON's grammar. */
function randomEdit(random: () => number, text: string): string {
  const at = Math.floor(random() * (text.length + 1));
  const c = pick(random, ['{', '}', '[', ']', '"', ':', ',', '\\', '-', '.', 'e', '0', '5', ' ', '\u00a0', 'u', 'x', '\u0001', '']);
  const cut = random() < 0.5 ? 1 : 0;
  return text.slice(0, at) + c + text.slice(at + cut);
}
