/**
 * Go's `net/url` as an access log's HTTP record carries it: the agent gob-encodes a `*url.URL`
 * as its `String()`, the monitor decodes it with `url.Parse`, then prints `String()` (text) or
 * the struct's fields (`--json`). Strings here are byte strings (one char per UTF-8 byte), as
 * Go's parser walks bytes; `goURL` takes and returns ordinary strings.
 */

/** The `encoding` modes of `net/url` that parsing and printing use. */
type Mode = 'path' | 'host' | 'zone' | 'user' | 'query' | 'fragment';

/** A parsed URL: the exported fields of Go's `url.URL`, `user` standing for `*Userinfo`. */
export interface GoURL {
  scheme: string;
  opaque: string;
  /** `undefined` for a nil `*Userinfo`; its fields are unexported, so only presence shows. */
  user: { username: string; password: string | undefined } | undefined;
  host: string;
  path: string;
  rawPath: string;
  omitHost: boolean;
  forceQuery: boolean;
  rawQuery: string;
  fragment: string;
  rawFragment: string;
}

const isAlnum = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
const isHex = (c: number): boolean => (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
const unhex = (c: number): number => (c <= 0x39 ? c - 0x30 : (c | 0x20) - 0x61 + 10);

/** `shouldEscape`: whether byte `c` is escaped in a component of kind `mode`. */
function shouldEscape(c: number, mode: Mode): boolean {
  if (isAlnum(c)) return false;
  const ch = String.fromCharCode(c);
  if ((mode === 'host' || mode === 'zone') && `!$&'()*+,;=:[]<>"`.includes(ch)) return false;
  if ('-_.~'.includes(ch)) return false;
  if ('$&+,/:;=?@'.includes(ch)) {
    switch (mode) {
      case 'path':
        return ch === '?';
      case 'user':
        return ch === '@' || ch === '/' || ch === '?' || ch === ':';
      case 'query':
        return true;
      case 'fragment':
        return false;
    }
  }
  if (mode === 'fragment' && '!()*'.includes(ch)) return false;
  return true;
}

class URLError extends Error {}

/** `unescape`: `%XX` decoded, with the host and zone rules; throws Go's error text. */
function unescape(s: string, mode: Mode): string {
  let n = 0;
  for (let i = 0; i < s.length; ) {
    const c = s.charCodeAt(i);
    if (c === 0x25) {
      n++;
      if (i + 2 >= s.length || !isHex(s.charCodeAt(i + 1)) || !isHex(s.charCodeAt(i + 2))) {
        throw new URLError(`invalid URL escape ${goQuoteBytes(s.slice(i, i + 3))}`);
      }
      const three = s.slice(i, i + 3);
      if (mode === 'host' && unhex(s.charCodeAt(i + 1)) < 8 && three !== '%25') throw new URLError(`invalid URL escape ${goQuoteBytes(three)}`);
      if (mode === 'zone') {
        const v = (unhex(s.charCodeAt(i + 1)) << 4) | unhex(s.charCodeAt(i + 2));
        if (three !== '%25' && v !== 0x20 && shouldEscape(v, 'host')) throw new URLError(`invalid URL escape ${goQuoteBytes(three)}`);
      }
      i += 3;
    } else {
      if ((mode === 'host' || mode === 'zone') && c < 0x80 && shouldEscape(c, mode)) {
        throw new URLError(`invalid character ${goQuoteBytes(s[i]!)} in host name`);
      }
      i++;
    }
  }
  if (n === 0) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) === 0x25) {
      out += String.fromCharCode((unhex(s.charCodeAt(i + 1)) << 4) | unhex(s.charCodeAt(i + 2)));
      i += 2;
    } else out += s[i];
  }
  return out;
}

/** `escape` (never in query-component mode here, so `+` stays and spaces are `%20`). */
function escape(s: string, mode: Mode): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out += shouldEscape(c, mode) ? '%' + c.toString(16).toUpperCase().padStart(2, '0') : s[i];
  }
  return out;
}

