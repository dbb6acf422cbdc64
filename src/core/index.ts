/**
 * Stream Debugger core: the scripting API (`dist/core.js`). No VS Code inside; runs in plain Node.
 */
export { connect, parseHttpUrl, ConnectError, type ConnectCallbacks, type ConnectHandle } from './connect';
export type { ConnectOptions } from './options';
export type { CloseOptions, CloseReason, DisconnectOptions, Transport, TransportEnd, RecordSink } from './transport';
export type * from './records';
export { createEventStreamParser, type EventStreamParser, type EventStreamCallbacks } from './sse/eventStreamParser';
export { isEventStreamContentType } from './sse/mediaType';
export { Session, type SessionState, type SessionStats } from './session';
export { RecordStore } from './recordStore';
export { createStreamServer, formatEvent, writeEventStreamHead, type StreamServer, type RouteHandler } from './server/streamServer';
export { startDemoServer, createDemoRoutes, DEMO_FEEDS, type DemoFeed } from './server/demoFeeds';
export { createCaptureHeader, toNdjsonLine } from './capture';
export { isSecretName, isSecretQueryName, redactHeaders, redactText, redactUrl } from './redact';
export { serializeCapture, CAPTURE_FORMAT } from './capture';
export { readCapture, readCaptureFile, type LoadedCapture, type CaptureProblem, type CaptureSource } from './captureReader';
export { createResumeCheck, type ResumeCheck, type ResumeSummary } from './resume/resumeCheck';
export { createDisconnectSchedule, validateDisconnectPlan, type DisconnectPlan, type DisconnectSchedule } from './simulation/disconnectSchedule';
export { createReplay, type Replay, type ReplayState, type ReplayOptions } from './replay';
export { serveCapture, createCaptureRoute, type CaptureEndpoint, type CaptureEndpointOptions } from './server/captureEndpoint';
export { replayIntoSession, replayOf, type SessionReplay } from './sessionReplay';
export { sessionCaptureText } from './sessionCapture';
