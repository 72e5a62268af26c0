/** Every DBG_* subtype of every release has its arguments named, except those Go prints none for. */
import { describe, expect, it } from 'vitest';
import { getTables } from '../../src/tables.js';
import { debugArgNames } from '../../src/decode/debug-args.js';
import { RELEASES } from '../helpers/event-arbitraries.js';

/**
 * From pkg/monitor/datapath_debug.go: no message at all for DBG_UNSPEC and DBG_SKIP_POLICY, and
 * a fixed text without arguments for these two.
 */
const WITHOUT_ARGS = ['DBG_UNSPEC', 'DBG_ICMP6_TIME_EXCEEDED', 'DBG_LB4_LOOKUP_FRONTEND_FAIL', 'DBG_SKIP_POLICY'];

describe('debug argument names', () => {
  for (const release of RELEASES) {
    it(release, () => {
      const names = Object.keys(getTables(release).enums['DBG'] ?? {});
      expect(names.length).toBeGreaterThan(60);
      const unnamed = names.filter((n) => debugArgNames(n).every((a) => a === undefined));
      expect(unnamed.sort()).toEqual([...WITHOUT_ARGS].sort());
    });
  }

  it('names the values Go prints for a few subtypes', () => {
    expect(debugArgNames('DBG_CT_MATCH')).toEqual(['lifetime', 'revnat', undefined]);
    expect(debugArgNames('DBG_CT_LOOKUP4_1')).toEqual(['src', 'dst', 'ports']);
    expect(debugArgNames('DBG_L7_LB')).toEqual(['src', 'dst', 'proxyPort']);
    expect(debugArgNames(undefined)).toEqual([undefined, undefined, undefined]);
  });
});
