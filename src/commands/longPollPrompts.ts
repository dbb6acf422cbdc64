import * as vscode from 'vscode';
import { checkLongPollOptions } from '../core/longpoll/longPollOptions';
import type { ConnectOptions, LongPollOptions } from '../core/options';
import type { StreamMode } from '../core/records';
import { cursorSourceField, LONG_POLL_FIELDS, summarizeLongPollOptions, type LongPollField } from './longPollFields';

const TITLE = 'Stream Debugger: Connect to Endpoint';

/**
 * Asks how the endpoint streams (SSE or long polling) and, for long polling, its options. Undefined when the user
 * cancelled.
 */
export async function promptStreamMode(): Promise<Pick<ConnectOptions, 'mode' | 'longPoll'> | undefined> {
  const mode = await pickStreamMode();
  if (mode === undefined) return undefined;
  if (mode === 'sse') return { mode };
  const longPoll = await promptLongPollOptions();
  return longPoll && { mode, longPoll };
}

/** Server-Sent Events (first, the default) or long polling. */
export async function pickStreamMode(): Promise<StreamMode | undefined> {
  const items: Array<vscode.QuickPickItem & { mode: StreamMode }> = [
    { label: 'Server-Sent Events', description: 'text/event-stream', detail: 'One long response; reconnects with Last-Event-ID', mode: 'sse' },
    { label: 'Long polling', description: 'held requests and a cursor', detail: 'A loop of requests the server holds until it has data: JSON, NDJSON or event-stream answers', mode: 'long-poll' },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: TITLE, placeHolder: 'How does this endpoint stream?', ignoreFocusOut: true });
  return picked?.mode;
}

type OptionItem = vscode.QuickPickItem & { field?: LongPollField; connect?: true };

/**
 * A list of the long-poll options with their values: pick one to change it, or Connect. Starts from `initial`;
 * undefined when the user cancelled.
 */
export async function promptLongPollOptions(initial: LongPollOptions = {}): Promise<LongPollOptions | undefined> {
  let options = initial;
  // Bounded: every pass is a user action, and a user who edits a hundred times can start again.
  for (let pass = 0; pass < 100; pass++) {
    const problem = checkLongPollOptions(options);
    const source = cursorSourceField(options);
    const fields = LONG_POLL_FIELDS.flatMap((f) => (f.id === 'cursorFrom' && source ? [f, source] : [f]));
    const items: OptionItem[] = [
      { label: '$(debug-start) Connect', description: problem ?? summarizeLongPollOptions(options), connect: true },
      { label: 'Options', kind: vscode.QuickPickItemKind.Separator },
      ...fields.map((field) => ({ label: field.label, description: field.describe(options), field })),
    ];
    const picked = await vscode.window.showQuickPick(items, { title: `${TITLE} — long polling`, placeHolder: 'Connect, or pick an option to change it', ignoreFocusOut: true });
    if (!picked) return undefined;
    if (picked.connect) {
      if (!problem) return options;
      void vscode.window.showErrorMessage(`Stream Debugger: ${problem}`);
      continue;
    }
    if (picked.field) options = (await editField(picked.field, options)) ?? options;
  }
  return undefined;
}

/** Edits one field; undefined when the user backed out (the options stay as they were). */
async function editField(field: LongPollField, options: LongPollOptions): Promise<LongPollOptions | undefined> {
  if (field.kind === 'text') {
    const text = await vscode.window.showInputBox({
      title: `Long polling: ${field.label}`, prompt: field.prompt, placeHolder: field.placeholder, value: field.current(options), ignoreFocusOut: true,
      validateInput: (value) => { const r = field.parse(value, options); return typeof r === 'string' ? r : undefined; },
    });
    if (text === undefined) return undefined;
    const result = field.parse(text, options);
    return typeof result === 'string' ? undefined : result;
  }
  const picked = await vscode.window.showQuickPick(field.choices.map((c) => ({ label: c.label, detail: c.detail, choice: c })), { title: `Long polling: ${field.label}`, ignoreFocusOut: true });
  if (!picked) return undefined;
  const next = picked.choice.apply(options);
  // A cursor from the body or a header needs its path or header name at once.
  const follow = field.id === 'cursorFrom' ? cursorSourceField(next) : undefined;
  return follow ? editField(follow, next) : next;
}
