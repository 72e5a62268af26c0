/**
 * L7 access logs (type 129) as `cilium monitor` prints them: the monitor gob-decodes the
 * agent's `accesslog.LogRecord` into `LogRecordNotify` and prints `DumpInfo` (every text mode)
 * or `json.Marshal` of `LogRecordNotifyVerbose` (`--json`). The record comes as the gob reader
 * returns it: fields by name, zero-valued ones absent, `[]byte` and marshaled values as bytes.
 */
import type { GobStruct } from '../decode/gob-log-record.js';
import { ipv4ToString, ipv6ToString } from '../packet/address.js';
import type { GobValue } from '../sources/gob/values.js';
import type { Dialect } from './dialect.js';
import { parseGoURL, type GoURL } from './go-url.js';
import { goJSON, type GoJSONObject, type GoJSONValue } from './json/go-json.js';
import { DNS_TYPE_NAMES } from './strings/dns-types.js';

const ZERO: GobStruct = {};

const str = (o: GobStruct, k: string): string => (typeof o[k] === 'string' ? o[k] : '');
const int = (o: GobStruct, k: string): number | bigint => (typeof o[k] === 'number' || typeof o[k] === 'bigint' ? o[k] : 0);
/** A pointer or nested struct: `undefined` when gob sent none (a nil pointer). */
const ptr = (o: GobStruct, k: string): GobStruct | undefined => {
  const v = o[k];
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Map) && !(v instanceof Uint8Array) ? (v as GobStruct) : undefined;
};
const list = (o: GobStruct, k: string): readonly GobValue[] | undefined => (Array.isArray(o[k]) ? (o[k] as GobValue[]) : undefined);
const map = (o: GobStruct, k: string): ReadonlyMap<GobValue, GobValue> | undefined => (o[k] instanceof Map ? o[k] : undefined);

/** `LabelArray.GetModel()`: `source:key=value` (no `=` for an empty value). */
function labels(endpoint: GobStruct): string[] {
  return (list(endpoint, 'Labels') ?? []).map((l) => {
    const label = l as GobStruct;
    const value = str(label, 'Value');
    return `${str(label, 'Source')}:${str(label, 'Key')}${value === '' ? '' : '=' + value}`;
  });
}

/** `l7Proto()`: the first protocol part present, in Go's order. */
function l7Proto(r: GobStruct, d: Dialect): string {
  if (ptr(r, 'HTTP')) return 'http';
  if (d.accessLog.kafka && ptr(r, 'Kafka')) return 'kafka';
  if (ptr(r, 'DNS')) return 'dns';
  const l7 = ptr(r, 'L7');
  return l7 ? str(l7, 'Proto') : 'unknown-l7';
}

function direction(point: string): string {
  return point === 'Ingress' ? '<-' : point === 'Egress' ? '->' : '??';
}

const isV4Mapped = (ip: Uint8Array): boolean => ip.length >= 16 && ip.subarray(0, 10).every((b) => b === 0) && ip[10] === 0xff && ip[11] === 0xff;
const hex = (ip: Uint8Array): string => Array.from(ip, (b) => b.toString(16).padStart(2, '0')).join('');

/** A DNS answer address as `String()` prints it (`net.IP` or `netip.Addr`). */
function ipText(ip: Uint8Array, d: Dialect): string {
  if (d.accessLog.dnsIPs === 'net.IP') {
    if (ip.length === 0) return '<nil>';
    if (ip.length === 4) return ipv4ToString(ip);
    return ip.length === 16 ? ipv6ToString(ip) : '?' + hex(ip);
  }
  if (ip.length === 0) return 'invalid IP';
  if (ip.length === 4) return ipv4ToString(ip);
  const zone = ip.length > 16 ? '%' + new TextDecoder().decode(ip.subarray(16)) : '';
  return (isV4Mapped(ip) ? '::ffff:' + ipv4ToString(ip, 12) : ipv6ToString(ip.subarray(0, 16))) + zone;
}

/** `MarshalText` of an address, or `undefined` where `net.IP`'s refuses (a length not 4 or 16). */
function ipJSON(ip: Uint8Array, d: Dialect): string | undefined {
  if (ip.length === 0) return '';
  if (d.accessLog.dnsIPs === 'net.IP' && ip.length !== 4 && ip.length !== 16) return undefined;
  return ipText(ip, d);
}

const bytesOf = (v: GobValue): Uint8Array => (v instanceof Uint8Array ? v : new Uint8Array(0));