/** `%q` of a short byte string in an error (printable ASCII only in the cases that reach it). */
function goQuoteBytes(s: string): string {
  return JSON.stringify(s);
}

function validOptionalPort(port: string): boolean {
  if (port === '') return true;
  if (port[0] !== ':') return false;
  return /^:[0-9]*$/.test(port);
}

function parseHost(host: string): string {
  const open = host.lastIndexOf('[');
  if (open > 0) throw new URLError('invalid IP-literal');
  if (open === 0) {
    const close = host.lastIndexOf(']');
    if (close < 0) throw new URLError("missing ']' in host");
    const colonPort = host.slice(close + 1);
    if (!validOptionalPort(colonPort)) throw new URLError(`invalid port ${goQuoteBytes(colonPort)} after host`);
    const port = unescape(colonPort, 'host');
    const name = host.slice(1, close);
    const zone = name.indexOf('%25');
    const unescaped = zone >= 0 ? unescape(name.slice(0, zone), 'host') + unescape(name.slice(zone), 'zone') : unescape(name, 'host');
    // Go checks the literal with netip.ParseAddr; IPv4 literals in brackets are refused.
    if (/^[0-9.]+$/.test(unescaped)) throw new URLError('invalid IP-literal');
    return '[' + unescaped + ']' + port;
  }
  const colon = host.lastIndexOf(':');
  if (colon !== -1 && !validOptionalPort(host.slice(colon))) throw new URLError(`invalid port ${goQuoteBytes(host.slice(colon))} after host`);
  return unescape(host, 'host');
}

function validUserinfo(s: string): boolean {
  return /^[A-Za-z0-9\-._:~!$&'()*+,;=%@\x80-\xff]*$/.test(s);
}

function parseAuthority(authority: string): Pick<GoURL, 'user' | 'host'> {
  const at = authority.lastIndexOf('@');
  const host = parseHost(at < 0 ? authority : authority.slice(at + 1));
  if (at < 0) return { user: undefined, host };
  const info = authority.slice(0, at);
  if (!validUserinfo(info)) throw new URLError('net/url: invalid userinfo');
  const colon = info.indexOf(':');
  if (colon < 0) return { user: { username: unescape(info, 'user'), password: undefined }, host };
  return { user: { username: unescape(info.slice(0, colon), 'user'), password: unescape(info.slice(colon + 1), 'user') }, host };
}

/** `getScheme`: the scheme and the rest. */
function getScheme(raw: string): [string, string] {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)) continue;
    if ((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e) {
      if (i === 0) return ['', raw];
      continue;
    }
    if (c === 0x3a) {
      if (i === 0) throw new URLError('missing protocol scheme');
      return [raw.slice(0, i), raw.slice(i + 1)];
    }
    return ['', raw];
  }
  return ['', raw];
}

function parseWithoutFragment(raw: string): GoURL {
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(raw)) throw new URLError('net/url: invalid control character in URL');
  const u: GoURL = { scheme: '', opaque: '', user: undefined, host: '', path: '', rawPath: '', omitHost: false, forceQuery: false, rawQuery: '', fragment: '', rawFragment: '' };
  if (raw === '*') {
    u.path = '*';
    return u;
  }
  let [scheme, rest] = getScheme(raw);
  u.scheme = scheme.toLowerCase();
  if (rest.endsWith('?') && rest.indexOf('?') === rest.length - 1) {
    u.forceQuery = true;
    rest = rest.slice(0, -1);
  } else {
    const q = rest.indexOf('?');
    if (q >= 0) {
      u.rawQuery = rest.slice(q + 1);
      rest = rest.slice(0, q);
    }
  }
  if (!rest.startsWith('/')) {
    if (u.scheme !== '') {
      u.opaque = rest;
      return u;
    }
    if (rest.split('/')[0]!.includes(':')) throw new URLError('first path segment in URL cannot contain colon');
  }
  if ((u.scheme !== '' || !rest.startsWith('///')) && rest.startsWith('//')) {
    let authority = rest.slice(2);
    rest = '';
    const slash = authority.indexOf('/');
    if (slash >= 0) {
      rest = authority.slice(slash);
      authority = authority.slice(0, slash);
    }
    Object.assign(u, parseAuthority(authority));
  } else if (u.scheme !== '' && rest.startsWith('/')) {
    u.omitHost = true;
  }
  u.path = unescape(rest, 'path');
  u.rawPath = escape(u.path, 'path') === rest ? '' : rest;
  return u;
}

