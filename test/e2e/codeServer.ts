import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

/** Where scripts/ensure-e2e-deps.sh installs code-server (outside the repo, reused between runs). */
export const CODE_SERVER_PREFIX = process.env.CODE_SERVER_PREFIX ?? path.join(os.homedir(), '.cache', 'stream-debugger', 'code-server-4.100.3');

/** A running code-server with the packaged extension installed. */
export interface CodeServer {
  url: string;
  workspace: string;
  runDir: string;
  /** Tail of the server and extension-host logs, for failure messages. */
  logs(): string;
  /** Stops code-server and removes its run directory, unless {@link keepRunDir} was called. */
  close(): Promise<void>;
  /** Keeps the run directory (logs, failure screenshots) after close, for a failed test. */
  keepRunDir(): void;
}

const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'workbench.enableExperiments': false,
  'chat.disableAIFeatures': true,
  'window.restoreWindows': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/**
 * Installs `vsix` into a fresh, isolated profile and starts code-server on 127.0.0.1 with `--auth none`. Extra user
 * settings merge into the defaults above; `env` adds to the environment of code-server (and so of the extension host).
 */
export async function startCodeServer(vsix: string, extraSettings: Record<string, unknown> = {}, env: Record<string, string> = {}): Promise<CodeServer> {
  const launcher = path.join(CODE_SERVER_PREFIX, 'code-server');
  if (!fs.existsSync(launcher)) throw new Error(`code-server is not installed at ${CODE_SERVER_PREFIX}; run: bash scripts/ensure-e2e-deps.sh`);
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-e2e-'));
  const userData = path.join(runDir, 'ud');
  const extensions = path.join(runDir, 'ext');
  const workspace = path.join(runDir, 'ws');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.mkdirSync(extensions);
  fs.mkdirSync(workspace);
  fs.writeFileSync(path.join(workspace, 'README.txt'), 'Stream Debugger e2e workspace\n');
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify({ ...USER_SETTINGS, ...extraSettings }, null, 2));
  // --config /dev/null: otherwise code-server writes ~/.config/code-server/config.yaml (auth: password)
  const common = ['--config', '/dev/null', '--user-data-dir', userData, '--extensions-dir', extensions];
  const install = spawnSync(launcher, [...common, '--install-extension', vsix, '--force'], { encoding: 'utf8' });
  if (install.status !== 0) throw new Error(`installing ${vsix} failed:\n${install.stdout}\n${install.stderr}`);

  const port = await freePort();
  const log = fs.openSync(path.join(runDir, 'server.log'), 'w');
  // detached: its own process group, so close() stops the extension host and the other children too
  const child: ChildProcess = spawn(launcher, [...common, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    '--ignore-last-opened', workspace], { detached: true, stdio: ['ignore', log, log], env: { ...process.env, ...env } });
  const base = `http://127.0.0.1:${port}`;
  const logs = (): string => {
    const read = (file: string): string => { try { return fs.readFileSync(file, 'utf8').split('\n').slice(-40).join('\n'); } catch { return ''; } };
    const hostLogs = findFiles(path.join(userData, 'logs'), 'remoteexthost.log').map(read).join('\n');
    return `--- server.log\n${read(path.join(runDir, 'server.log'))}\n--- remoteexthost.log\n${hostLogs}`;
  };
  let keep = false;
  const removeRunDir = (): void => { if (!keep) fs.rmSync(runDir, { recursive: true, force: true }); };
  const close = async (): Promise<void> => {
    if (child.pid === undefined || child.exitCode !== null) return removeRunDir();
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 5000));
    if (await Promise.race([exited, timeout]) === 'timeout') {
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
    }
    removeRunDir();
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) {
      const text = logs(); // read before the run directory goes
      removeRunDir();
      throw new Error(`code-server exited early:\n${text}`);
    }
    try {
      const res = await fetch(`${base}/healthz`);
      if (res.ok) break;
    } catch { /* not up yet */ }
    if (Date.now() > deadline) {
      const text = logs();
      await close();
      throw new Error(`code-server did not become healthy in 60 s:\n${text}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url: `${base}/?folder=${encodeURIComponent(workspace)}`, workspace, runDir, logs, close, keepRunDir: () => { keep = true; } };
}

function findFiles(dir: string, name: string): string[] {
  const out: string[] = [];
  let entries: fs.Dirent[];
  try { entries = fs.readdirSync(dir, { withFileTypes: true }); } catch { return out; }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...findFiles(p, name));
    else if (e.name === name) out.push(p);
  }
  return out;
}
