// The consumer every runtime runs against the packed package (Node ESM and CommonJS, Bun,
// Deno, and Chromium as an esbuild bundle): plain JavaScript, web globals only.
//
// run(entries, load, options) loads each entry point through `load` (import(), require() or a
// bundle's static imports), lists its exports, and uses the portable entries end to end.
// It never throws for a failed check: it returns what it saw, and the test compares that
// with what it expects, so a failure shows every difference at once.

/** A 1.19 drop notification (48-byte header, no packet): DROP_POLICY, identities 2 → 1234, bpf_lxc.c:99. */
export function dropEvent() {
  const drop = new Uint8Array(48);
  const dv = new DataView(drop.buffer);
  drop[0] = 1; // CILIUM_NOTIFY_DROP
  drop[1] = 133; // DROP_POLICY
  dv.setUint32(8, 60, true); // len_orig
  drop[14] = 3; // version
  dv.setUint32(16, 2, true); // src_label
  dv.setUint32(20, 1234, true); // dst_label
  dv.setUint16(28, 99, true); // line
  drop[30] = 2; // file: bpf_lxc.c
  return drop;
}

/** One metadata page and one data page holding one PERF_RECORD_SAMPLE whose raw payload is `payload` (≤ 48 bytes). */
export function ringWith(payload) {
  const page = 4096;
  const region = new Uint8Array(2 * page);
  const m = new DataView(region.buffer);
  m.setBigUint64(1024, 64n, true); // data_head
  m.setBigUint64(1040, BigInt(page), true); // data_offset
  m.setBigUint64(1048, BigInt(page), true); // data_size
  m.setUint32(page, 9, true); // PERF_RECORD_SAMPLE
  m.setUint16(page + 6, 64, true); // record size: 8 header + 4 raw size + 52 raw
  m.setUint32(page + 8, 52, true); // raw_size
  region.set(payload, page + 12);
  return region;
}

export const specifier = (subpath) => (subpath === '.' ? 'cilium-events' : `cilium-events/${subpath.slice(2)}`);

/** The error `f` throws, or undefined. */
function caught(f) {
  try {
    f();
  } catch (e) {
    return e ?? new Error('threw a nullish value');
  }
  return undefined;
}

const describeError = (e, guard) => ({ threw: e?.name, code: e?.code, typed: guard(e), cause: e?.cause?.name });

/**
 * @param {string[]} entries subpaths of package.json "exports" to load ('.', './ring', …)
 * @param {(specifier: string) => Promise<object>} load
 * @param {{ wasm?: boolean }} options wasm: false where the runtime must refuse WebAssembly
 */
export async function run(entries, load, options = {}) {
  const wasm = options.wasm ?? true;
  const out = { entries: {}, checks: {} };
  const mods = {};
  for (const subpath of entries) {
    try {
      const m = await load(specifier(subpath));
      mods[subpath] = m;
      out.entries[subpath] = Object.keys(m)
        .filter((k) => k !== 'default' && k !== '__esModule' && k !== 'module.exports')
        .sort();
    } catch (e) {
      out.entries[subpath] = `failed to load: ${e?.name}: ${e?.message}`;
    }
  }
  const core = mods['.'];
  const tables = mods['./tables'];
  const format = mods['./format'];
  const ring = mods['./ring'];
  const c = out.checks;
  const drop = dropEvent();
  if (core) {
    let ev;
    const e = caught(() => (ev = core.decodeEvent(drop, { release: '1.19' })));
    c.decode = e ? describeError(e, core.isDecodeError) : { type: ev.type, fileName: ev.fileName, line: ev.line };
    const bad = caught(() => core.decodeEvent(drop.subarray(0, 10), { release: '1.19' }));
    c.badInput = bad ? describeError(bad, (x) => core.isDecodeError(x) && core.isCiliumEventsError(x)) : 'decoded';
    if (format) {
      let line;
      const fe = caught(() => (line = format.formatEvent(ev, { release: '1.19' })));
      c.format = fe ? describeError(fe, () => false) : line.split(' ').slice(0, 4).join(' ');
    }
  }
  if (tables) {
    let size;
    const e = caught(() => (size = tables.getTables('1.19').structs.drop_notify.size));
    c.tables = e ? describeError(e, () => false) : size;
  }
  if (ring && core) {
    c.init = await ring.initRingReader().catch((e) => `rejected: ${e?.name}`);
    const region = ringWith(drop);
    for (const impl of ['ts', 'auto', 'wasm']) {
      let got;
      const e = caught(() => {
        const read = ring.readRecords(region, { impl, peek: true });
        got = { impl: read.impl, records: read.records.length, type: core.decodeEvent(read.records[0].data).type };
      });
      c[`ring-${impl}`] = e ? describeError(e, ring.isRingError) : got;
    }
    if (!wasm) {
      // The refusal under test really is the runtime's: compiling any module fails here.
      c.runtimeRefusesWasm = await WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]))
        .then(() => false)
        .catch((e) => e?.name ?? true);
    }
  }
  return out;
}