/** The URL the HTTP part carries (its `String()` travels as bytes), or `undefined` for nil. */
function httpURL(http: GobStruct): { url: GoURL; text: string } | { error: string } | undefined {
  const raw = http.URL;
  if (raw === undefined) return undefined;
  return parseGoURL(new TextDecoder().decode(bytesOf(raw)));
}

/**
 * The error Go's decoder returns for a value it rejects past the type checks (`url.Parse` of
 * the HTTP URL, `netip.Addr` of a length it cannot be), or `undefined`.
 */
export function logRecordValueError(r: GobStruct, d: Dialect): string | undefined {
  const http = ptr(r, 'HTTP');
  const url = http && httpURL(http);
  if (url && 'error' in url) return url.error;
  const dns = ptr(r, 'DNS');
  if (dns && d.accessLog.dnsIPs === 'netip') {
    for (const ip of list(dns, 'IPs') ?? []) {
      const n = bytesOf(ip).length;
      if (n !== 0 && n !== 4 && n < 16) return 'unexpected slice size';
    }
  }
  return undefined;
}

/** `DumpInfo`: the summary line and one line per protocol part (no newline without one). */
export function accessLogText(r: GobStruct, d: Dialect): string {
  const src = ptr(r, 'SourceEndpoint') ?? ZERO;
  const dst = ptr(r, 'DestinationEndpoint') ?? ZERO;
  const type = str(r, 'Type');
  const lbl = (ep: GobStruct): string => `[${labels(ep).join(' ')}]`;
  const head = `${direction(str(r, 'ObservationPoint'))} ${type} ${l7Proto(r, d)}`;
  const tail = `, identity ${int(src, 'Identity')}->${int(dst, 'Identity')}, verdict ${str(r, 'Verdict')}`;
  let out = '';
  if (type === 'Request') out += `${head} from ${int(src, 'ID')} (${lbl(src)}) to ${int(dst, 'ID')} (${lbl(dst)})${tail}`;
  else if (type === 'Response') out += `${head} to ${int(dst, 'ID')} (${lbl(dst)}) from ${int(src, 'ID')} (${lbl(src)})${tail}`;

  const http = ptr(r, 'HTTP');
  if (http) {
    const url = httpURL(http);
    out += ` ${str(http, 'Method')} ${url && 'text' in url ? url.text : ''} => ${int(http, 'Code')}\n`;
  }
  const kafka = d.accessLog.kafka ? ptr(r, 'Kafka') : undefined;
  if (kafka) out += ` ${str(kafka, 'APIKey')} topic ${str(ptr(kafka, 'Topic') ?? ZERO, 'Topic')} => ${int(kafka, 'ErrorCode')}\n`;
  const dns = ptr(r, 'DNS');
  if (dns) {
    const qtypes = (list(dns, 'QTypes') ?? []).map((t) => DNS_TYPE_NAMES.get(Number(t)) ?? '').join(',');
    if (type === 'Request' || type === 'Response') out += ` DNS ${str(dns, 'ObservationSource')}: ${str(dns, 'Query')} ${qtypes}`;
    if (type === 'Response') {
      const ips = (list(dns, 'IPs') ?? []).map((ip) => ipText(bytesOf(ip), d)).join(',');
      out += ` TTL: ${int(dns, 'TTL')} Answer: '${ips}'`;
      const cnames = list(dns, 'CNAMEs') ?? [];
      if (cnames.length > 0) out += ` CNAMEs: ${cnames.join(',')}`;
    }
    out += '\n';
  }
  const l7 = ptr(r, 'L7');
  if (l7) {
    // Go ranges over the map (random order); gob's order is one of those Go can print.
    let status = '';
    for (const [k, v] of map(l7, 'Fields') ?? []) {
      if (k === 'status') status = v as string;
      else out += ` ${k as string}:${v as string}`;
    }
    if (status !== '') out += ` => status:${status}`;
    out += '\n';
  }
  return out;
}

/** An `http.Header` (or any `map[string][]string`): `null` when nil. */
function headerJSON(h: ReadonlyMap<GobValue, GobValue> | undefined): GoJSONValue {
  if (h === undefined) return null;
  const out = new Map<string, GoJSONValue>();
  for (const [k, v] of h) out.set(k as string, Array.isArray(v) && v.length > 0 ? (v as string[]) : null);
  return out;
}

