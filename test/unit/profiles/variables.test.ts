import * as assert from 'node:assert/strict';
import { findVariables, MissingVariableError, substituteVariables, VariableSyntaxError, type VariableValues } from '../../../src/core/profiles/variables';

const values = (secrets: Record<string, string>, env: Record<string, string> = {}, demoServer?: string): VariableValues => ({
  secret: (n) => secrets[n],
  env: (n) => env[n],
  ...(demoServer ? { demoServer } : {}),
});

describe('profiles: ${secret:…}, ${env:…} and ${demoServer}', () => {
  it('finds references in order', () => {
    assert.deepEqual(findVariables('Bearer ${secret:tok} for ${env:USER} at ${demoServer}'), [
      { kind: 'secret', name: 'tok' }, { kind: 'env', name: 'USER' }, { kind: 'demoServer' },
    ]);
  });

  it('substitutes secrets, environment variables and the demo server', () => {
    const text = substituteVariables('${demoServer}/a?u=${env:USER_ID}&t=${secret:t.1}${secret:t.1}', values({ 't.1': 'S3' }, { USER_ID: '7' }, 'http://127.0.0.1:9'), 'url');
    assert.equal(text, 'http://127.0.0.1:9/a?u=7&t=S3S3');
  });

  it('leaves other ${…} text alone (templates in a body)', () => {
    assert.equal(substituteVariables('{"t":"${name}"} ${secret:a}', values({ a: 'x' }), 'body'), '{"t":"${name}"} x');
  });

  it('does not substitute inside a substituted value', () => {
    assert.equal(substituteVariables('${secret:a}', values({ a: '${env:HOME}' }, { HOME: '/root' }), 'body'), '${env:HOME}');
  });

  it('a missing value names the field and the variable', () => {
    assert.throws(() => substituteVariables('Bearer ${secret:api}', values({}), 'headers.Authorization'),
      (err: Error) => err instanceof MissingVariableError && /headers\.Authorization: secret "api" is not set/.test(err.message));
    assert.throws(() => substituteVariables('${env:NOPE}', values({}), 'url'), /url: environment variable NOPE is not set/);
    assert.throws(() => substituteVariables('${demoServer}/x', values({}), 'url'), /url: \$\{demoServer\}/);
  });

  it('rejects malformed names', () => {
    assert.throws(() => findVariables('${secret:}'), VariableSyntaxError);
    assert.throws(() => findVariables('${env:1X}'), VariableSyntaxError);
    assert.throws(() => findVariables('${secret:a b}'), VariableSyntaxError);
  });
});
