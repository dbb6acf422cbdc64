import * as vscode from 'vscode';
import { describeProblem, type ProfileScope } from '../core/profiles/profile';
import { secretNamesOf } from '../core/profiles/resolve';
import { redactUrl } from '../core/redact';
import { ProfileItemContext } from '../shared/ids';
import type { ConnectedProfiles } from './connectedProfiles';
import type { ProfileEntry, ProfileStore } from './profileStore';

/** A node of the Stream Endpoints tree: a scope group, or a profile. */
export type EndpointNode = { kind: 'scope'; scope: ProfileScope } | { kind: 'profile'; entry: ProfileEntry };

const SCOPE_LABELS: Record<ProfileScope, string> = { user: 'User', workspace: 'Workspace' };

/** The Stream Endpoints view: profiles grouped by the settings they live in, a connected profile marked. */
export class EndpointsTree implements vscode.TreeDataProvider<EndpointNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<EndpointNode | undefined>();
  private readonly subscriptions: vscode.Disposable[];
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly store: ProfileStore, private readonly connected: ConnectedProfiles) {
    this.subscriptions = [
      store.onDidChange(() => this.changed.fire(undefined)),
      connected.onDidChange(() => this.changed.fire(undefined)),
    ];
  }

  getChildren(node?: EndpointNode): EndpointNode[] {
    if (!node) {
      const scopes: ProfileScope[] = this.store.hasWorkspace ? ['user', 'workspace'] : ['user'];
      // No groups at all when nothing is saved, so the welcome view (Add / Add Examples) shows.
      const withEntries = scopes.filter((s) => this.store.entries(s).length > 0);
      return withEntries.length ? scopes.map((scope) => ({ kind: 'scope', scope })) : [];
    }
    if (node.kind === 'scope') return this.store.entries(node.scope).map((entry) => ({ kind: 'profile', entry }));
    return [];
  }

  getTreeItem(node: EndpointNode): vscode.TreeItem {
    if (node.kind === 'scope') {
      const item = new vscode.TreeItem(SCOPE_LABELS[node.scope], vscode.TreeItemCollapsibleState.Expanded);
      item.id = `scope/${node.scope}`;
      item.contextValue = ProfileItemContext.scope;
      item.iconPath = new vscode.ThemeIcon(node.scope === 'user' ? 'account' : 'folder');
      const count = this.store.entries(node.scope).length;
      item.description = count === 0 ? 'none' : undefined;
      item.tooltip = `Profiles in ${node.scope} settings (streamDebugger.profiles)`;
      return item;
    }
    return this.profileItem(node.entry);
  }

  private profileItem(entry: ProfileEntry): vscode.TreeItem {
    const label = typeof (entry.raw as { name?: unknown })?.name === 'string' ? (entry.raw as { name: string }).name : entry.label;
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
    item.id = `${entry.scope}/${entry.index}/${label}`;
    const profile = entry.profile;
    if (!profile) {
      item.contextValue = ProfileItemContext.invalid;
      item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
      item.description = entry.problems[0] ? describeProblem('', entry.problems[0]).replace(/^profile : /, '') : 'invalid';
      item.tooltip = `Not usable: fix in settings.json\n${entry.problems.map((p) => `• ${describeProblem(entry.label, p)}`).join('\n')}`;
      return item;
    }
    const connected = this.connected.isConnected(entry.scope, profile.name);
    item.contextValue = connected ? ProfileItemContext.connected : ProfileItemContext.profile;
    item.iconPath = connected
      ? new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed'))
      : new vscode.ThemeIcon(profile.mode === 'long-poll' ? 'sync' : 'radio-tower');
    const tags = (profile.tags ?? []).map((t) => `#${t}`).join(' ');
    item.description = [connected ? 'connected' : shortUrl(profile.url), tags].filter(Boolean).join('  ');
    const secrets = secretNamesOf(profile);
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(`**${escapeMarkdown(profile.name)}**${connected ? ' — connected' : ''}\n\n`);
    tooltip.appendCodeblock(`${profile.method ?? (profile.body !== undefined || profile.bodyFile ? 'POST' : 'GET')} ${redactUrl(profile.url)}`, 'text'); // a token written into the URL in settings is still a token
    tooltip.appendMarkdown(`\n\nmode: ${profile.mode ?? 'sse'}`);
    if (secrets.length) tooltip.appendMarkdown(`  \nsecrets: ${secrets.map((s) => `\`${s}\``).join(', ')}`);
    if (tags) tooltip.appendMarkdown(`  \ntags: ${escapeMarkdown(tags)}`);
    item.tooltip = tooltip;
    return item;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}

function shortUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname === '/' ? '' : u.pathname}`;
  } catch {
    return url; // a ${env:…} / ${demoServer} URL, shown as written
  }
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
