import * as assert from 'node:assert/strict';
import { JsonPathScanner } from '../../src/core/query/jsonPathScanner';
import { PathColumns, RECORD_INDEXED, RECORD_NOT_JSON, RECORD_UNINDEXED } from '../../src/core/query/pathColumns';
import { PathTrie } from '../../src/core/query/pathTrie';

// The JSON path index's scanner must accept exactly what JSON.parse accepts: a record it indexes is answered from
// its slots, so indexing one that JSON.parse rejects (or reads differently) would change what a filter finds.

function stateOf(data: string): number {
  return new JsonPathScanner(new PathTrie()).index(data, new PathColumns(1), 0);
}

function parses(data: string): boolean {
  try {
    JSON.parse(data);
    return true;
  } catch {
    return false;
  }
}

const VALID = [
  '{}', '[]', ' {"a":1} ', '\t\n\r{"a":1}\r\n', '{ "a" : [ 1 , { } , [ ] ] }', '{"a":-0}', '{"a":0}', '{"a":0.5e-10}', '{"a":1E+2}',
  '{"a":1e400}', '{"a":-12345678901234567890}', '{"a":"\\u00e9\\n\\t\\"\\\\\\/\\b\\f\\r"}', '{"a":"\ud800"}', '{"a":"\\udc00"}',
  '{"a":"😀 日本"}', '{"a":[1,[2,[3]]]}', '{"a":true,"b":false,"c":null}', '{"":1}', '[{"a":{}}]', '[1,"x",null]', '{"a":"\u007f\u0080"}',
  '{"a":"}"}', '{"a":"\\\\"}', '{"a b":{"c d":"e"}}',
];
const INVALID = [
  '{', '[', '{"a":}', '{"a":1,}', '[1,]', '[,1]', '{,"a":1}', '{"a"::1}', '{"a" 1}', '{a:1}', "{'a':1}", '{"a":1 "b":2}', '[1 2]',
  '{"a":01}', '{"a":-01}', '{"a":1.}', '{"a":.5}', '{"a":+1}', '{"a":-}', '{"a":1e}', '{"a":1e+}', '{"a":1.e2}', '{"a":0x1}',
  '{"a":NaN}', '{"a":Infinity}', '{"a":-Infinity}', '{"a":"\u0001"}', '{"a":"\n"}', '{"a":"\t"}', '{"a\u0000":1}', '{"a":"\\x"}',
  '{"a":"\\u12G4"}', '{"a":"\\u12"}', '{"a":"\\U0041"}', '{"a":"\\\'"}', '{"a":tru}', '{"a":nulll}', '{"a":True}', '{"a":1} x',
  '{"a":1}{}', '{"a":1}\u00a0', '{"a":1\u00a0}', '{"a":\u000b1}', '{"a":"unterminated}', '{"a":"x', '{"a":[}', '[DONE]', '[1]]', '{}}',
  '{"a":1}\u0000', '["\\"]', '{"a":-"1"}',
];

describe('JSON path scanner: accepts exactly what JSON.parse accepts', () => {
  it('indexes valid JSON objects and arrays', () => {
    for (const data of VALID) {
      assert.ok(parses(data), `test case should be valid JSON: ${JSON.stringify(data)}`);
      assert.equal(stateOf(data), RECORD_INDEXED, JSON.stringify(data));
    }
  });

  it('never indexes what JSON.parse rejects', () => {
    for (const data of INVALID) {
      assert.ok(!parses(data), `test case should be invalid JSON: ${JSON.stringify(data)}`);
      assert.equal(stateOf(data), RECORD_UNINDEXED, JSON.stringify(data));
    }
  });

  it('leaves data that trimStart makes look like JSON to the per-record check, and the rest is not JSON', () => {
    for (const data of ['\u00a0{"a":1}', '\ufeff{"a":1}', '\u000b[1]', '\u000c{}', '\u2028{}', ' \u00a0 []']) assert.equal(stateOf(data), RECORD_UNINDEXED, JSON.stringify(data));
    for (const data of ['', ' ', 'text', '7', '"a"', 'null', 'true', ' 7', '\u00a0x', '}{']) assert.equal(stateOf(data), RECORD_NOT_JSON, JSON.stringify(data));
  });

  it('leaves valid JSON it cannot place exactly to the per-record check', () => {
    const unindexed = [
      '{"\\u0061":1}', '{"a\\nb":1}', '{"a":1,"a":2}', '{"a":{"b":1},"a":2}', '[{"a":1,"a":1}]',
      `${'['.repeat(40)}${']'.repeat(40)}`, `[${Array.from({ length: 300 }, (_, i) => i).join(',')}]`,
      `{${Array.from({ length: 70 }, (_, i) => `"k${i}":${i}`).join(',')}}`, `{"a":"${'x'.repeat(5000)}"}`, `{"a":1,"p":"${'x'.repeat(70_000)}"}`,
      `{"a":${'1'.repeat(5000)}}`,
    ];
    for (const data of unindexed) {
      assert.ok(parses(data));
      assert.equal(stateOf(data), RECORD_UNINDEXED, JSON.stringify(data).slice(0, 60));
    }
    for (const data of [`${'['.repeat(30)}${']'.repeat(30)}`, `[${Array.from({ length: 60 }, (_, i) => i).join(',')}]`, `{"a":"${'x'.repeat(4095)}"}`]) {
      assert.equal(stateOf(data), RECORD_INDEXED, `within the bounds: ${data.slice(0, 40)}`);
    }
  });

  it('agrees with JSON.parse on every one-character edit of valid JSON', () => {
    const alphabet = ['{', '}', '[', ']', '"', ':', ',', '\\', '-', '+', '.', 'e', '0', '1', ' ', '\t', '\u00a0', 'u', 'n', 't', 'x', '\u0001'];
    for (const base of ['{"a":[1,-2.5e3,"x\\n",true,null],"b":{"c":false}}', '[0,{"d":"\\u00e9"}]']) {
      for (let i = 0; i <= base.length; i++) {
        for (const c of alphabet) {
          for (const data of [base.slice(0, i) + c + base.slice(i), base.slice(0, i) + c + base.slice(i + 1), base.slice(0, i) + base.slice(i + 1)]) {
            const state = stateOf(data);
            if (state === RECORD_INDEXED) assert.ok(parses(data), `indexed but JSON.parse rejects: ${JSON.stringify(data)}`);
            else if (parses(data) && /^[\s]*[{[]/.test(data) && !data.includes('\u00a0') && !/"a".*"a"|\\u|\\n/.test(data)) {
              assert.fail(`valid, no escaped or repeated key, yet not indexed: ${JSON.stringify(data)}`);
            }
          }
        }
      }
    }
  });
});
