/**
 * Access logs (type 129) beyond the goldens (which hold every record of
 * test/fixtures/access-log): a URL Go's `url.Parse` rejects, and the JSON/text split.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeEvent } from '../../src/index.js';
import { formatEvent, formatSample } from '../../src/format/index.js';

const first = readFileSync(new URL('../fixtures/access-log/netip.hex', import.meta.url), 'utf8').split('\n')[0]!;
const hex = (s: string): string => Buffer.from(s).toString('hex');
/** The first fixture record with its URL's port made invalid (same length, so the gob stays framed). */
const badURL = Uint8Array.from(Buffer.from(first.replace(hex('svc:80/'), hex('svc:8x/')), 'hex'));

describe('access logs', () => {
  it('prints the request line in text modes and the verbose object in JSON', () => {
    const ev = decodeEvent(Buffer.from(first, 'hex'), { release: '1.19' });
    expect(formatEvent(ev)).toBe(
      '<- Request http from 1234 ([k8s:app=frontend k8s:io.kubernetes.pod.namespace=default]) to 2345 ([k8s:app=backend reserved:world]), identity 56789->16777217, verdict Forwarded GET http://backend.default.svc:80/api/v1/items?id=7 => 200\n',
    );
    expect(JSON.parse(formatEvent(ev, { mode: 'json' })).http.URL).toMatchObject({ Scheme: 'http', Host: 'backend.default.svc:80', Path: '/api/v1/items', RawQuery: 'id=7', User: null });
  });

  it("a URL url.Parse rejects is Go's decode error (1.19+) and undecodable-payload for formatEvent", () => {
    expect(formatSample(badURL, { release: '1.19' })).toBe(`cannot decode message type '129': parse "http://backend.default.svc:8x/api/v1/items?id=7": invalid port ":8x" after host\n`);
    expect(() => formatEvent(decodeEvent(badURL, { release: '1.19' }))).toThrow(expect.objectContaining({ code: 'undecodable-payload' }));
  });
});
