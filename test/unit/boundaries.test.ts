import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('architecture boundaries', () => {
  it('nothing under src/core or src/shared imports vscode (they run in plain Node)', () => {
    const offenders = [...sources(path.join(ROOT, 'src/core')), ...sources(path.join(ROOT, 'src/shared'))]
      .filter((file) => /from ['"]vscode['"]|require\(['"]vscode['"]\)/.test(fs.readFileSync(file, 'utf8')));
    assert.deepEqual(offenders.map((f) => path.relative(ROOT, f)), []);
  });

  it('src/shared imports nothing from Node or the DOM-free core but types', () => {
    for (const file of sources(path.join(ROOT, 'src/shared'))) {
      const text = fs.readFileSync(file, 'utf8');
      assert.doesNotMatch(text, /from ['"]node:/, `${file} imports a Node module`);
      for (const m of text.matchAll(/^import (type )?.*from ['"](\.\.\/core\/[^'"]+)['"]/gm)) {
        assert.equal(m[1], 'type ', `${file} imports runtime code from ${m[2]}`);
      }
    }
  });

  it('every contributed command is registered, and every registered command is contributed', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { contributes: { commands: Array<{ command: string }> } };
    const contributed = manifest.contributes.commands.map((c) => c.command).sort();
    const ids = fs.readFileSync(path.join(ROOT, 'src/shared/ids.ts'), 'utf8');
    const commandBlock = /export const Commands = \{([\s\S]*?)\} as const/.exec(ids)?.[1] ?? '';
    const declared = [...commandBlock.matchAll(/'(streamDebugger\.[^']+)'/g)].map((m) => m[1]!).sort();
    assert.deepEqual(declared, contributed);
    const extension = sources(path.join(ROOT, 'src')).map((f) => fs.readFileSync(f, 'utf8')).join('\n');
    for (const key of [...commandBlock.matchAll(/(\w+): 'streamDebugger\./g)].map((m) => m[1])) {
      assert.match(extension, new RegExp(`registerCommand\\(Commands\\.${key}\\b`), `Commands.${key} is registered`);
    }
  });
});
