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
import { INSPECT, inspectView, jsonView, viewKeys } from './plain.js';

/** The orders of the views. */
const ACCESS_LOG_KEYS = viewKeys<AccessLog>()('type', 'release', 'payload');
const AGENT_NOTIFY_KEYS = viewKeys<AgentNotify>()('type', 'release', 'notificationType', 'notificationTypeName', 'text', 'payload');
const UNKNOWN_EVENT_KEYS = viewKeys<UnknownEvent>()('type', 'release', 'messageType', 'payload');

export class AccessLogEvent implements AccessLog {
  declare readonly type: 129;
  declare readonly payload: Uint8Array;
  declare readonly release: Release;

  constructor(names: ReleaseNames, bytes: Uint8Array) {
    this.type = 129;
    this.payload = bytes.subarray(1);
    this.release = names.release;
  }
  toJSON(): AccessLogJSON {
    return jsonView<AccessLog>(this, ACCESS_LOG_KEYS);
  }

  [INSPECT](depth: number, options: object, inspect: never): unknown {
    return inspectView('AccessLog', this.toJSON(), depth, options, inspect);
  }

}

export class AgentNotifyEvent implements AgentNotify {
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
    return jsonView<AgentNotify>(this, AGENT_NOTIFY_KEYS);
  }

  [INSPECT](depth: number, options: object, inspect: never): unknown {
    return inspectView('AgentNotify', this.toJSON(), depth, options, inspect);
  }

}

export class UnknownMessageEvent implements UnknownEvent {
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
    return jsonView<UnknownEvent>(this, UNKNOWN_EVENT_KEYS);
  }

  [INSPECT](depth: number, options: object, inspect: never): unknown {
    return inspectView('UnknownEvent', this.toJSON(), depth, options, inspect);
  }

}
