/**
 * `formatEvent`: one decoded event as `cilium monitor` prints it, per mode and release — the
 * dispatch of `MonitorFormatter.FormatSample` and each message type's `Dump`.
 */
import { readLogRecord } from '../decode/gob-log-record.js';
import type { Event } from '../decode/types.js';
import { accessLogJSON, accessLogText, logRecordValueError } from './access-log.js';
import { makeContext, type FormatMode, type FormatOptions } from './context.js';
import { FormatError } from './errors.js';
import { debugCaptureJSON, debugJSON, dropJSON, traceJSON } from './json/monitor-json.js';
import { debugCaptureInfo, debugCaptureVerbose, debugLine } from './text/debug.js';
import { dropInfo, dropVerbose } from './text/drop.js';
import { agentJSON, agentLine, recorderBlock, traceSockLine, unknownEventLine } from './text/other.js';
import { policyInfo } from './text/policy.js';
import { traceInfo, traceVerbose } from './text/trace.js';

const MODES: readonly FormatMode[] = ['summary', 'verbose', 'dissect', 'hex', 'json'];

/** The line of 78 dashes printed before every `-vv` drop, trace and capture record. */
export const SEPARATOR = '-'.repeat(78) + '\n';

/**
 * Formats one event exactly as `cilium monitor` prints it for the same bytes and release,
 * including the trailing newline(s); `''` where Cilium prints nothing (debug messages by
 * default, trace-sock records outside `-v`, debug captures without a summary prefix).
 *
 * @throws FormatError `unsupported-message` (recorder records in 1.19), `undecodable-payload`
 *   (agent or access-log payload unreadable, or a value Go's gob decoder rejects),
 *   `invalid-option` (unknown mode).
 *
 * @example
 * formatEvent(decodeEvent(bytes, { release: '1.19' }));
 * // 'xx drop (Policy denied) flow 0x0 to endpoint 0, ifindex 17, file bpf_lxc.c:1452, , identity 12345->world: 10.0.1.23:45678 -> 93.184.216.34:443 tcp SYN\n'
 * formatEvent(ev, { mode: 'json', cpu: 2 });
 */
export function formatEvent(event: Event, options: FormatOptions = {}): string {
  const mode = options.mode ?? 'summary';
  if (!MODES.includes(mode)) {
    throw new FormatError('invalid-option', `unknown format mode "${String(mode)}"; use one of ${MODES.join(', ')}`);
  }
  const ctx = makeContext(event, options);
  const block = mode === 'dissect' || mode === 'hex';
  switch (event.type) {
    case 1:
      if (mode === 'json') return dropJSON(event, ctx);
      return block ? SEPARATOR + dropVerbose(event, mode === 'hex', ctx) : dropInfo(event, ctx);
    case 4:
      if (mode === 'json') return traceJSON(event, ctx);
      return block ? SEPARATOR + traceVerbose(event, mode === 'hex', ctx) : traceInfo(event, ctx);
    case 5:
      return policyInfo(event, ctx);
    case 2:
      if (mode === 'summary') return '';
      return mode === 'json' ? debugJSON(event, ctx) : debugLine(event, ctx);
    case 3:
      if (mode === 'json') return debugCaptureJSON(event, ctx);
      return block ? SEPARATOR + debugCaptureVerbose(event, mode === 'hex', ctx) : debugCaptureInfo(event, ctx);
    case 6:
      if (!ctx.dialect.recorder) {
        throw new FormatError('unsupported-message', `Cilium ${ctx.dialect.release} has no recorder capture messages`);
      }
      return recorderBlock(event, ctx);
    case 7:
      return mode === 'verbose' ? traceSockLine(event, ctx) : '';
    case 129: {
      const record = readLogRecord(event.payload);
      if (record === undefined) throw new FormatError('undecodable-payload', 'access log payload is not a readable gob LogRecord value');
      const error = logRecordValueError(record, ctx.dialect);
      if (error !== undefined) throw new FormatError('undecodable-payload', `Go's gob decoder rejects the access log: ${error}`);
      return mode === 'json' ? accessLogJSON(record, ctx.dialect) : accessLogText(record, ctx.dialect);
    }
    case 130:
      return mode === 'json' ? agentJSON(event, ctx) : agentLine(event, ctx);
    case 'unknown':
      return unknownEventLine(event, ctx);
  }
}
