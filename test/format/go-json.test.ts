import { describe, expect, it } from 'vitest';
import { goJSON } from '../../src/format/json/go-json.js';

describe('goJSON', () => {
  it('escapes strings as Go 1.22+ encoding/json does (what go1.25.12 printed for the same string)', () => {
    expect(goJSON('\b\f\x01<>&\u2028\t"\\')).toBe('"\\b\\f\\u0001\\u003c\\u003e\\u0026\\u2028\\t\\"\\\\"');
  });

  it('keeps field order and leaves out undefined members', () => {
    expect(goJSON({ b: 1, a: 'x', c: undefined, d: { e: 2n } })).toBe('{"b":1,"a":"x","d":{"e":2}}');
  });
});
