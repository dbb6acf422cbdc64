import * as assert from 'node:assert/strict';
import { locateProfileEntry, readProfilesFromSettingsText, SettingsFileError } from '../../../src/core/profiles/settingsText';

const SETTINGS = `{
  // comments and trailing commas, as VS Code allows
  "editor.fontSize": 14,
  "streamDebugger.profiles": [
    { "name": "first", "url": "http://127.0.0.1/1" },
    /* the second */
    {
      "name": "second",
      "url": "http://127.0.0.1/2",
    },
  ],
}`;

describe('profiles: settings.json text', () => {
  it('reads the profile list from JSON with comments and trailing commas', () => {
    assert.deepEqual(readProfilesFromSettingsText(SETTINGS), [{ name: 'first', url: 'http://127.0.0.1/1' }, { name: 'second', url: 'http://127.0.0.1/2' }]);
  });

  it('reads a .code-workspace file (settings nested under "settings")', () => {
    assert.deepEqual(readProfilesFromSettingsText('{"folders":[],"settings":{"streamDebugger.profiles":[{"name":"w"}]}}'), [{ name: 'w' }]);
    assert.equal(readProfilesFromSettingsText('{}'), undefined);
  });

  it('says where a broken file is broken', () => {
    assert.throws(() => readProfilesFromSettingsText('{\n"a": 1\n"b": 2}'), (err: Error) => err instanceof SettingsFileError && /line 3/.test(err.message));
  });

  it('locates an entry so the editor can select it', () => {
    const at = locateProfileEntry(SETTINGS, 1)!;
    const text = SETTINGS.slice(at.offset, at.offset + at.length);
    assert.match(text, /^\{\s*"name": "second"[\s\S]*\}$/);
    assert.equal(locateProfileEntry(SETTINGS, 5), undefined);
  });
});
