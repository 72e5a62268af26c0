/** C integer-constant semantics of evalConstant: values as a C compiler computes them (C11 6.4.4.1, 6.3.1.8). */
import { describe, expect, it } from 'vitest';
import { parseHeaders } from '../../../codegen/c/index.js';

function values(defs: Record<string, string>, prelude = ''): Record<string, bigint | undefined> {
  const text = prelude + Object.entries(defs).map(([k, v]) => `#define ${k} ${v}\n`).join('');
  const p = parseHeaders([{ path: 'c.h', text }]);
  return Object.fromEntries(Object.keys(defs).map((k) => [k, p.evalConstant(k)]));
}

describe('integer constants', () => {
  it('types literals by value and suffix', () => {
    expect(values({ A: '-1U', B: '0xFFFFFFFF + 1', C: '2147483648', D: '-1UL', E: '0x7fffffff + 1U', F: '010', G: '0b101', H: "'A'", I: "'\\x7f'", J: '1\'000' })).toEqual({
      A: 4294967295n, // unsigned int wraps
      B: 0n, // hex literal is unsigned int, wraps
      C: 2147483648n, // a decimal literal too large for int is long
      D: 18446744073709551615n,
      E: 2147483648n,
      F: 8n,
      G: 5n,
      H: 65n,
      I: 127n,
      J: 1000n,
    });
  });
  it('applies the usual arithmetic conversions and truncating division', () => {
    expect(values({ A: '-7 / 2', B: '-7 % 2', C: '(-1 < 0U)', D: '(-1L < 0U)', E: '1UL << 63', F: '~0ULL >> 60', G: '(5 > 3) + (2 == 2) + !0', H: '1 ? 2 : 3', I: '0 ? 2U : -1' })).toEqual({
      A: -3n, B: -1n,
      C: 0n, // -1 becomes UINT_MAX
      D: 1n, // long holds every unsigned int: signed comparison
      E: 9223372036854775808n, F: 15n, G: 3n, H: 2n,
      I: 4294967295n, // the conditional's type is unsigned int
    });
  });
  it('evaluates casts and sizeof with the header types', () => {
    expect(values({ A: '(__u8)0x1ff', B: '(__s8)0xff', C: '(__u16)-1', D: 'sizeof(__u64)', E: 'sizeof(struct pair)', F: '(int)sizeof(union both) * 2' }, 'struct pair { __u32 a; __u8 b; };\nunion both { __u16 h; __u8 c[3]; };\n')).toEqual({
      A: 255n, B: -1n, C: 65535n, D: 8n, E: 8n, F: 8n,
    });
  });
  it('does not evaluate the skipped operands of &&, || and ?:', () => {
    expect(values({ A: '0 && 1 / 0', B: '1 || 1 / 0', C: '1 ? 2 : 1 / 0', D: '0 ? 1 << 99 : 3', E: '1 && 1 / 0' })).toEqual({ A: 0n, B: 1n, C: 2n, D: 3n, E: undefined });
    const p = parseHeaders([{ path: 'if.h', text: '#if defined(DIV) && 100 / DIV > 1\nstruct big { __u8 a; };\n#endif\n' }]);
    expect(p.records.size).toBe(0);
  });
  it('does not treat non-constant macros as numbers', () => {
    expect(values({ A: '({ int x = 1; x; })', B: 'foo(1)', C: '1.5', D: '', E: '1 / 0' })).toEqual({ A: undefined, B: undefined, C: undefined, D: undefined, E: undefined });
  });
});
