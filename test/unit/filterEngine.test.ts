import * as assert from 'node:assert/strict';
import { compileQuery, matchesQuery, matchesRegex, type RecordQuery } from '../../src/core/query/recordQuery';
import { searchFormOf } from '../../src/core/query/regexSearchForm';
import { RecordView } from '../../src/core/query/recordView';
import { runsWithinRecords } from '../../src/core/query/regexOverJoinedText';
import { RecordStore } from '../../src/core/recordStore';
import type { StreamRecord } from '../../src/core/records';
import { seededRandom } from '../helpers/chunking';
import { randomEventData, randomFieldFilter } from '../helpers/randomJson';
import { comment, event, seqsOf, viewOf } from '../helpers/recordViews';

// The index's fast paths (joined chunk text, case folding per chunk, the JSON path index) against the plain per-record
// check `matchesQuery`, which is the definition of what a filter means.

/** What a per-record check answers for `query` over the records the store retains. */
function expectedSeqs(store: RecordStore, query: RecordQuery): number[] {
  const compiled = compileQuery(query);
  assert.ok(compiled.ok, JSON.stringify(query));
  return store.all().filter((r) => matchesQuery(r, compiled.query)).map((r) => r.seq);
}

function assertSameAsPerRecord(store: RecordStore, view: RecordView, queries: RecordQuery[]): void {
  for (const query of queries) {
    const result = view.setQuery(query, Infinity);
    assert.ok(result.ok, JSON.stringify(query));
    assert.deepEqual(seqsOf(view), expectedSeqs(store, query), JSON.stringify(query));
  }
}

/**
 * Records spread over three sealed chunks and an open one: ASCII-only chunks, a chunk with accented capitals, one
 * with İ (lower-casing lengthens it), heartbeats of one space, multi-line data and U+0000 inside data.
 */
function mixedRecords(): StreamRecord[] {
  const out: StreamRecord[] = [];
  for (let i = 0; i < 4096 * 3 + 700; i++) {
    const chunk = Math.floor(i / 4096);
    if (i % 11 === 0) { out.push(comment(' ')); continue; }
    const name = chunk === 1 && i % 5 === 0 ? 'ÉCOLE Zoë' : chunk === 2 && i % 5 === 0 ? 'İstanbul' : i % 3 === 0 ? 'Needle' : 'hay';
    const data = i % 13 === 0 ? `line one ${i}\nline two Needle` : i % 17 === 0 ? `nul\u0000inside ${name}` : `{"n":${i},"word":"${name}","user":${i % 10}}`;
    out.push(event(i % 2 ? 'Odd' : 'even', data, i % 4 === 0 ? null : String(i)));
  }
  return out;
}

