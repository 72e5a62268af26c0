import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CParseError, parseHeaders } from '../../codegen/c/index.js';
import { extractDropReasons, extractEnumGroups, extractStructs, FEATURE_DEFINES, MissingDefinitionError } from '../../codegen/c-tables.js';
import { extractSourceFileIds } from '../../codegen/source-files.js';

const read = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('source file ids', () => {
  it('reads every _strcase_ call between the markers, whatever the spacing', () => {
    expect(extractSourceFileIds(read('source_info.h'), 'bpf/lib/source_info.h')).toEqual({
      1: 'prog_a.c',
      2: 'prog_b.c',
      101: 'lib_x.h',
      102: 'lib_y.h',
    });
  });

  it('fails with file and line when the markers are missing', () => {
    const text = read('source_info.h').replace('@@ source files list begin', 'list');
    expect(() => extractSourceFileIds(text, 'bpf/lib/source_info.h')).toThrow(CParseError);
    expect(() => extractSourceFileIds(text, 'bpf/lib/source_info.h')).toThrow(/^bpf\/lib\/source_info\.h:\d+:\d+: expected/);
  });

  it('fails on a call that is not (integer, "name") and on a repeated id', () => {
    const bad = read('source_info.h').replace('_strcase_(2,"prog_b.c")', '_strcase_(TWO, "prog_b.c")');
    expect(() => extractSourceFileIds(bad, 'f.h')).toThrow(/f\.h:17:\d+: expected _strcase_\(<integer>, "<file name>"\)/);
    const dup = read('source_info.h').replace('_strcase_(2,', '_strcase_(1,');
    expect(() => extractSourceFileIds(dup, 'f.h')).toThrow(/1 is prog_a\.c/);
  });
});

describe('drop reasons and groups from a header fixture', () => {
  const program = parseHeaders([{ path: 'bpf/lib/monitor.h', text: read('monitor.h') }], { defines: { ...FEATURE_DEFINES } });

  it('maps negative DROP_* and small REASON_* to wire codes, preferring literal definitions over aliases', () => {
    expect(extractDropReasons(program)).toEqual({
      0: 'REASON_FORWARDED',
      3: 'REASON_PLAINTEXT',
      130: 'DROP_UNUSED1',
      133: 'DROP_POLICY',
      134: 'DROP_INVALID',
      200: 'DROP_ALIAS_NEW',
    });
  });

  it('groups anonymous enums by an anchor member and tagged enums by tag', () => {
    const groups = extractEnumGroups(program);
    expect(groups['CILIUM_NOTIFY']).toEqual({ CILIUM_NOTIFY_UNSPEC: 0, CILIUM_NOTIFY_DROP: 1, CILIUM_NOTIFY_TRACE: 4 });
    expect(groups['DBG']).toEqual({ DBG_UNSPEC: 0, DBG_GENERIC: 1, DBG_ENCAP: 2 });
    expect(groups['DBG_CAPTURE']).toEqual({ DBG_CAPTURE_UNSPEC: 0, DBG_CAPTURE_DELIVERY: 4 });
    expect(groups['POLICY']).toEqual({ POLICY_INGRESS: 1, POLICY_EGRESS: 2 });
    expect(groups['trace_point']).toEqual({ TRACE_POINT_UNKNOWN: -1, TRACE_TO_LXC: 0, TRACE_TO_PROXY: 1 });
    expect(groups['trace_reason']).toEqual({ TRACE_REASON_POLICY: 0, TRACE_REASON_ENCRYPTED: 128 });
    // Optional groups absent from the fixture are left out rather than emitted empty.
    expect(groups['CAPTURE']).toBeUndefined();
    expect(groups['CLS_FLAG']).toBeUndefined();
  });

  it('evaluates version defines, including those inside feature conditionals', () => {
    expect(extractEnumGroups(program)['NOTIFY_VER']).toEqual({ NOTIFY_CAPTURE_VER: 1, NOTIFY_TRACE_VER: 2 });
  });

  it('names a required struct the headers do not define', () => {
    expect(() => extractStructs(program)).toThrow(MissingDefinitionError);
    expect(() => extractStructs(program)).toThrow('the pinned headers lack a definition of struct drop_notify');
  });

  it('names a required enum group the headers do not define', () => {
    const partial = parseHeaders([{ path: 'x.h', text: 'enum { CILIUM_NOTIFY_DROP = 1 };\n' }]);
    expect(() => extractEnumGroups(partial)).toThrow('the pinned headers lack a definition of enum trace_point');
  });
});

describe('broken enums', () => {
  it('skips an unparsable anonymous enum that is not needed', () => {
    const text = `${read('monitor.h')}\nenum { BROKEN = UNDEFINED_NAME + 1 };\n`;
    const program = parseHeaders([{ path: 'bpf/lib/monitor.h', text }], { defines: { ...FEATURE_DEFINES } });
    expect(extractEnumGroups(program)['CILIUM_NOTIFY']).toEqual({ CILIUM_NOTIFY_UNSPEC: 0, CILIUM_NOTIFY_DROP: 1, CILIUM_NOTIFY_TRACE: 4 });
  });

  it('reports the parse error, with file and line, when the needed enum is the broken one', () => {
    const text = read('monitor.h').replace('CILIUM_NOTIFY_TRACE = 4,', 'CILIUM_NOTIFY_TRACE = NOT_DEFINED,');
    const program = parseHeaders([{ path: 'bpf/lib/monitor.h', text }], { defines: { ...FEATURE_DEFINES } });
    expect(() => extractEnumGroups(program)).toThrow(CParseError);
    expect(() => extractEnumGroups(program)).toThrow(/^bpf\/lib\/monitor\.h:\d+:\d+: /);
  });
});

describe('source file names', () => {
  it('rejects a file name string with escapes instead of guessing', () => {
    const text = read('source_info.h').replace('"prog_b.c"', '"prog\\\\b.c"');
    expect(() => extractSourceFileIds(text, 'f.h')).toThrow(/expected a plain "file name" string/);
  });
});
