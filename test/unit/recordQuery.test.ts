import * as assert from 'node:assert/strict';
import { filterHint, parseFilterText } from '../../src/core/query/filterSyntax';
import { RecordView, findPositionBySeq } from '../../src/core/query/recordView';
import { RecordStore } from '../../src/core/recordStore';
import type { StreamRecord } from '../../src/core/records';
import { comment, event, lifecycle, seqsOf, viewOf } from '../helpers/recordViews';

describe('query engine: filter syntax', () => {
  it('reads plain text as a case-insensitive substring', () => {
    assert.deepEqual(parseFilterText('  Hello World '), { ok: true, filter: { kind: 'substring', needle: 'hello world' } });
  });

  it('reads /pattern/flags as a regex and reports a broken one inline', () => {
    const ok = parseFilterText('/^a+b$/i');
    assert.ok(ok.ok && ok.filter.kind === 'regex' && ok.filter.regex.flags === 'i');
    const bad = parseFilterText('/(unclosed/');
    assert.equal(bad.ok, false);
    assert.match(!bad.ok ? bad.error : '', /^Regular expression: .*(Unterminated group|unterminated)/i);
  });

  it('treats paths such as /api/events as text, not a regex', () => {
    assert.deepEqual(parseFilterText('/api/events'), { ok: true, filter: { kind: 'substring', needle: '/api/events' } });
    assert.deepEqual(parseFilterText('/ticker'), { ok: true, filter: { kind: 'substring', needle: '/ticker' } });
  });

  it('reads field filters and explains what is wrong with a bad one', () => {
    const ok = parseFilterText('data.user.id == 7');
    assert.deepEqual(ok, { ok: true, filter: { kind: 'field', field: { path: ['user', 'id'], op: '==', value: 7 } } });
    assert.deepEqual(parseFilterText('data.items[2]["a b"] contains "X"'), { ok: true, filter: { kind: 'field', field: { path: ['items', 2, 'a b'], op: 'contains', value: 'x' } } });
    assert.deepEqual(parseFilterText('data.done'), { ok: true, filter: { kind: 'field', field: { path: ['done'], op: 'exists' } } });
    for (const [input, message] of [['data.user.id ==', /missing a value after ==/], ['data.user.id = 7', /expected an operator/], ['data.', /field name after "\."/], ['data.a > true', /compares numbers or text/]] as const) {
      const r = parseFilterText(input);
      assert.equal(r.ok, false, input);
      assert.match(!r.ok ? r.error : '', message, input);
    }
    assert.deepEqual(parseFilterText('database'), { ok: true, filter: { kind: 'substring', needle: 'database' } });
    const joined = parseFilterText('data.price > 100 && data.size > 100');
    assert.equal(joined.ok, false);
    assert.match(!joined.ok ? joined.error : '', /one comparison at a time \(no && or \|\|\)/);
  });

  it('reads "||", "&&" and "and data" inside a quoted value as text, and refuses them outside one', () => {
    for (const [input, value] of [['data.n == "x || y"', 'x || y'], ['data.n contains "||"', '||'], ['data.n == "x and data"', 'x and data'], ["data.n == 'a && b'", 'a && b'], ["data.n == 'it\\'s'", "it's"]] as const) {
      const r = parseFilterText(input);
      assert.ok(r.ok && r.filter.kind === 'field' && r.filter.field.value === value, input);
    }
    for (const input of ['data.n == "x" || data.m == 1', 'data.n == "a" || "b"', "data.n == 'a' || 'b'", 'data.n == 1 and data.m == 2', 'data.n contains ||']) {
      const r = parseFilterText(input);
      assert.match(!r.ok ? r.error : '', /one comparison at a time/, input);
    }
  });

  it('searches for the word "data" typed alone; data.x is a field filter', () => {
    assert.deepEqual(parseFilterText('data'), { ok: true, filter: { kind: 'substring', needle: 'data' } });
    assert.deepEqual(parseFilterText(' DATA '), { ok: true, filter: { kind: 'substring', needle: 'data' } });
    assert.deepEqual(parseFilterText('data.x'), { ok: true, filter: { kind: 'field', field: { path: ['x'], op: 'exists' } } });
    assert.deepEqual(parseFilterText('data[0]'), { ok: true, filter: { kind: 'field', field: { path: [0], op: 'exists' } } });
  });

  it('refuses a regex that can backtrack exponentially, naming the part, and accepts ordinary ones', () => {
    for (const [source, part] of [
      ['/(a+)+$/', '(a+)+'], ['/(\\w+)*\\d/', '(\\w+)*'], ['/(a|aa)+!x/', '(a|aa)+'], ['/(a*)*b/', '(a*)*'], ['/(\\d+,?)+$/', '(\\d+,?)+'], ['/(a?a)+$/', '(a?a)+'],
      ['/(\\w|\\d)+$/', '(\\w|\\d)+'], ['/(?:a|A)+$/i', '(?:a|A)+'], ['/(x+x+)+y/', '(x+x+)+'], ['/(a+){2,}x/', '(a+){2,}'], ['/^(?=(a+)+b)/', '(a+)+'], ['/(\\s*\\w+\\s*)+$/', '(\\s*\\w+\\s*)+'],
      ['/(.*,)*x/', '(.*,)*'], ['/"(?:[^"\\\\]|\\\\.|\\w)*"$/', '(?:[^"\\\\]|\\\\.|\\w)*'],
    ] as const) {
      const r = parseFilterText(source);
      assert.equal(r.ok, false, source);
      assert.ok(!r.ok && r.error.startsWith(`Regular expression: ${part} can match the same text in many ways`), `${source}: ${!r.ok ? r.error : ''}`);
    }
    for (const source of ['/user-4[0-9]/', '/^data/', '/\\d+/', '/(ab)+/', '/(?:x|y)*/', '/(\\d+\\.){3}\\d+/', '/([a-z]+\\.)+[a-z]+/', '/(ab|ac)+/', '/^\\[DONE\\]$/',
      '/.*Needle/s', '/"(?:[^"\\\\]|\\\\.)*"/', '/\\w+@\\w+\\.\\w+/', '/(\\w)\\1/', '/(ab?)+/', '/a{1,1000}/', '/\\p{Lu}+/u', '/[\\s\\S]*x/']) {
      const r = parseFilterText(source);
      assert.ok(r.ok && r.filter.kind === 'regex', `${source}: ${!r.ok ? r.error : ''}`);
    }
  });

  it('never runs a refused regex: the view keeps its filter and answers at once', () => {
    const near = Array.from({ length: 10 }, (_, i) => event('message', `{"token":"${'a'.repeat(24 + (i % 3))}!"}`));
    const { view } = viewOf(near);
    assert.ok(view.setQuery({ text: 'token' }).ok);
    const generation = view.generation;
    for (const text of ['/(a+)+$/', '/(\\w+)*\\d/', '/(a|aa)+!x/']) {
      const started = performance.now();
      const result = view.setQuery({ text }, 50);
      const elapsed = performance.now() - started;
      assert.equal(result.ok, false, text);
      assert.match(!result.ok ? result.error : '', /exponential time/, text);
      assert.ok(elapsed < 200, `${text} answered in ${elapsed.toFixed(0)} ms`); // run, each took 4–6 s over these records
      assert.equal(view.generation, generation, 'the previous filter stays');
      assert.equal(view.size, near.length);
    }
  });

  it('hints when text searched as text looks meant as a regex or a field filter, and only then', () => {
    assert.match(filterHint('/umbr') ?? '', /a regular expression ends with a slash: \/umbr\//);
    assert.match(filterHint('/umbr/z') ?? '', /"z" is not a regular expression flag/);
    assert.deepEqual(parseFilterText('/umbr/z'), { ok: true, filter: { kind: 'substring', needle: '/umbr/z' } }, 'still searched as text');
    assert.match(filterHint('price > 100') ?? '', /a field filter starts at data: data\.price > 100$/);
    assert.match(filterHint('user.id == 7') ?? '', /data\.user\.id == 7$/);
    for (const quiet of ['/api/events', '/umbr/i', 'data.price > 100', 'hello world', 'database', '', 'a=b']) {
      assert.equal(filterHint(quiet), undefined, quiet);
    }
  });
});

describe('query engine: RecordView over a RecordStore', () => {
  const records = [
    lifecycle('open', 'HTTP 200 OK'),
    event('trade', '{"user":{"id":7},"price":101.5}', '1'),
    event('quote', '{"user":{"id":"7"},"price":99}', '2'),
    comment(' heartbeat'),
    event('trade', '{"user":{"id":8},"price":120}', '3'),
    event('message', 'plain TEXT with Trade inside', '4'),
    event('message', '{"broken": json', '5'),
    lifecycle('error', 'socket hang up'),
  ];

  it('shows everything without a query, and the positions of the store', () => {
    const { view, store } = viewOf(records);
    assert.deepEqual(view.range(), { first: store.firstPosition, end: store.endPosition });
    assert.equal(view.size, records.length);
  });

  it('filters by kind group, by event type, by text, by regex and by field, and combines them', () => {
    const { view } = viewOf(records);
    const s = (r: StreamRecord): number => r.seq;
    const cases: Array<[Parameters<RecordView['setQuery']>[0], number[]]> = [
      [{ kinds: ['comment'] }, [s(records[3]!)]],
      [{ kinds: ['lifecycle'] }, [s(records[0]!), s(records[7]!)]],
      [{ kinds: ['event'], types: ['trade'] }, [s(records[1]!), s(records[4]!)]],
      [{ text: 'trade' }, [s(records[1]!), s(records[4]!), s(records[5]!)]],
      [{ text: '/^\\{"user"/' }, [s(records[1]!), s(records[2]!), s(records[4]!)]], // ^ is the start of the data
      [{ text: '/^trade$/' }, [s(records[1]!), s(records[4]!)]], // …or of the type
      [{ text: '/^[34]$/' }, [s(records[4]!), s(records[5]!)]], // …or of the id
      [{ text: '/"price":1\\d\\d/' }, [s(records[1]!), s(records[4]!)]],
      [{ text: 'data.user.id == 7' }, [s(records[1]!), s(records[2]!)]],
      [{ text: 'data.price > 100' }, [s(records[1]!), s(records[4]!)]],
      [{ text: 'data.price > 100', types: ['quote'] }, []],
      [{ text: 'HANG UP' }, [s(records[7]!)]],
      [{}, records.map(s)],
    ];
    for (const [query, expected] of cases) {
      const result = view.setQuery(query, Infinity);
      assert.ok(result.ok, JSON.stringify(query));
      assert.deepEqual(seqsOf(view), expected, JSON.stringify(query));
      assert.equal(result.ok && result.matched, expected.length);
    }
  });

  it('keeps the previous query when the new one does not compile', () => {
    const { view } = viewOf(records);
    assert.ok(view.setQuery({ kinds: ['comment'] }).ok);
    const generation = view.generation;
    const bad = view.setQuery({ text: '/[/' });
    assert.equal(bad.ok, false);
    assert.equal(view.generation, generation);
    assert.equal(view.size, 1);
  });

  it('follows appends and drops under a filter, keeping view positions stable', () => {
    const store = new RecordStore(10);
    const view = new RecordView(store);
    view.setQuery({ text: 'keep' });
    const kept: number[] = [];
    for (let i = 0; i < 40; i++) {
      const r = event('message', i % 3 === 0 ? `keep ${i}` : `skip ${i}`);
      store.push(r);
      if (i % 3 === 0) kept.push(r.seq);
      view.sync();
    }
    const retained = new Set(store.all().map((r) => r.seq));
    assert.deepEqual(seqsOf(view), kept.filter((q) => retained.has(q)));
    const { first, end } = view.range();
    assert.equal(end, kept.length, 'view positions count every match since the filter was set');
    assert.equal(end - first, kept.filter((q) => retained.has(q)).length);
  });

  it('matches across sealed chunks exactly as a per-record check does (10 000 records, chunk seams included)', () => {
    const many: StreamRecord[] = [];
    for (let i = 0; i < 10_000; i++) many.push(i % 7 === 0 ? comment(` beat ${i}`) : event(i % 2 ? 'odd' : 'even', `{"n":${i},"word":"${i % 5 === 0 ? 'Needle' : 'hay'}"}`, String(i)));
    const { view } = viewOf(many);
    for (const query of [{ text: 'needle' }, { text: 'eedle"}' }, { text: 'beat 4' }, { text: 'odd' }, { types: ['odd'], text: 'needle' }, { text: 'data.n >= 9990' }]) {
      assert.ok(view.setQuery(query, Infinity).ok);
      const needle = (query.text ?? '').toLowerCase();
      const expected = many.filter((r) => {
        if (query.types && r.kind === 'event' && !query.types.includes(r.type)) return false;
        if (needle.startsWith('data.n')) return r.kind === 'event' && (JSON.parse(r.data) as { n: number }).n >= 9990;
        const text = r.kind === 'event' ? `${r.type}\u0000${r.id}\u0000${r.data}` : r.kind === 'comment' ? r.text : '';
        return text.toLowerCase().includes(needle);
      }).map((r) => r.seq);
      assert.deepEqual(seqsOf(view), expected, JSON.stringify(query));
    }
  });

  it('scans a slow filter in slices when the budget runs out, and ends with the same answer', () => {
    const many: StreamRecord[] = [];
    for (let i = 0; i < 30_000; i++) many.push(event('message', `{"n":${i}}`));
    const { view } = viewOf(many);
    const first = view.setQuery({ text: 'data.n < 100000' }, 0);
    assert.ok(first.ok && !first.complete && first.matched < many.length, 'a zero budget leaves work for later');
    let rounds = 0;
    while (!view.continueScan(0) && rounds < 100) rounds++;
    assert.ok(!view.scanning);
    assert.deepEqual(seqsOf(view), many.map((r) => r.seq));
  });

  it('finds a record by seq and its row in the view', () => {
    const { view, store } = viewOf(records);
    const target = records[4]!;
    assert.equal(store.at(findPositionBySeq(store, target.seq)!)?.seq, target.seq);
    view.setQuery({ types: ['trade'], kinds: ['event'] });
    const v = view.viewPositionOfSeq(target.seq);
    assert.equal(v, 1);
    assert.equal(view.viewPositionOfSeq(records[3]!.seq), undefined, 'a comment is not in this view');
  });
});
