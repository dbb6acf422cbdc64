import * as vscode from 'vscode';
import { proxyConfigFromSetting, type ProxyConfig } from './core/http/proxy';

/**
 * VS Code's own proxy settings (`http.proxy`, `http.noProxy`) as connection options, so a
 * stream goes where the rest of VS Code's traffic goes. The core never reads settings; this is where they are passed in.
 */
export function vscodeProxyOptions(): { proxy?: ProxyConfig } {
  const http = vscode.workspace.getConfiguration('http');
  // Loopback is always reached directly: the demo feeds and local servers must not go through a remote proxy.
  const proxy = proxyConfigFromSetting(http.get<string>('proxy'), [...(http.get<string[]>('noProxy') ?? []), 'localhost', '127.0.0.1', '::1']);
  return proxy.http ? { proxy } : {};
}
