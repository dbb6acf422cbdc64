// Bundles: the extension host (node/cjs, `vscode` external), the inspector webview (browser), the CLI and the core
// scripting API (node), and, with --tests, every test file (node/cjs) into out/test.
// Flags: --watch (rebuild on change), --production (minified, no source maps), --tests.
import * as esbuild from 'esbuild';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const tests = process.argv.includes('--tests');

const common = { bundle: true, minify: production, sourcemap: !production, sourcesContent: false, logLevel: 'warning' };
const node = { ...common, platform: 'node', format: 'cjs', target: 'node20' };

/** Every *.test.ts (and helper) under test/, except the browser-side pages. */
function testEntries(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...testEntries(path));
    else if (name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

const configs = [
  { ...node, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...node, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js' },
  { ...node, entryPoints: ['src/core/index.ts'], outfile: 'dist/core.js' },
  { ...common, entryPoints: ['media/inspector/main.ts'], outfile: 'dist/webview.js', platform: 'browser', format: 'iife', target: 'es2022' },
];
if (tests) {
  rmSync('out/test', { recursive: true, force: true }); // a renamed or deleted test must not keep running from its old bundle
  configs.push({ ...node, sourcemap: true, entryPoints: testEntries('test'), outdir: 'out/test', outbase: 'test', external: ['mocha', 'playwright-core', 'vscode', 'esbuild'] });
}

const contexts = await Promise.all(configs.map((c) => esbuild.context(c)));
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('[esbuild] watching…');
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}
