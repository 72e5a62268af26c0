import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError, type FlagSpec } from '../../src/cli/args.js';

const specs: FlagSpec[] = [
  { name: 'verbose', short: 'v', kind: 'count', help: '' },
  { name: 'json', short: 'j', kind: 'bool', help: '' },
  { name: 'input', short: 'i', kind: 'value', help: '' },
  { name: 'type', short: 't', kind: 'list', help: '' },
  { name: 'tcp-flags', kind: 'list', keepCommas: true, help: '' },
];

describe('parseArgs', () => {
  it('reads long, short, clustered and inline forms', () => {
    const a = parseArgs(['-vv', '--json', '-i', 'hex', '--type=drop', '-ttrace', 'file.hex'], specs);
    expect(a.counts.get('verbose')).toBe(2);
    expect(a.bools.has('json')).toBe(true);
    expect(a.values.get('input')).toBe('hex');
    expect(a.lists.get('type')).toEqual(['drop', 'trace']);
    expect(a.positionals).toEqual(['file.hex']);
  });

  it('splits list values on commas unless told not to', () => {
    const a = parseArgs(['-t', 'drop,trace', '--tcp-flags', 'SYN,ACK', '--tcp-flags', 'FIN'], specs);
    expect(a.lists.get('type')).toEqual(['drop', 'trace']);
    expect(a.lists.get('tcp-flags')).toEqual(['SYN,ACK', 'FIN']);
  });

  it('treats - as a positional and everything after -- as positionals', () => {
    expect(parseArgs(['-', '--', '--json'], specs).positionals).toEqual(['-', '--json']);
  });

  it.each([
    [['--nope']],
    [['-x']],
    [['--input']],
    [['-i', 'hex', '--input', 'bin']],
    [['--json=yes']],
    [['--type', ',']],
  ])('rejects %j', (argv) => {
    expect(() => parseArgs(argv, specs)).toThrow(UsageError);
  });
});
