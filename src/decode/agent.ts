/**
 * Agent-side messages that share the monitor's type numbering (129 access log, 130 agent
 * notification) and messages of types the release does not define. All keep their raw bytes.
 */
import type {
  AccessLog,
  AccessLogJSON,
  AgentNotify,
  AgentNotifyJSON,
  Release,
  UnknownEvent,
  UnknownEventJSON,
} from './types.js';
import type { ReleaseNames } from './names.js';
import { readAgentNotify } from './gob-agent-notify.js';
import type { Writable } from './internal.js';
import { EMPTY_BYTES } from './internal.js';
import { jsonView, withDataView } from './plain.js';

/** The orders of the views. */
const ACCESS_LOG_KEYS = ['type', 'release', 'payload'] as const;
const AGENT_NOTIFY_KEYS = ['type', 'release', 'notificationType', 'notificationTypeName', 'text', 'payload'] as const;
const UNKNOWN_EVENT_KEYS = ['type', 'release', 'messageType', 'payload'] as const;

export const AccessLogEvent = /*#__PURE__*/ withDataView(
  class AccessLogEvent implements AccessLog {
    declare readonly type: 129;
    declare readonly payload: Uint8Array;
    declare readonly release: Release;

    /** The full shape, empty: `decodeAccessLog` writes the payload. */
    constructor(names: ReleaseNames) {
      this.type = 129;
      this.payload = EMPTY_BYTES;
      this.release = names.release;
    }
    toJSON(): AccessLogJSON {
      return jsonView<AccessLog, typeof ACCESS_LOG_KEYS>(this, ACCESS_LOG_KEYS);
    }

  },
  'AccessLog',
);
export type AccessLogEvent = InstanceType<typeof AccessLogEvent>;

export const AgentNotifyEvent = /*#__PURE__*/ withDataView(
  class AgentNotifyEvent implements AgentNotify {
    declare readonly type: 130;
    declare readonly payload: Uint8Array;
    declare readonly notificationType: number | undefined;
    declare readonly notificationTypeName: string | undefined;
    declare readonly text: string | undefined;
    declare readonly release: Release;

    /** The full shape, empty: `decodeAgentNotify` writes the values. */
    constructor(names: ReleaseNames) {
      this.type = 130;
      this.payload = EMPTY_BYTES;
      this.notificationType = undefined;
      this.notificationTypeName = undefined;
      this.text = undefined;
      this.release = names.release;
    }
    toJSON(): AgentNotifyJSON {
      return jsonView<AgentNotify, typeof AGENT_NOTIFY_KEYS>(this, AGENT_NOTIFY_KEYS);
    }

  },
  'AgentNotify',
);
export type AgentNotifyEvent = InstanceType<typeof AgentNotifyEvent>;

export const UnknownMessageEvent = /*#__PURE__*/ withDataView(
  class UnknownMessageEvent implements UnknownEvent {
    declare readonly type: 'unknown';
    declare readonly messageType: number;
    declare readonly payload: Uint8Array;
    declare readonly release: Release;

    /** The full shape, empty: `decodeUnknown` writes the values. */
    constructor(names: ReleaseNames) {
      this.type = 'unknown';
      this.messageType = 0;
      this.payload = EMPTY_BYTES;
      this.release = names.release;
    }
    toJSON(): UnknownEventJSON {
      return jsonView<UnknownEvent, typeof UNKNOWN_EVENT_KEYS>(this, UNKNOWN_EVENT_KEYS);
    }

  },
  'UnknownEvent',
);
export type UnknownMessageEvent = InstanceType<typeof UnknownMessageEvent>;

/** An access log record (type 129) into `into` or a fresh event: its payload, undecoded. */
export function decodeAccessLog(names: ReleaseNames, bytes: Uint8Array, into: AccessLogEvent | undefined): AccessLogEvent {
  const ev: Writable<AccessLogEvent> = into ?? new AccessLogEvent(names);
  ev.payload = bytes.subarray(1);
  return ev;
}

/**
 * An agent notification (type 130) into `into` or a fresh event. A payload Go's gob decoder
 * would reject leaves the decoded fields `undefined` rather than failing the event.
 */
export function decodeAgentNotify(names: ReleaseNames, bytes: Uint8Array, into: AgentNotifyEvent | undefined): AgentNotifyEvent {
  const payload = bytes.subarray(1);
  const value = readAgentNotify(payload);
  const ev: Writable<AgentNotifyEvent> = into ?? new AgentNotifyEvent(names);
  ev.payload = payload;
  ev.notificationType = value?.notificationType;
  ev.notificationTypeName = value === undefined ? undefined : names.agentNotification.get(value.notificationType);
  ev.text = value?.text;
  return ev;
}

/** A message of a type the release does not define, into `into` or a fresh event. */
export function decodeUnknown(names: ReleaseNames, bytes: Uint8Array, into: UnknownMessageEvent | undefined): UnknownMessageEvent {
  const ev: Writable<UnknownMessageEvent> = into ?? new UnknownMessageEvent(names);
  ev.messageType = bytes[0]!;
  ev.payload = bytes.subarray(1);
  return ev;
}
