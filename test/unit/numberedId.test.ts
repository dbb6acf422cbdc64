import * as assert from 'node:assert/strict';
import { parseNumberedId } from '../../src/core/resume/idOrder';
import { seededRandom } from '../helpers/chunking';

/** The definition parseNumberedId implements by hand. */
function byRegex(id: string): { prefix: string; n: number } | null {
  const m = /^(.*?)(\d{1,15})$/.exec(id);
  return m ? { prefix: m[1]!, n: Number(m[2]) } : null;
}

describe('numbered ids', () => {
  it('splits a trailing number of at most 15 digits from its prefix', () => {
    assert.deepEqual(parseNumberedId('evt-12'), { prefix: 'evt-', n: 12 });
    assert.deepEqual(parseNumberedId('007'), { prefix: '', n: 7 });
    assert.deepEqual(parseNumberedId('1234567890123456789'), { prefix: '1234', n: 567890123456789 });
    assert.equal(parseNumberedId('abc'), null);
    assert.equal(parseNumberedId(''), null);
    assert.equal(parseNumberedId('a\u20281'), null);
  });

  it('agrees with /^(.*?)(\\d{1,15})$/ on random ids', () => {
    const random = seededRandom(42);
    const alphabet = ['0', '1', '5', '9', 'a', '-', ':', ' ', '\u2028', '\r', '٣', 'é'];
    for (let i = 0; i < 5000; i++) {
      let id = '';
      const length = Math.floor(random() * 24);
      for (let j = 0; j < length; j++) id += random() < 0.6 ? String(Math.floor(random() * 10)) : alphabet[Math.floor(random() * alphabet.length)];
      assert.deepEqual(parseNumberedId(id), byRegex(id), JSON.stringify(id));
    }
  });
});
