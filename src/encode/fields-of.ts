/**
 * What `encodeEvent` accepts, brought to one shape: the raw fields with bytes as `Uint8Array`
 * and u64 values as `bigint`.
 *
 * A decoded event computes `packet`, `extension`, the original/destination IP bytes and its u64
 * fields on access (prototype getters), so copies of it differ in what they still carry:
 * - the event itself: everything — passed through untouched;
 * - a spread (`{ ...ev, srcLabel: 7 }`): own fields plus the symbol-keyed source bytes that
 *   spreads copy — the computed fields are recomputed from those, with the spread as receiver
 *   so overridden fields (`capLen`, `version`) are honoured;
 * - its `toJSON()` view, or `JSON.parse` of `JSON.stringify(ev)`: hex strings and decimal
 *   strings, converted back here;
 * - `structuredClone(ev)`: own fields only — the computed ones are missing and the writers
 *   name the first one in a `missing-field` EncodeError.
 */
import { EncodeError } from '../errors.js';
import type { EncodableEvent, EventJSON } from '../decode/types.js';
import { LAYOUT } from '../decode/internal.js';
import { DropNotifyEvent } from '../decode/drop.js';
import { DebugCaptureEvent } from '../decode/debug-capture.js';
import { TraceNotifyEvent } from '../decode/trace.js';
import { PolicyVerdictEvent } from '../decode/policy.js';
import { RecorderCaptureEvent } from '../decode/recorder.js';
import { TraceSockEvent } from '../decode/sock.js';
import { AccessLogEvent, AgentNotifyEvent, UnknownMessageEvent } from '../decode/agent.js';

type Kind = 'bytes' | 'u64';

/** Per message type: the decoded class (whose getters compute the lazy fields), and the fields a copy may carry as text. */
type Lazy = Readonly<Record<string, { proto: object; fields: Readonly<Record<string, Kind>> }>>;

/** Built on first use: `.prototype` reads at module level would keep every event class in bundles that never encode. */
let lazyTable: Lazy | undefined;

function lazyFields(): Lazy {
  return (lazyTable ??= {
    1: { proto: DropNotifyEvent.prototype, fields: { packet: 'bytes', extension: 'bytes', ipTraceId: 'u64' } },
    3: { proto: DebugCaptureEvent.prototype, fields: { packet: 'bytes', extension: 'bytes' } },
    4: {
      proto: TraceNotifyEvent.prototype,
      fields: { packet: 'bytes', extension: 'bytes', origIpBytes: 'bytes', ipTraceId: 'u64' },
    },
    5: { proto: PolicyVerdictEvent.prototype, fields: { packet: 'bytes', extension: 'bytes' } },
    6: { proto: RecorderCaptureEvent.prototype, fields: { packet: 'bytes', tvBoot: 'u64' } },
    7: { proto: TraceSockEvent.prototype, fields: { dstIpBytes: 'bytes', sockCookie: 'u64', cgroupId: 'u64' } },
    129: { proto: AccessLogEvent.prototype, fields: { payload: 'bytes' } },
    130: { proto: AgentNotifyEvent.prototype, fields: { payload: 'bytes' } },
    unknown: { proto: UnknownMessageEvent.prototype, fields: { payload: 'bytes' } },
  });
}

/** The raw fields of `event`, whichever of the accepted forms it comes in. */
export function fieldsOf(event: EncodableEvent | EventJSON): EncodableEvent {
  const lazy = lazyFields()[event.type];
  if (lazy === undefined || Object.getPrototypeOf(event) === lazy.proto) return event as EncodableEvent;
  const src = event as unknown as Record<PropertyKey, unknown>;
  const out: Record<string, unknown> = { ...src };
  for (const [field, kind] of Object.entries(lazy.fields)) {
    let v = src[field];
    if (v === undefined && src[LAYOUT] !== undefined) v = Reflect.get(lazy.proto, field, src);
    out[field] = v === null ? undefined : typeof v === 'string' ? fromText(v, kind, field) : v;
  }
  return out as unknown as EncodableEvent;
}

function fromText(s: string, kind: Kind, field: string): Uint8Array | bigint {
  if (kind === 'u64') {
    if (!/^\d+$/.test(s)) throw new EncodeError('invalid-field', `${field} must be a decimal u64, got ${JSON.stringify(s)}`, field);
    return BigInt(s);
  }
  if (s.length % 2 !== 0 || !/^[\da-fA-F]*$/.test(s)) {
    throw new EncodeError('invalid-field', `${field} must be hex bytes, got ${JSON.stringify(s.slice(0, 24))}`, field);
  }
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(s.slice(2 * i, 2 * i + 2), 16);
  return out;
}