describe('filter engine: regex over joined chunk text', () => {
  const records = mixedRecords();
  const { store, view } = viewOf(records);

  it('answers like a per-record test for plain, anchored, looking-around and case-sensitive patterns', () => {
    assertSameAsPerRecord(store, view, [
      '/Needle/', '/needle/', '/needle/i', '/NEEDLE/i', '/"n":4\\d{3},/', '/\\bhay\\b/', '/(\\w)\\1/', '/x*/', '/word":"[A-Z]/',
      '/^even/', '/^Odd$/', '/\\}$/', '/^line/m', '/two Needle$/', '/(?<="n":)1/', '/hay(?!")/', '/(?<!e)dle/',
      '/é/', '/É/i', '/zoë/i', '/i̇stanbul/', '/\\p{Lu}c/u', '/one.*two/s', '/one.two/', '/[^"]{40}/', '/nul\\u0000inside/',
      '/\\s\\s/', '/\\S+ \\S+/', '/.*Needle/', '/7,"word/',
    ].map((text) => ({ text })));
  });

  it('never matches across two records', () => {
    const two = [event('a', 'first ends here'), event('b', 'second starts')];
    const { view: v } = viewOf(two);
    for (const text of ['/here\\nb/', '/here[\\s\\S]b/', '/here.b/s', '/here[^x]*second/', '/ends here\\W+b/', 'here\nb']) {
      assert.ok(v.setQuery({ text }, Infinity).ok, text);
      assert.deepEqual(seqsOf(v), [], text);
    }
    assert.ok(v.setQuery({ text: '/here$/' }, Infinity).ok);
    assert.deepEqual(seqsOf(v), [two[0]!.seq], 'the end of the first record is an end');
    assert.ok(v.setQuery({ text: '/^second/' }, Infinity).ok);
    assert.deepEqual(seqsOf(v), [two[1]!.seq], 'the start of the second record is a start');
  });

  it('matches a field on its own: ^ and $ are the start and end of the data, the type or the id', () => {
    const fields = [
      event('message', '{"n":1}', '7'), event('message', '[DONE]'), event('ab', 'cd'), event('a', 'a'), event('done', 'x\u0000y', 'id\u0000'),
      event('message', ''), event('x', 'not [DONE] here'),
    ];
    const { store: s, view: v } = viewOf([...fields, ...mixedRecords().slice(0, 5000)]);
    const seqs = (text: string): number[] => {
      assert.ok(v.setQuery({ text }, Infinity).ok, text);
      return seqsOf(v).filter((q) => q <= fields[fields.length - 1]!.seq);
    };
    assert.deepEqual(seqs('/^\\{/'), [fields[0]!.seq], 'the data starts with {');
    assert.deepEqual(seqs('/^\\[DONE\\]$/'), [fields[1]!.seq], 'the whole data');
    assert.deepEqual(seqs('/^7$/'), [fields[0]!.seq], 'the whole id');
    assert.deepEqual(seqs('/^ab$/'), [fields[2]!.seq], 'the whole type');
    assert.deepEqual(seqs('/b\\u0000*c/'), [], 'no match across the type and the data');
    assert.deepEqual(seqs('/\\B/').includes(fields[3]!.seq), false, 'nor between the separators of an absent id');
    assert.deepEqual(seqs('/x\\u0000y/'), [fields[4]!.seq], 'U+0000 inside the data is the data\'s own');
    assert.deepEqual(seqs('/^$/'), [fields[5]!.seq], 'empty data');
    assertSameAsPerRecord(s, v, ['/^\\{/', '/\\}$/', '/^even$/', '/^\\d+$/', '/^[0-9]+7$/', '/^\\[DONE\\]$/', '/^$/', '/\\u0000/', '/e\\u0000/', '/x*/', '/\\B/', '/d\\u0000*c/',
      '/ne\\b/', '/^line/m', '/one$/m', '/.\\u0000./', '/Needle"}$/', '/^\\S+$/'].map((text) => ({ text })));
  });

  it('searches without a leading repeat, with the answers of the pattern as written', () => {
    const lines: StreamRecord[] = [];
    for (let i = 0; i < 300; i++) lines.push(event(i % 3 ? 'message' : 'zeta', JSON.stringify({ i, pad: 'y'.repeat(i % 50), tail: i % 7 ? 'q' : 'yyyz' }), String(i)));
    const { store, view } = viewOf(lines);
    for (const source of ['.*z', '\\w+z', '[^"]*"tail', '.*?y{3}', 'y{2,}z', '\\d+,', 'x*', '.*$', '\\s*\\{', 'y+z|q"', '.+', '[]*z', '.*(?<=y)z', '[^\\]]*zeta', 'a|.*"q|b', '(y*)\\1z']) {
      assert.ok(view.setQuery({ text: `/${source}/` }, Infinity).ok, source);
      const asWritten = new RegExp(source);
      assert.deepEqual(seqsOf(view), store.all().filter((r) => matchesRegex(r, asWritten)).map((r) => r.seq), source);
    }
    for (const [source, form] of [['.*z', 'z'], ['\\w+z', '\\wz'], ['[^"]*x', 'x'], ['a{3,}?b', 'a{3}b'], ['\\s*\\S+x', '\\Sx'], ['x*', '(?:)'], ['y+z|.*q', 'yz|q']] as const) {
      assert.equal(searchFormOf(new RegExp(source)).source, form, source);
    }
    for (const source of ['^.*x', '(.*)x', '\\b.*x', 'ab*c', '(?:a|.*b)']) assert.equal(searchFormOf(new RegExp(source)).source, source, source);
  });

  it('is not quadratic on long lines for a pattern that starts with a repeat (/.*z/ took 6 s over 2000 events of 1 KB)', () => {
    const long: StreamRecord[] = [];
    for (let i = 0; i < 2000; i++) long.push(event('message', JSON.stringify({ i, pad: 'y'.repeat(1000), tail: i % 7 ? 'q' : 'yz' })));
    const { view } = viewOf(long);
    const expected = long.filter((_, i) => i % 7 === 0).map((r) => r.seq);
    for (const source of ['.*z', '\\w+z', '[^"]*z', 'y*z|x+z']) {
      const started = performance.now();
      assert.ok(view.setQuery({ text: `/${source}/` }, Infinity).ok, source);
      const elapsed = performance.now() - started;
      assert.deepEqual(seqsOf(view), expected, source);
      assert.ok(elapsed < 1000, `${source} took ${elapsed.toFixed(0)} ms`);
    }
  });

  it('combines with kind and type chips, and follows new records in the open chunk', () => {
    assertSameAsPerRecord(store, view, [{ text: '/Needle/', types: ['Odd'] }, { text: '/ /', kinds: ['comment'] }, { text: 'needle', kinds: ['event'], types: ['even'] }]);
    const live = new RecordStore(1_000_000);
    const liveView = new RecordView(live);
    liveView.setQuery({ text: '/Needle\\b/' }, Infinity);
    for (const r of mixedRecords().slice(0, 5000)) {
      live.push(r);
      if (r.seq % 97 === 0) liveView.sync(Infinity);
    }
    liveView.sync(Infinity);
    assert.deepEqual(seqsOf(liveView), expectedSeqs(live, { text: '/Needle\\b/' }));
  });

  it('tells which patterns may run over the joined text', () => {
    for (const source of ['Needle', 'user-4[0-9]"', '\\d+\\.\\d*', '\\bword\\b', '(a|b)+c', '[a-z_]+', '\\x41\\u0042', '\\.\\/', '(?<name>x)\\k<name>', '.*x']) {
      assert.equal(runsWithinRecords(new RegExp(source)), true, source);
    }
    for (const source of ['^x', 'x$', '(?=x)', '(?!x)', '(?<=x)', '(?<!x)', '[^x]*', '\\s+', '\\S', '\\D', '\\W', '\\n', '\\x0a', '\\u000A', '[\\t-z]', '[\\x00-\\x7f]', '[\\s]', '\\1', '\\cJ', '\\p{L}']) {
      assert.equal(runsWithinRecords(new RegExp(source, source.startsWith('\\p') ? 'u' : '')), false, source);
    }
    assert.equal(runsWithinRecords(/.*x/s), false, 'a dot with the s flag matches the separator');
  });
});

