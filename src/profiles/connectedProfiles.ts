import * as vscode from 'vscode';
import type { ProfileScope } from '../core/profiles/profile';
import type { Session } from '../core/session';
import type { InspectorPanel } from '../panel/inspectorPanel';
import { profileKey } from './profileStore';

/** Where a session came from, so "Save Connection as Profile" copies the profile as written (with its references). */
export interface ProfileOrigin {
  scope: ProfileScope;
  name: string;
  /** The entry as written in settings (secret references, not values). */
  raw: unknown;
}

/** Tracks which profiles have a live inspector, for the tree's "connected" state and Disconnect. */
export class ConnectedProfiles implements vscode.Disposable {
  private readonly panels = new Map<string, Set<InspectorPanel>>();
  private readonly origins = new WeakMap<Session, ProfileOrigin>();
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly subscriptions: vscode.Disposable[] = [];
  readonly onDidChange = this.changed.event;

  /** Records that `panel` runs profile `origin`; forgets it when the panel closes. */
  track(origin: ProfileOrigin, panel: InspectorPanel): void {
    const key = profileKey(origin.scope, origin.name);
    const set = this.panels.get(key) ?? new Set<InspectorPanel>();
    this.panels.set(key, set);
    set.add(panel);
    this.origins.set(panel.session, origin);
    const state = panel.session.onDidChangeState(() => this.changed.fire());
    const closed = panel.panel.onDidDispose(() => {
      set.delete(panel);
      if (set.size === 0) this.panels.delete(key);
      state.dispose();
      closed.dispose();
      this.changed.fire();
    });
    this.subscriptions.push(state, closed);
    this.changed.fire();
  }

  /** Whether profile `name` of `scope` has a connection that is not closed. */
  isConnected(scope: ProfileScope, name: string): boolean {
    return [...this.panels.get(profileKey(scope, name)) ?? []].some((p) => p.session.state !== 'closed');
  }

  /** Stops every connection of a profile; returns how many were stopped. */
  disconnect(scope: ProfileScope, name: string): number {
    let stopped = 0;
    for (const panel of this.panels.get(profileKey(scope, name)) ?? []) {
      if (panel.session.state !== 'closed') stopped++;
      panel.session.stop();
    }
    return stopped;
  }

  /** The live panel of a profile, if any (to reveal instead of opening a second one). */
  panelOf(scope: ProfileScope, name: string): InspectorPanel | undefined {
    return [...this.panels.get(profileKey(scope, name)) ?? []].find((p) => p.session.state !== 'closed');
  }

  originOf(session: Session): ProfileOrigin | undefined {
    return this.origins.get(session);
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}
