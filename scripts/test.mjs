// The README's test command (`npm test`): type-check, build, unit + integration tests in plain Node, webview tests in
// headless Chromium, and the e2e test in a real VS Code (code-server). Ends with "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';

let passed = 0;
let failed = 0;
const failures = [];

function run(label, command, args, { parseMocha = false, env = {} } = {}) {
  console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: parseMocha ? ['ignore', 'pipe', 'inherit'] : 'inherit', env: { ...process.env, ...env }, encoding: 'utf8' });
  if (parseMocha) {
    process.stdout.write(result.stdout ?? '');
    const count = (word) => Number((result.stdout ?? '').match(new RegExp(`(\\d+) ${word}`))?.[1] ?? 0);
    const ok = count('passing');
    const bad = count('failing');
    const skipped = count('pending');
    passed += ok;
    failed += bad + skipped; // a skipped test is a defect here
    if (skipped) failures.push(`${label}: ${skipped} pending (skipped) tests`);
    if (result.status !== 0 && bad === 0) {
      failed += 1;
      failures.push(`${label}: exited ${result.status} before reporting failures`);
    } else if (bad) failures.push(`${label}: ${bad} failing`);
    if (ok + bad === 0 && result.status === 0) {
      failed += 1;
      failures.push(`${label}: ran no test`);
    }
    return;
  }
  if (result.status === 0) passed += 1;
  else {
    failed += 1;
    failures.push(`${label}: exited ${result.status}`);
  }
}

const npx = 'npx';
run('type-check (host, core, CLI, tests)', npx, ['tsc', '-p', '.', '--noEmit']);
run('type-check (webview)', npx, ['tsc', '-p', 'media/inspector', '--noEmit']);
run('build (bundles + tests)', 'node', ['esbuild.mjs', '--tests']);
rmSync('dist/stream-debugger.vsix', { force: true }); // never test a stale package
run('package (.vsix)', 'npm', ['run', '--silent', 'package']);
run('unit + integration (mocha, plain Node)', npx, ['mocha', '--reporter', 'spec'], { parseMocha: true });
if (existsSync('test/webview/.mocharc.json')) {
  run('webview (built bundle in headless Chromium)', npx, ['mocha', '--config', 'test/webview/.mocharc.json', '--reporter', 'spec'], { parseMocha: true });
}
if (process.env.SKIP_E2E === '1') {
  failed += 1;
  failures.push('e2e: SKIP_E2E=1 was set, so the real-VS-Code test did not run');
} else {
  run('e2e dependencies (chromium, code-server; installed once)', 'bash', ['scripts/ensure-e2e-deps.sh']);
  run('e2e (packaged extension in code-server + Chromium)', npx, ['mocha', '--config', 'test/e2e/.mocharc.json', '--reporter', 'spec'], { parseMocha: true });
}

console.log('');
if (failures.length) console.log(`Failures:\n- ${failures.join('\n- ')}\n`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