describe('filter engine: case-insensitive substring per chunk', () => {
  it('finds what lower-casing finds, in ASCII and non-ASCII chunks alike', () => {
    const records = mixedRecords();
    // K (Kelvin sign) lower-cases to an ASCII k; µ (micro sign) does not fold to μ (Greek mu).
    records.push(event('x', 'Temperature 300 \u212A'), event('y', 'size 5 \u00b5m'));
    // Σ lower-cases to ς at a word's end: a record ending in Σ is followed by the separator in the joined text.
    records.push(event('ΟΔΟΣ', 'ΟΔΟΣ'), event('z', 'ΟΔΟΣ ΚΑΙ'), event('ΣΑ', 'x'));
    const { store, view } = viewOf(records);
    assertSameAsPerRecord(store, view, ['needle', 'NEEDLE', 'école', 'zoë', 'i̇stanbul', 'istanbul', '300 k', 'μm', 'µm', 'odd', 'two needle', '.*', '[a]', 'line one 1', 'οδος', 'οδοσ', 'ς\u0000', 'σα\u0000', 'ος και'].map((text) => ({ text })));
  });
});

describe('filter engine: field filters', () => {
  const datas = [
    '{"user":7}', '{"user":7.0}', '{"user":7e0}', '{"user":"7"}', '{"user":" 7 "}', '{"user":70e-1}', '{"user":8}', '{"user":-0}',
    '{"\\u0075ser":7}', '{"us\\u0065r":"7"}', '{"user":{"id":7}}', '{"user":{"id":"7"}}', '{"user":[7]}', '{"user":null}', '{"user":true}',
    '{"user":false}', '{"user":"Seven"}', '{"other":7}', '{"user":7,"user":9}', '{"broken": json', '{"user": 7, broken', '  {"user":7}',
    'plain user 7', '[{"user":7}]', '{"user":2147483648}', '{"user":7.5}', '{"user":-2147483648}', '{"items":[{"name":"Ada"},{"name":"Bob"}]}', '{"a b":{"c":1}}', '{"__proto__":{"user":7}}',
    '{"user":{"id":7},"user":7}', '{"user":7,"user":{"id":7}}', '{"name":"USER-42"}', '{"name":"\\u212a"}', '{"name":"\u212a"}',
    '{"name":"x\u0000y"}', '{"name":"日本 User-4"}', '{"user":-0.0}', '{"user":1e2}', '{"user":12345678901234567890}', '{"user":134217728}',
  ];
  const records: StreamRecord[] = [comment('user 7'), ...datas.map((d, i) => event(i % 2 ? 'odd' : 'even', d))];

  it('answers like a per-record check for every operator, escaped keys, nested paths and number spellings', () => {
    const { store, view } = viewOf(records);
    assertSameAsPerRecord(store, view, [
      'data.user == 7', 'data.user == "7"', 'data.user != 7', 'data.user > 6.5', 'data.user <= 7', 'data.user >= "7"', 'data.user contains 7',
      'data.user contains "id"', 'data.user', 'data.user == null', 'data.user == true', 'data.user == seven', 'data.user.id == 7', 'data.user.id',
      'data.user[0] == 7', 'data[0].user == 7', 'data.items[1].name == "Bob"', 'data.items[1].name contains "o"', 'data["a b"].c == 1',
      'data.user == 0', 'data.__proto__.user == 7', 'data.other != 7', 'data.user > 2147483647', 'data.user < -2147483647', 'data.user == 7.5',
      'data.name contains "r-4"', 'data.name contains "k"', 'data.name contains "user-4"', 'data.name == "USER-42"', 'data.name contains "\\u0000"',
      'data.user == 100', 'data.user contains "e"', 'data.user == "100"', 'data.user contains 1e2', 'data.user > 134217727', 'data.user == -0',
      'data contains "user"', 'data', 'data != 7',
    ].map((text) => ({ text })));
  });

  it('finds keys escaped in the JSON text, as JSON.parse reads them', () => {
    const escaped = ['{"a\\/b":1}', '{"a\\"b":1}', '{"a\\\\b":1}', '{"a\\tb":1}', '{"a/b":2}', '{"x":1}', '{"broken": json'].map((d) => event('e', d));
    const { store, view } = viewOf(escaped);
    const cases: [string, number[]][] = [
      ['data["a/b"] == 1', [0]], ['data["a\\"b"] == 1', [1]], ['data["a\\\\b"] == 1', [2]], ['data["a\\tb"] == 1', [3]],
      ['data["a/b"] != 2', [0, 1, 2, 3, 5]], ['data["a/b"]', [0, 4]], ['data.zzz != 1', [0, 1, 2, 3, 4, 5]],
    ];
    for (const [text, expected] of cases) {
      assert.ok(view.setQuery({ text }, Infinity).ok, text);
      assert.deepEqual(seqsOf(view), expected.map((k) => escaped[k]!.seq), text);
      assertSameAsPerRecord(store, view, [{ text }]);
    }
  });

  it('compares a string with a number only when the string is a JSON number', () => {
    const values = ['"7"', '" 7 "', '"0x10"', '"007"', '"1e3"', '"-7.5"', '"Infinity"', '""', '16', '7'].map((v) => event('n', `{"n":${v}}`));
    const { store, view } = viewOf(values);
    const cases: [string, number[]][] = [
      ['data.n == 7', [0, 9]], ['data.n == 16', [8]], ['data.n == 1000', [4]], ['data.n < 0', [5]], ['data.n > 5', [0, 4, 8, 9]], ['data.n != 7', [1, 2, 3, 4, 5, 6, 7, 8]],
    ];
    for (const [text, expected] of cases) {
      assert.ok(view.setQuery({ text }, Infinity).ok, text);
      assert.deepEqual(seqsOf(view), expected.map((k) => values[k]!.seq), text);
      assertSameAsPerRecord(store, view, [{ text }]);
    }
  });

  it('contains searches for the value as typed, even when it reads as a number', () => {
    const versions = ['{"ver":"1.10"}', '{"ver":"1.1"}', '{"ver":"v007"}', '{"ver":"7"}', '{"ver":"1e3"}', '{"ver":"1000"}'].map((d) => event('v', d));
    const { store, view } = viewOf(versions);
    const ver = (seq: number): string => (JSON.parse((store.all().find((r) => r.seq === seq) as { data: string }).data) as { ver: string }).ver;
    for (const [text, expected] of [['data.ver contains 1.10', ['1.10']], ['data.ver contains 007', ['v007']], ['data.ver contains 1e3', ['1e3']]] as const) {
      const result = view.setQuery({ text }, Infinity);
      assert.ok(result.ok, text);
      assert.deepEqual(seqsOf(view).map(ver), expected, text);
      assertSameAsPerRecord(store, view, [{ text }]);
    }
  });

  it('reuses a path\'s values when the operator or value changes, and keeps up with new and dropped records', () => {
    const store = new RecordStore(5000);
    const view = new RecordView(store);
    const many: StreamRecord[] = [];
    for (let i = 0; i < 9000; i++) many.push(event('tick', i % 7 === 0 ? `{"user":{"id":${i % 50}}}` : `{"user":${i % 50},"name":"u${i}"}`));
    for (const r of many.slice(0, 6000)) store.push(r);
    view.sync();
    const queries = ['data.user == 7', 'data.user > 40', 'data.user.id == 7', 'data.name contains "u1"', 'data.user != 7', 'data.user.id'].map((text) => ({ text }));
    for (const query of queries) assertSameAsPerRecord(store, view, [query]); // three paths: the oldest column is dropped and made again
    view.setQuery({ text: 'data.user < 3' }, Infinity);
    for (const r of many.slice(6000)) {
      store.push(r);
      if (r.seq % 101 === 0) view.sync(Infinity);
    }
    view.sync(Infinity);
    const expected = expectedSeqs(store, { text: 'data.user < 3' });
    const retained = new Set(expected);
    assert.deepEqual(seqsOf(view).filter((s) => retained.has(s)), expected);
    assert.deepEqual(seqsOf(view), expected, 'matches of dropped records are forgotten');
  });
});

