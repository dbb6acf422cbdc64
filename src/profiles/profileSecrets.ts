import * as vscode from 'vscode';

const KEY_PREFIX = 'profile-secret:';
const NAMES_KEY = 'streamDebugger.secretNames';

/**
 * Values of `${secret:NAME}`, kept in VS Code's SecretStorage (injected, so it can be any implementation). Only the
 * names are remembered elsewhere (in global state, for the Clear Secret list); a value never leaves SecretStorage
 * except to be sent in a request.
 */
export class ProfileSecrets implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string>();
  private readonly subscription: vscode.Disposable;
  /** Fires with the secret name when a value is stored or deleted (here or in another window). */
  readonly onDidChange = this.changed.event;

  constructor(private readonly storage: vscode.SecretStorage, private readonly names: vscode.Memento) {
    this.subscription = storage.onDidChange((e) => {
      if (e.key.startsWith(KEY_PREFIX)) this.changed.fire(e.key.slice(KEY_PREFIX.length));
    });
  }

  get(name: string): Thenable<string | undefined> {
    return this.storage.get(KEY_PREFIX + name);
  }

  async set(name: string, value: string): Promise<void> {
    await this.storage.store(KEY_PREFIX + name, value);
    const known = this.knownNames();
    if (!known.includes(name)) await this.names.update(NAMES_KEY, [...known, name].sort());
  }

  async clear(name: string): Promise<void> {
    await this.storage.delete(KEY_PREFIX + name);
    await this.names.update(NAMES_KEY, this.knownNames().filter((n) => n !== name));
  }

  /** Names of the secrets set through this extension. */
  knownNames(): string[] {
    const value = this.names.get<unknown>(NAMES_KEY);
    return Array.isArray(value) ? value.filter((n): n is string => typeof n === 'string') : [];
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
