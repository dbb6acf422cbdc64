import * as fs from 'node:fs';
import * as os from 'node:os';
import * as vscode from 'vscode';
import { describeProblem } from '../core/profiles/profile';
import { ProfileResolveError, resolveProfile, secretNamesOf } from '../core/profiles/resolve';
import { usesDemoServer } from '../core/profiles/settingsFile';
import type { DemoServerHost } from '../demoServerHost';
import type { Logger } from '../logger';
import { launchSession } from '../sessionLauncher';
import type { ConnectedProfiles } from './connectedProfiles';
import type { ProfileSecrets } from './profileSecrets';
import type { ProfileEntry, ProfileStore } from './profileStore';

/** Opens an inspector on a saved profile: asks for missing secrets (once: they are stored), resolves, connects. */
export class ProfileConnector {
  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly store: ProfileStore,
    private readonly secrets: ProfileSecrets,
    private readonly connected: ConnectedProfiles,
    private readonly demo: DemoServerHost,
    private readonly log: Logger,
  ) {}

  async connect(entry: ProfileEntry): Promise<void> {
    const profile = entry.profile;
    if (!profile) {
      this.fail(entry.problems.map((p) => describeProblem(entry.label, p)).join('; '));
      return;
    }
    const existing = this.connected.panelOf(entry.scope, profile.name);
    if (existing) {
      existing.reveal();
      return;
    }
    const values = new Map<string, string>();
    for (const name of secretNamesOf(profile)) {
      let value: string | undefined;
      try {
        value = await this.secrets.get(name) ?? await this.askForSecret(name, profile.name);
      } catch (err) {
        // SecretStorage can fail (no keyring on Linux desktop, storage blocked in a browser); say so rather than hang.
        this.fail(`profile "${profile.name}": secret storage is not available: ${(err as Error).message}`);
        return;
      }
      if (value === undefined) {
        this.log.info(`connect to profile "${profile.name}" cancelled: secret "${name}" was not given`);
        return;
      }
      values.set(name, value);
    }
    let demoServer: string | undefined;
    if (usesDemoServer(profile)) {
      try {
        demoServer = await this.demo.url();
      } catch (err) {
        this.fail(`profile "${profile.name}": could not start the demo server: ${(err as Error).message}`);
        return;
      }
    }
    let resolved;
    try {
      resolved = resolveProfile(profile, {
        secret: (name) => values.get(name),
        env: (name) => process.env[name],
        ...(demoServer ? { demoServer } : {}),
      }, { ...(this.store.baseDir() ? { baseDir: this.store.baseDir()! } : {}), homeDir: os.homedir(), readFile: (f) => fs.readFileSync(f) });
    } catch (err) {
      if (err instanceof ProfileResolveError) {
        this.fail(`profile "${profile.name}": ${err.message}`);
        return;
      }
      throw err;
    }
    if (resolved.options.insecure) this.log.warn(`profile "${profile.name}": TLS certificate verification is off`);
    this.log.info(`connecting profile "${profile.name}" (${entry.scope} settings)`);
    try {
      const panel = launchSession(this.extensionUri, resolved.options, this.log, profile.name);
      if (resolved.disconnect) panel.session.setDisconnectPlan(resolved.disconnect);
      this.connected.track({ scope: entry.scope, name: profile.name, raw: entry.raw }, panel);
    } catch (err) {
      this.fail(`profile "${profile.name}": ${(err as Error).message}`);
    }
  }

  /** Asks for a secret in a password box and stores it, so it is asked for only once. */
  private async askForSecret(name: string, profileName: string): Promise<string | undefined> {
    const value = await promptForSecret(name, `Profile "${profileName}" uses \${secret:${name}}, which is not set yet.`);
    if (value !== undefined) await this.secrets.set(name, value);
    return value;
  }

  private fail(message: string): void {
    this.log.error(message);
    void vscode.window.showErrorMessage(`Stream Debugger: ${message}`);
  }
}

/** A password input box for secret `name`; undefined when cancelled. */
export function promptForSecret(name: string, why?: string): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: `Stream Debugger: Secret "${name}"`,
    prompt: `${why ? `${why} ` : ''}Enter its value; it is kept in VS Code's secret storage, never in settings.`,
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => (v === '' ? 'Enter a value (Escape cancels)' : /[\r\n]/.test(v) ? 'A secret cannot contain line breaks' : undefined),
  });
}
