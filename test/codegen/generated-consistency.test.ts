/**
 * Always-on checks of the committed generated modules: every generated name has its display
 * text unless it is one of the gaps documented in docs/codegen.md (names that Cilium's Go code
 * itself has no string for), and the modules still match their pins.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { verifyRecorded } from '../../codegen/check.js';
import { moduleName } from '../../codegen/emit.js';
import { loadPins } from '../../codegen/pins.js';
import { getTables, releases } from '../../src/tables.js';

const pre119 = ['1.16', '1.17.0', '1.17', '1.18'];

/** C names without a Go text, per release (docs/codegen.md, "Known gaps"). */
const gaps = {
  dropReasons: ['DROP_UNSUPP_SERVICE_PROTO'],
  messageTypes: (r: string) => (r === '1.19' || r === '1.20' ? ['CILIUM_NOTIFY_UNSPEC', 'CILIUM_NOTIFY_CAPTURE'] : ['CILIUM_NOTIFY_UNSPEC']),
  debugMessages: (r: string) => (pre119.includes(r) ? ['DBG_UNSPEC', 'DBG_SKIP_POLICY'] : ['DBG_UNSPEC', 'DBG_LB6_LOOPBACK_SNAT_REV']),
  debugCaptures: ['DBG_CAPTURE_UNSPEC', 'DBG_CAPTURE_FROM_RESERVED1', 'DBG_CAPTURE_FROM_RESERVED2', 'DBG_CAPTURE_FROM_RESERVED3'],
};

const missingTexts = (names: Record<string, number>, texts: Record<string, string> | undefined): string[] =>
  Object.entries(names)
    .filter(([, v]) => texts?.[String(v)] === undefined)
    .map(([n]) => n)
    .sort();

describe.each(releases)('generated tables of %s', (release) => {
  const t = getTables(release);

  it('every drop reason name has its text, except the documented C-only codes', () => {
    const byName = Object.fromEntries(Object.entries(t.dropReasons).map(([code, name]) => [name, Number(code)]));
    expect(missingTexts(byName, t.texts['dropReasons'])).toEqual(gaps.dropReasons);
    // And the other way round: Go strings for codes the C side has no name for.
    const goOnly = Object.keys(t.texts['dropReasons']!).filter((code) => t.dropReasons[Number(code)] === undefined);
    expect(goOnly).toEqual(release === '1.20' ? ['2', '11', '206'] : release === '1.19' ? ['2', '11'] : ['2']);
  });

  it('every trace observation point has the name cilium monitor prints', () => {
    const points = Object.fromEntries(Object.entries(t.enums['trace_point']!).filter(([, v]) => v >= 0));
    expect(missingTexts(points, t.texts['traceObservationPoints'])).toEqual([]);
    expect(t.texts['traceObservationPoints']!['0']).toBe('to-endpoint');
    // The proxy summary is composed at run time ("-> proxy" plus an optional port), so Go has no fixed text.
    expect(missingTexts(points, t.texts['traceSummaries'])).toEqual(['TRACE_TO_PROXY']);
  });

  it('every file id has a name, and files.go agrees with source_info.h', () => {
    expect(Object.keys(t.fileIds).length).toBeGreaterThan(10);
    for (const name of Object.values(t.fileIds)) expect(name).toMatch(/^[a-z0-9_]+\.[ch]$/);
    expect(t.texts['fileNames']).toEqual(Object.fromEntries(Object.entries(t.fileIds).map(([k, v]) => [k, v])));
  });

  it('every message type, trace reason, match type and translation point has its text', () => {
    expect(missingTexts(t.enums['CILIUM_NOTIFY']!, t.texts['messageTypes'])).toEqual(gaps.messageTypes(release).sort());
    const reasons = Object.fromEntries(Object.entries(t.enums['trace_reason']!).filter(([n]) => n !== 'TRACE_REASON_ENCRYPTED'));
    expect(missingTexts(reasons, t.texts['traceReasons'])).toEqual([]);
    expect(missingTexts(t.enums['POLICY_MATCH']!, t.texts['policyMatchTypes'])).toEqual([]);
    const xlate = Object.fromEntries(Object.entries(t.enums['xlate_point']!).filter(([n]) => n !== 'XLATE_UNKNOWN'));
    expect(missingTexts(xlate, t.texts['xlatePoints'])).toEqual([]);
    const l4 = Object.fromEntries(Object.entries(t.enums['l4_protocol']!).filter(([n]) => n !== 'L4_PROTOCOL_UNKNOWN'));
    expect(missingTexts(l4, t.texts['l4Protocols'])).toEqual([]);
    expect(missingTexts(t.enums['ct_status']!, t.texts['ctStates'])).toEqual([]);
  });

  it('debug subtypes have texts except the documented gaps of the Go decoder', () => {
    expect(missingTexts(t.enums['DBG']!, t.texts['debugMessages'])).toEqual(gaps.debugMessages(release).sort());
    expect(missingTexts(t.enums['DBG_CAPTURE']!, t.texts['debugCaptures'])).toEqual([...gaps.debugCaptures].sort());
  });

  it('struct fields are listed in offset order and lie inside the struct', () => {
    for (const [tag, s] of Object.entries(t.structs)) {
      let last = 0;
      for (const f of s.fields) {
        expect(f.offset, `${tag}.${f.name}`).toBeGreaterThanOrEqual(last);
        expect(f.offset + f.size, `${tag}.${f.name}`).toBeLessThanOrEqual(s.size);
        last = f.offset;
      }
    }
  });

  it('records the pinned commit and inputs and was not edited by hand', () => {
    const pin = loadPins().releases.find((p) => p.release === release)!;
    expect(t.commit).toBe(pin.commit);
    expect(t.version).toBe(pin.version);
    const text = readFileSync(new URL(`../../src/generated/${moduleName(release)}.gen.ts`, import.meta.url), 'utf8');
    expect(verifyRecorded(text, pin)).toEqual([]);
  });
});
