import * as assert from 'node:assert/strict';
import { appendProfile, duplicateProfile, ProfileEditError, removeProfile, renameProfile, uniqueProfileName, validateNewName } from '../../../src/core/profiles/profileList';

const LIST: unknown[] = [{ name: 'api', url: 'http://127.0.0.1/a', extra: { kept: true } }, 'junk', { name: 'feed', url: 'http://127.0.0.1/f' }];

describe('profiles: editing the list as written', () => {
  it('picks the next free name', () => {
    assert.equal(uniqueProfileName(LIST, 'new'), 'new');
    assert.equal(uniqueProfileName([...LIST, { name: 'api (2)' }], 'api'), 'api (3)');
    assert.equal(uniqueProfileName([...LIST, { name: 'api (2)' }], 'api (2)'), 'api (3)');
  });

  it('duplicates right after the original, keeping every field, and leaves the input alone', () => {
    const out = duplicateProfile(LIST, 0, 'api');
    assert.deepEqual(out[1], { name: 'api (2)', url: 'http://127.0.0.1/a', extra: { kept: true } });
    assert.equal(out.length, 4);
    (out[1] as { extra: { kept: boolean } }).extra.kept = false;
    assert.deepEqual((LIST[0] as { extra: unknown }).extra, { kept: true }, 'a deep copy');
  });

  it('renames, refusing a taken or empty name', () => {
    assert.deepEqual(renameProfile(LIST, 2, 'feed', ' stream ')[2], { name: 'stream', url: 'http://127.0.0.1/f' });
    assert.throws(() => renameProfile(LIST, 2, 'feed', 'api'), /already exists/);
    assert.equal(validateNewName(LIST, ''), 'A profile needs a name');
    assert.equal(validateNewName(LIST, 'feed', 2), undefined, 'keeping its own name is fine');
  });

  it('removes and appends', () => {
    assert.deepEqual(removeProfile(LIST, 1, undefined), [LIST[0], LIST[2]]);
    assert.equal(appendProfile(LIST, { name: 'x', url: 'http://127.0.0.1/' }).length, 4);
    assert.throws(() => appendProfile(LIST, { name: 'api', url: 'http://127.0.0.1/' }), ProfileEditError);
  });

  it('refuses to edit when the list changed since it was shown', () => {
    assert.throws(() => removeProfile(LIST, 0, 'feed'), /changed since it was shown \("feed" moved or is gone\)/);
    assert.throws(() => duplicateProfile(LIST, 7, 'api'), ProfileEditError);
  });
});
