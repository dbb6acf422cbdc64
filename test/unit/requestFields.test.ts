import * as assert from 'node:assert/strict';
import { jsonProblem, methodTakesBody, parseHeaderLine, parseMethod, setHeader } from '../../src/commands/requestFields';

describe('Connect command request fields (method, headers, body)', () => {
  it('a method is an RFC 9110 token, upper-cased', () => {
    assert.equal(parseMethod(' post '), 'POST');
    assert.equal(parseMethod('M-SEARCH'), 'M-SEARCH');
    assert.match((parseMethod('GET /x') as { error: string }).error, /not an HTTP method/);
    assert.match((parseMethod('') as { error: string }).error, /Enter a method/);
    assert.equal(methodTakesBody('GET'), false);
    assert.equal(methodTakesBody('POST'), true);
  });

  it('a header line is "Name: value"; bad names and line breaks are refused', () => {
    assert.deepEqual(parseHeaderLine('Authorization: Bearer a:b'), { name: 'Authorization', value: 'Bearer a:b' });
    assert.deepEqual(parseHeaderLine('X-Empty:'), { name: 'X-Empty', value: '' });
    assert.match((parseHeaderLine('no colon') as { error: string }).error, /Name: value/);
    assert.match((parseHeaderLine('Bad Name: x') as { error: string }).error, /not a valid header name/);
    assert.match((parseHeaderLine('X: a\r\nInjected: 1') as { error: string }).error, /line breaks/);
  });

  it('setHeader replaces a header whatever its letter case', () => {
    assert.deepEqual(setHeader({ accept: 'a', 'X-A': '1' }, 'Accept', 'b'), { 'X-A': '1', Accept: 'b' });
  });

  it('JSON bodies are checked before sending', () => {
    assert.equal(jsonProblem('{"a": [1, 2]}'), null);
    assert.match(jsonProblem('{"a": ') ?? '', /Not valid JSON/);
  });
});
