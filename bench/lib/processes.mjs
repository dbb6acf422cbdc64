// Child processes of the benchmark: each bounded in time, each ended by its own pid.
import { spawn } from 'node:child_process';

/** Runs `node <args>` to completion and returns its stdout; rejects on a non-zero exit or after `timeoutMs`. */
export function runNode(args, { timeoutMs = 90_000, env = {} } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(stdout);
      else reject(new Error(`node ${args.join(' ')} exited ${code ?? signal}\n${stderr.slice(-2000)}`));
    });
  });
}

/** Starts a long-lived `node <script>` that prints one line (its URL) when ready; returns the line and a stop(). */
export function startNodeService(script, { timeoutMs = 30_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
    let out = '';
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`${script} did not start in ${timeoutMs} ms`)); }, timeoutMs);
    child.stdout.on('data', (d) => {
      out += d;
      const newline = out.indexOf('\n');
      if (newline === -1) return;
      clearTimeout(timer);
      resolve({ line: out.slice(0, newline).trim(), stop: () => { if (child.exitCode === null) child.kill('SIGTERM'); } });
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`${script} exited ${code} before it was ready`)); });
  });
}