/** `url.URL` as `encoding/json` writes it (it has no JSON or text marshaler): its fields. */
function urlJSON(u: GoURL, d: Dialect): GoJSONObject {
  const head = { Scheme: u.scheme, Opaque: u.opaque, User: u.user ? {} : null, Host: u.host, Path: u.path };
  if (d.accessLog.urlFields === 'go1.26') {
    return { ...head, Fragment: u.fragment, RawQuery: u.rawQuery, RawPath: u.rawPath, RawFragment: u.rawFragment, ForceQuery: u.forceQuery, OmitHost: u.omitHost };
  }
  return { ...head, RawPath: u.rawPath, OmitHost: u.omitHost, ForceQuery: u.forceQuery, RawQuery: u.rawQuery, Fragment: u.fragment, RawFragment: u.rawFragment };
}

const nonEmpty = <T>(v: readonly T[] | undefined): readonly T[] | undefined => (v === undefined || v.length === 0 ? undefined : v);
const nonZero = (v: number | bigint): number | bigint | undefined => (v === 0 || v === 0n ? undefined : v);
const nonBlank = (v: string): string | undefined => (v === '' ? undefined : v);

/**
 * `--json`: `LogRecordNotifyVerbose` marshaled, with its newline; `''` where `json.Marshal`
 * fails (a `net.IP` of another length than 4 or 16) and `DumpJSON` prints nothing.
 */
export function accessLogJSON(r: GobStruct, d: Dialect): string {
  const src = ptr(r, 'SourceEndpoint') ?? ZERO;
  const dst = ptr(r, 'DestinationEndpoint') ?? ZERO;
  const out: GoJSONObject = {
    type: 'logRecord',
    observationPoint: str(r, 'ObservationPoint'),
    flowType: str(r, 'Type'),
    l7Proto: l7Proto(r, d),
    srcEpID: int(src, 'ID'),
    srcEpLabels: labels(src),
    srcIdentity: int(src, 'Identity'),
    dstEpID: int(dst, 'ID'),
    dstEpLabels: labels(dst),
    dstIdentity: int(dst, 'Identity'),
    verdict: str(r, 'Verdict'),
  };
  const http = ptr(r, 'HTTP');
  if (http) {
    const url = httpURL(http);
    out.http = {
      Code: int(http, 'Code'),
      Method: str(http, 'Method'),
      URL: url && 'url' in url ? urlJSON(url.url, d) : null,
      Protocol: str(http, 'Protocol'),
      Headers: headerJSON(map(http, 'Headers')),
      MissingHeaders: headerJSON(map(http, 'MissingHeaders')),
      RejectedHeaders: headerJSON(map(http, 'RejectedHeaders')),
    };
  }
  const kafka = d.accessLog.kafka ? ptr(r, 'Kafka') : undefined;
  if (kafka) {
    const topic = str(ptr(kafka, 'Topic') ?? ZERO, 'Topic');
    out.kafka = { ErrorCode: int(kafka, 'ErrorCode'), APIVersion: int(kafka, 'APIVersion'), APIKey: str(kafka, 'APIKey'), CorrelationID: int(kafka, 'CorrelationID'), Topic: { Topic: nonBlank(topic) } };
  }
  const dns = ptr(r, 'DNS');
  if (dns) {
    const ips: string[] = [];
    for (const ip of list(dns, 'IPs') ?? []) {
      const text = ipJSON(bytesOf(ip), d);
      if (text === undefined) return '';
      ips.push(text);
    }
    out.dns = {
      Query: nonBlank(str(dns, 'Query')),
      IPs: nonEmpty(ips),
      TTL: nonZero(int(dns, 'TTL')),
      CNAMEs: nonEmpty(list(dns, 'CNAMEs') as string[] | undefined),
      ObservationSource: nonBlank(str(dns, 'ObservationSource')),
      RCode: nonZero(int(dns, 'RCode')),
      QTypes: nonEmpty(list(dns, 'QTypes') as number[] | undefined),
      AnswerTypes: nonEmpty(list(dns, 'AnswerTypes') as number[] | undefined),
    };
  }
  const l7 = ptr(r, 'L7');
  if (l7) {
    const fields = map(l7, 'Fields');
    out.l7 = { Proto: nonBlank(str(l7, 'Proto')), Fields: fields === undefined ? null : (fields as ReadonlyMap<string, string>) };
  }
  return goJSON(out) + '\n';
}
