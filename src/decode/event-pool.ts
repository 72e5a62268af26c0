/** The events a reusing decoder (`createDecoder({ reuse: true })`) overwrites: one per class. */
import type { ReleaseContext } from './release-context.js';
import { EMPTY_BYTES } from './internal.js';
import { DropNotifyEvent } from './drop.js';
import { TraceNotifyEvent } from './trace.js';
import { PolicyVerdictEvent } from './policy.js';
import { DebugMessageEvent } from './debug.js';
import { DebugCaptureEvent } from './debug-capture.js';
import { RecorderCaptureEvent } from './recorder.js';
import { TraceSockEvent } from './sock.js';
import { AccessLogEvent, AgentNotifyEvent, UnknownMessageEvent } from './agent.js';

export interface EventPool {
  readonly drop: DropNotifyEvent;
  readonly trace: TraceNotifyEvent;
  readonly policy: PolicyVerdictEvent;
  readonly debug: DebugMessageEvent;
  readonly debugCapture: DebugCaptureEvent;
  /** `undefined` where the release has no recorder captures (they decode as unknown). */
  readonly recorder: RecorderCaptureEvent | undefined;
  readonly sock: TraceSockEvent;
  readonly accessLog: AccessLogEvent;
  readonly agentNotify: AgentNotifyEvent;
  readonly unknown: UnknownMessageEvent;
}

/** Empty events of every class for one release, created up front so decoding never checks. */
export function createEventPool(rc: ReleaseContext): EventPool {
  return {
    // Blank drop, trace and policy events (their constructors take every value); the first
    // decode of each type fills them.
    drop: new DropNotifyEvent(rc.drop, EMPTY_BYTES, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
    trace: new TraceNotifyEvent(rc.trace, EMPTY_BYTES, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
    policy: new PolicyVerdictEvent(rc.policy, EMPTY_BYTES, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
    debug: new DebugMessageEvent(rc.debug),
    debugCapture: new DebugCaptureEvent(rc.debugCapture),
    recorder: rc.recorder === undefined ? undefined : new RecorderCaptureEvent(rc.recorder),
    sock: new TraceSockEvent(rc.sock),
    accessLog: new AccessLogEvent(rc.names),
    agentNotify: new AgentNotifyEvent(rc.names),
    unknown: new UnknownMessageEvent(rc.names),
  };
}
