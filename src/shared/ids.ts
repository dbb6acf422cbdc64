/** Every command, view, setting and webview id, spelled once. */
export const Commands = {
  connect: 'streamDebugger.connect',
  openDemo: 'streamDebugger.openDemo',
  disconnect: 'streamDebugger.disconnect',
  showInspector: 'streamDebugger.showInspector',
  // Stream Endpoints (saved profiles)
  connectProfile: 'streamDebugger.profiles.connect',
  disconnectProfile: 'streamDebugger.profiles.disconnect',
  addProfile: 'streamDebugger.profiles.add',
  addExampleProfiles: 'streamDebugger.profiles.addExamples',
  editProfile: 'streamDebugger.profiles.edit',
  duplicateProfile: 'streamDebugger.profiles.duplicate',
  renameProfile: 'streamDebugger.profiles.rename',
  deleteProfile: 'streamDebugger.profiles.delete',
  setSecret: 'streamDebugger.profiles.setSecret',
  clearSecret: 'streamDebugger.profiles.clearSecret',
  saveConnectionAsProfile: 'streamDebugger.profiles.saveConnection',
  simulateDisconnect: 'streamDebugger.simulateDisconnect',
  simulateDisconnects: 'streamDebugger.simulateDisconnects',
  exportCapture: 'streamDebugger.exportCapture',
  openCapture: 'streamDebugger.openCapture',
  openCaptureInInspector: 'streamDebugger.openCaptureInInspector',
  replayCapture: 'streamDebugger.replayCapture',
  replayControls: 'streamDebugger.replayControls',
  serveCapture: 'streamDebugger.serveCapture',
  stopMockEndpoints: 'streamDebugger.stopMockEndpoints',
} as const;

export const ViewTypes = {
  inspector: 'streamDebugger.inspector',
} as const;

/** Views and view containers. */
export const Views = {
  endpointsContainer: 'streamDebugger',
  endpoints: 'streamDebugger.endpoints',
} as const;

/** `contextValue`s of Stream Endpoints tree items (menus in package.json match on them). */
export const ProfileItemContext = {
  profile: 'profile',
  connected: 'profile.connected',
  invalid: 'profile.invalid',
  scope: 'scope',
} as const;

export const Settings = {
  section: 'streamDebugger',
  maxRecords: 'maxRecords',
  profiles: 'profiles',
} as const;

/** Name of the Output channel. */
export const OUTPUT_CHANNEL_NAME = 'Stream Debugger';