const toBytes = (s: string): string => String.fromCharCode(...new TextEncoder().encode(s));
const fromBytes = (s: string): string => new TextDecoder().decode(Uint8Array.from(s, (c) => c.charCodeAt(0)));

function validEncoded(s: string, mode: Mode): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ("!$&'()*+,;=:@[]%".includes(s[i]!)) continue;
    if (shouldEscape(c, mode)) return false;
  }
  return true;
}

function escapedPath(u: GoURL): string {
  if (u.rawPath !== '' && validEncoded(u.rawPath, 'path')) {
    try {
      if (unescape(u.rawPath, 'path') === u.path) return u.rawPath;
    } catch {
      // Go falls back to escaping Path.
    }
  }
  return u.path === '*' ? '*' : escape(u.path, 'path');
}

function escapedFragment(u: GoURL): string {
  if (u.rawFragment !== '' && validEncoded(u.rawFragment, 'fragment')) {
    try {
      if (unescape(u.rawFragment, 'fragment') === u.fragment) return u.rawFragment;
    } catch {
      // Go falls back to escaping Fragment.
    }
  }
  return escape(u.fragment, 'fragment');
}

/** `URL.String()` over byte strings. */
function urlString(u: GoURL): string {
  let out = u.scheme === '' ? '' : u.scheme + ':';
  if (u.opaque !== '') out += u.opaque;
  else {
    if ((u.scheme !== '' || u.host !== '' || u.user !== undefined) && !(u.omitHost && u.host === '' && u.user === undefined)) {
      if (u.host !== '' || u.path !== '' || u.user !== undefined) out += '//';
      if (u.user !== undefined) {
        out += escape(u.user.username, 'user');
        if (u.user.password !== undefined) out += ':' + escape(u.user.password, 'user');
        out += '@';
      }
      if (u.host !== '') out += escape(u.host, 'host');
    }
    const path = escapedPath(u);
    if (path !== '' && path[0] !== '/' && u.host !== '') out += '/';
    if (out === '' && path.split('/')[0]!.includes(':')) out += './';
    out += path;
  }
  if (u.forceQuery || u.rawQuery !== '') out += '?' + u.rawQuery;
  if (u.fragment !== '') out += '#' + escapedFragment(u);
  return out;
}

/** What `url.Parse` returns for `raw`: the URL with its `String()`, or Go's error text. */
export function parseGoURL(raw: string): { url: GoURL; text: string } | { error: string } {
  const bytes = toBytes(raw);
  const hash = bytes.indexOf('#');
  const head = hash < 0 ? bytes : bytes.slice(0, hash);
  let u: GoURL;
  try {
    u = parseWithoutFragment(head);
  } catch (e) {
    if (e instanceof URLError) return { error: `parse ${JSON.stringify(fromBytes(head))}: ${e.message}` };
    throw e;
  }
  if (hash >= 0 && hash < bytes.length - 1) {
    const f = bytes.slice(hash + 1);
    try {
      u.fragment = unescape(f, 'fragment');
    } catch (e) {
      if (e instanceof URLError) return { error: `parse ${JSON.stringify(raw)}: ${e.message}` };
      throw e;
    }
    u.rawFragment = escape(u.fragment, 'fragment') === f ? '' : f;
  }
  const text = fromBytes(urlString(u));
  const decoded: GoURL = { ...u };
  for (const k of ['scheme', 'opaque', 'host', 'path', 'rawPath', 'rawQuery', 'fragment', 'rawFragment'] as const) decoded[k] = fromBytes(u[k]);
  return { url: decoded, text };
}