describe('filter engine: very large events', () => {
  it('a chunk of 4096 events of 140 KB each (more text than one string can hold) is indexed and searched', () => {
    const big = 'x'.repeat(140 * 1024); // one shared string: the records cost no memory of their own
    const records: StreamRecord[] = [];
    for (let i = 0; i < 4096; i++) records.push(event('snapshot', i === 4000 ? `${big}needle` : big));
    const { store, view } = viewOf(records, 10_000);
    store.push(event('small', 'needle too'));
    view.sync();
    const result = view.setQuery({ text: 'needle' }, Infinity);
    assert.ok(result.ok);
    assert.deepEqual(seqsOf(view), expectedSeqs(store, { text: 'needle' }));
    assert.equal(seqsOf(view).length, 2);
    assert.ok(view.setQuery({}, Infinity).ok, 'and the filter can be cleared');
  });
});

describe('filter engine: the JSON path index against the per-record check, on random data', () => {
  // Each seed: random events (JSON, broken JSON, text, data past the index's bounds), then random field filters
  // over the whole store (chunk text) and while new records arrive a few at a time (the records themselves). A
  // third of the seeds keep to ASCII and a third avoid İ, so chunks of each case-folding kind are searched.
  const charsets = [{ name: 'ASCII', allows: (d: string) => /^[\x00-\x7f]*$/.test(d) }, { name: 'no İ', allows: (d: string) => !d.includes('İ') }, { name: 'any', allows: () => true }];
  for (let seed = 1; seed <= 24; seed++) {
    const charset = charsets[seed % 3]!;
    it(`seed ${seed} (${charset.name})`, () => {
      const random = seededRandom(seed);
      const randomData = (): string => {
        for (;;) {
          const data = randomEventData(random);
          if (charset.allows(data)) return data;
        }
      };
      const records: StreamRecord[] = [];
      for (let i = 0; i < 700; i++) records.push(random() < 0.03 ? comment('{"user":7}') : event(random() < 0.5 ? 'a' : 'b', randomData()));
      const store = new RecordStore(1_000_000);
      const view = new RecordView(store);
      for (const r of records.slice(0, 600)) store.push(r);
      view.sync();
      const filters: string[] = [];
      while (filters.length < 60) {
        const text = randomFieldFilter(random);
        if (compileQuery({ text }).ok) filters.push(text);
      }
      for (const text of filters) assertSameAsPerRecord(store, view, [{ text }]);
      const live = filters[Math.floor(random() * filters.length)]!;
      view.setQuery({ text: live }, Infinity);
      for (let i = 600; i < records.length; i += 7) {
        for (const r of records.slice(i, i + 7)) store.push(r);
        view.sync(Infinity);
      }
      assert.deepEqual(seqsOf(view), expectedSeqs(store, { text: live }), `${live} while records arrive`);
    });
  }

  it('keeps answering once the trie is full: paths first seen after it are checked record by record', () => {
    const records: StreamRecord[] = [];
    for (let i = 0; i < 400; i++) records.push(event('t', `{"k${i}":${i % 9},"user":${i % 5}}`));
    const { store, view } = viewOf(records);
    assertSameAsPerRecord(store, view, ['data.k10 == 1', 'data.k300 == 3', 'data.k399', 'data.user == 2', 'data.k300 != 3'].map((text) => ({ text })));
  });
});

describe('filter engine: sealed chunks share the events\' data with the store', () => {
  it('events keep equal data (only an equal string replaces it), other records and unequal strings are left alone', () => {
    const store = new RecordStore(10_000);
    const datas: string[] = [];
    for (let i = 0; i < 5000; i++) {
      const data = i % 7 === 0 ? `{"n":${i},"s":"héllo wörld ${'x'.repeat(i % 50)}"}` : `{"n":${i},"p":"${'y'.repeat(i % 90)}"}`;
      datas.push(data);
      store.push(i % 11 === 0 ? comment(`c${i}`) : event('message', data));
    }
    const view = new RecordView(store);
    view.sync(Number.POSITIVE_INFINITY); // 4096 records fill and seal the first chunk
    for (let p = 0; p < 5000; p++) {
      const r = store.at(p)!;
      if (p % 11 === 0) assert.equal(r.kind, 'comment');
      else assert.equal(r.kind === 'event' && r.data, datas[p]);
    }
    store.shareEventData(1, 'not the same data');
    assert.equal((store.at(1) as { data: string }).data, datas[1]);
    assert.equal(view.setQuery({ text: 'data.n == 4095' }, Number.POSITIVE_INFINITY).ok && view.size, 1);
  });
});
