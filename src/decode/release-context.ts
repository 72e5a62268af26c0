/**
 * Everything the decoder needs for one release and byte order, compiled once from the
 * generated tables: plain objects of numeric offsets and name arrays.
 */
import type { ReleaseTables } from '../table-types.js';
import type { Release } from './types.js';
import type { DropLayout } from './drop.js';
import { compileDrop } from './drop.js';
import type { TraceLayout } from './trace.js';
import { compileTrace } from './trace.js';
import type { DebugLayout } from './debug.js';
import { compileDebug } from './debug.js';
import type { DebugCaptureLayout } from './debug-capture.js';
import { compileDebugCapture } from './debug-capture.js';
import type { PolicyLayout } from './policy.js';
import { compilePolicy } from './policy.js';
import type { RecorderLayout } from './recorder.js';
import { compileRecorder } from './recorder.js';
import type { SockLayout } from './sock.js';
import { compileSock } from './sock.js';
import type { ReleaseNames } from './names.js';
import { compileNames } from './names.js';
import { LayoutDefect } from './layout.js';

export interface ReleaseContext {
  release: Release;
  littleEndian: boolean;
  /** Whether capture headers carry an `ext_version` byte (v1.19+). */
  hasExtVersion: boolean;
  names: ReleaseNames;
  drop: DropLayout;
  debug: DebugLayout;
  debugCapture: DebugCaptureLayout;
  trace: TraceLayout;
  policy: PolicyLayout;
  /** `undefined` where the release has no recorder captures. */
  recorder: RecorderLayout | undefined;
  sock: SockLayout;
  /** Message type byte → whether this release defines it (datapath and agent types). */
  knownTypes: readonly boolean[];
}

/** Agent-side types: not in the datapath enum, defined by the Go monitor API of every release. */
const AGENT_TYPES = [129, 130];

/** Type numbers the dispatcher relies on (`CILIUM_NOTIFY_*`), checked against each release. */
const FIXED_TYPES: Readonly<Record<string, number>> = {
  CILIUM_NOTIFY_DROP: 1,
  CILIUM_NOTIFY_DBG_MSG: 2,
  CILIUM_NOTIFY_DBG_CAPTURE: 3,
  CILIUM_NOTIFY_TRACE: 4,
  CILIUM_NOTIFY_POLICY_VERDICT: 5,
  CILIUM_NOTIFY_CAPTURE: 6,
  CILIUM_NOTIFY_TRACE_SOCK: 7,
};

export function compileRelease(t: ReleaseTables, release: Release, littleEndian: boolean): ReleaseContext {
  for (const [name, value] of Object.entries(FIXED_TYPES)) {
    if (t.enums['CILIUM_NOTIFY']?.[name] !== value) throw new LayoutDefect(`${name} is not ${value} in ${release}`);
  }
  const names = compileNames(t, release);
  const recorder = compileRecorder(t, names, littleEndian);
  const drop = compileDrop(t, names, littleEndian);
  const knownTypes = new Array<boolean>(256).fill(false);
  for (const [name, value] of Object.entries(t.enums['CILIUM_NOTIFY'] ?? {})) {
    if (name !== 'CILIUM_NOTIFY_UNSPEC' && value > 0 && value < 256) knownTypes[value] = true;
  }
  // Recorder captures keep their enum value after pcap.h is gone; without the layout they are unknown.
  const recorderType = t.enums['CILIUM_NOTIFY']?.['CILIUM_NOTIFY_CAPTURE'];
  if (recorder === undefined && recorderType !== undefined) knownTypes[recorderType] = false;
  for (const v of AGENT_TYPES) knownTypes[v] = true;
  return {
    release,
    littleEndian,
    hasExtVersion: drop.hdr.extVersion >= 0,
    names,
    drop,
    debug: compileDebug(t, names, littleEndian),
    debugCapture: compileDebugCapture(t, names, littleEndian),
    trace: compileTrace(t, names, littleEndian),
    policy: compilePolicy(t, names, littleEndian),
    recorder,
    sock: compileSock(t, names, littleEndian),
    knownTypes,
  };
}
