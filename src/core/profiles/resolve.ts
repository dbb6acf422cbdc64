import * as path from 'node:path';
import { parseHttpUrl } from '../connect';
import type { ConnectOptions } from '../options';
import type { DisconnectPlan } from '../simulation/disconnectSchedule';
import type { EndpointProfile } from './profile';
import { findVariables, substituteVariables, type VariableValues } from './variables';

/** A profile that cannot be turned into a connection; the message names the field. */
export class ProfileResolveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProfileResolveError';
  }
}

/** How profile file paths (`bodyFile`, `tls.caFile`) are read. */
export interface ProfileFileAccess {
  /** Directory that relative paths start from (the workspace folder, or the settings file's folder in the CLI). */
  baseDir?: string;
  /** Replaces a leading `~/`. */
  homeDir?: string;
  readFile(file: string): Uint8Array;
}

/** A profile turned into connection options. */
export interface ResolvedProfile {
  options: ConnectOptions;
  /** The profile's simulated drops, for the session (or the CLI) to run. */
  disconnect?: DisconnectPlan;
}

/** The distinct secret names a profile uses (url, header values and body), in order of first use. */
export function secretNamesOf(profile: EndpointProfile): string[] {
  const texts = [profile.url, ...Object.values(profile.headers ?? {}), ...(profile.body !== undefined ? [profile.body] : [])];
  const names: string[] = [];
  for (const text of texts) {
    for (const ref of findVariables(text)) if (ref.kind === 'secret' && !names.includes(ref.name)) names.push(ref.name);
  }
  return names;
}

/**
 * Turns a valid profile into {@link ConnectOptions}: substitutes variables, reads `bodyFile` and `tls.caFile`, and
 * lists the resolved secret values in `secretValues` so records, logs and captures mask them. Throws a
 * {@link ProfileResolveError} that names the field.
 */
export function resolveProfile(profile: EndpointProfile, values: VariableValues, files: ProfileFileAccess): ResolvedProfile {
  const secretValues: string[] = [];
  const tracking: VariableValues = {
    ...values,
    secret: (name) => {
      const value = values.secret(name);
      if (value !== undefined && !secretValues.includes(value)) secretValues.push(value);
      return value;
    },
  };
  const sub = (text: string, field: string): string => {
    try {
      return substituteVariables(text, tracking, field);
    } catch (err) {
      throw new ProfileResolveError((err as Error).message);
    }
  };

  const urlText = sub(profile.url, 'url');
  let url: string;
  try {
    url = parseHttpUrl(urlText).href;
  } catch (err) {
    throw new ProfileResolveError(`url: ${(err as Error).message}`);
  }
  const options: ConnectOptions = { url, mode: profile.mode ?? 'sse' };
  if (profile.method !== undefined) options.method = sub(profile.method, 'method').toUpperCase();
  if (profile.headers) {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(profile.headers)) {
      const resolved = sub(value, `headers.${name}`);
      if (/[\r\n\0]/.test(resolved)) throw new ProfileResolveError(`headers.${name}: the resolved value contains a line break, which cannot be sent in a header`);
      headers[name] = resolved;
    }
    options.headers = headers;
  }
  if (profile.body !== undefined) options.body = sub(profile.body, 'body');
  if (profile.bodyFile !== undefined) options.body = readProfileFile(sub(profile.bodyFile, 'bodyFile'), 'bodyFile', files);
  if (options.body !== undefined && options.method === undefined) options.method = 'POST';
  if (profile.lastEventId !== undefined) options.lastEventId = sub(profile.lastEventId, 'lastEventId');

  const reconnect = profile.reconnect;
  if (reconnect === false) options.reconnect = false;
  else if (typeof reconnect === 'object') {
    if (reconnect.enabled === false) options.reconnect = false;
    if (reconnect.initialRetryMs !== undefined) options.initialRetryMs = reconnect.initialRetryMs;
    if (reconnect.retryHttpErrors !== undefined) options.retryHttpErrors = reconnect.retryHttpErrors;
    if (reconnect.resendBody !== undefined) options.resendBodyOnReconnect = reconnect.resendBody;
  }
  if (profile.connectTimeoutMs !== undefined) options.connectTimeoutMs = profile.connectTimeoutMs;
  if (profile.idleTimeoutMs !== undefined) options.idleTimeoutMs = profile.idleTimeoutMs;
  if (profile.tls?.insecure !== undefined) options.insecure = profile.tls.insecure;
  if (profile.tls?.caFile !== undefined) {
    options.ca = new TextDecoder().decode(readProfileFile(sub(profile.tls.caFile, 'tls.caFile'), 'tls.caFile', files));
  }

  if (profile.longPoll !== undefined) options.longPoll = structuredClone(profile.longPoll);

  if (secretValues.length) options.secretValues = secretValues;
  const resolved: ResolvedProfile = { options };
  if (profile.disconnect) {
    const d = profile.disconnect;
    resolved.disconnect = {
      ...(d.afterEvents !== undefined ? { afterEvents: d.afterEvents } : {}),
      ...(d.everySeconds !== undefined ? { everyMs: d.everySeconds * 1000 } : {}),
      ...(d.midEvent !== undefined ? { midEvent: d.midEvent } : {}),
      ...(d.once !== undefined ? { once: d.once } : {}),
    };
  }
  return resolved;
}

function readProfileFile(file: string, field: string, files: ProfileFileAccess): Uint8Array {
  let full = file;
  if (files.homeDir && (file === '~' || file.startsWith('~/'))) full = path.join(files.homeDir, file.slice(1));
  else if (!path.isAbsolute(file)) {
    if (!files.baseDir) throw new ProfileResolveError(`${field}: "${file}" is a relative path and there is no folder to resolve it against; use an absolute path`);
    full = path.resolve(files.baseDir, file);
  }
  try {
    return files.readFile(full);
  } catch (err) {
    throw new ProfileResolveError(`${field}: cannot read ${full}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}
