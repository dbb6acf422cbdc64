/** Every command, view, setting and webview id, spelled once. */
export const Commands = {
  connect: 'streamDebugger.connect',
  openDemo: 'streamDebugger.openDemo',
  disconnect: 'streamDebugger.disconnect',
  showInspector: 'streamDebugger.showInspector',
} as const;

export const ViewTypes = {
  inspector: 'streamDebugger.inspector',
} as const;

export const Settings = {
  section: 'streamDebugger',
  maxRecords: 'maxRecords',
} as const;

/** Name of the Output channel. */
export const OUTPUT_CHANNEL_NAME = 'Stream Debugger';
