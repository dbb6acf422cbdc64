import type { ConnectOptions } from './core/options';
import { ProfileResolveError, resolveProfile, secretNamesOf } from './core/profiles/resolve';
import { findProfileInSettingsFile, secretEnvironmentName, settingsFileAccess, usesDemoServer } from './core/profiles/settingsFile';
import { startDemoServer } from './core/server/demoFeeds';
import type { StreamServer } from './core/server/streamServer';
import type { DisconnectPlan } from './core/simulation/disconnectSchedule';

/**
 * `connect --profile NAME --settings FILE`: the profile's options, with the flags given on the command line on top.
 * Secrets come from `STREAM_DEBUGGER_SECRET_<NAME>` environment variables; `${demoServer}` starts the demo feeds in
 * this process. Throws a ProfileResolveError that names the problem.
 */
export async function loadProfileForCli(name: string, settingsFile: string, flags: ConnectOptions, flagHeaders: Record<string, string>): Promise<{ options: ConnectOptions; disconnect?: DisconnectPlan; dispose(): Promise<void> }> {
  const profile = findProfileInSettingsFile(settingsFile, name);
  const missing = secretNamesOf(profile).filter((secret) => process.env[secretEnvironmentName(secret)] === undefined);
  if (missing.length) {
    throw new ProfileResolveError(`profile "${name}" needs ${missing.map((s) => `secret "${s}": set ${secretEnvironmentName(s)}`).join('; ')}`);
  }
  let demo: StreamServer | undefined;
  if (usesDemoServer(profile)) demo = await startDemoServer();
  try {
    const { options, disconnect } = resolveProfile(profile, {
      secret: (secret) => process.env[secretEnvironmentName(secret)],
      env: (variable) => process.env[variable],
      ...(demo ? { demoServer: demo.url } : {}),
    }, settingsFileAccess(settingsFile));
    const merged: ConnectOptions = { ...options };
    for (const [key, value] of Object.entries(flags) as Array<[keyof ConnectOptions, unknown]>) {
      if (value !== undefined && !(key === 'url' && value === '') && key !== 'headers') (merged as unknown as Record<string, unknown>)[key] = value;
    }
    if (Object.keys(flagHeaders).length) merged.headers = { ...options.headers, ...flagHeaders };
    if (flags.longPoll && options.longPoll) merged.longPoll = { ...options.longPoll, ...flags.longPoll };
    return { options: merged, ...(disconnect ? { disconnect } : {}), dispose: async () => { await demo?.close(); } };
  } catch (err) {
    await demo?.close();
    throw err;
  }
}
