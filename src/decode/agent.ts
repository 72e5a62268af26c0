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

    constructor(names: ReleaseNames, bytes: Uint8Array) {
      this.type = 129;
      this.payload = bytes.subarray(1);
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

    constructor(names: ReleaseNames, bytes: Uint8Array) {
      const payload = bytes.subarray(1);
      const value = readAgentNotify(payload);
      this.type = 130;
      this.payload = payload;
      this.notificationType = value?.notificationType;
      this.notificationTypeName = value === undefined ? undefined : names.agentNotification.get(value.notificationType);
      this.text = value?.text;
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

    constructor(names: ReleaseNames, bytes: Uint8Array) {
      this.type = 'unknown';
      this.messageType = bytes[0] as number;
      this.payload = bytes.subarray(1);
      this.release = names.release;
    }
    toJSON(): UnknownEventJSON {
      return jsonView<UnknownEvent, typeof UNKNOWN_EVENT_KEYS>(this, UNKNOWN_EVENT_KEYS);
    }

  },
  'UnknownEvent',
);
export type UnknownMessageEvent = InstanceType<typeof UnknownMessageEvent>;
