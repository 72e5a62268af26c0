// The browser page of examples/browser/index.html: decodes pasted hex lines or a perf ring
// snapshot file entirely in the page (no server), with the library's WebAssembly ring walker.
import { decodeEvent, isDecodeError } from 'cilium-events';
import { formatEvent } from 'cilium-events/format';
import { initRingReader, readRecords } from 'cilium-events/ring';
import { releases } from 'cilium-events/tables';

const $ = (id) => document.getElementById(id);
const SAMPLE = [
  '# a 1.18 policy drop: 10.0.1.23:51234 -> 10.0.2.41:80 TCP SYN',
  '01850000000000003600000036000200b8bc00009623000071090000860801000e0000000000000000010203040506070809' +
    '0a0b08004500002800014000400600000a0001170a000229c822005000000001000000005002ffff00000000',
].join('\n');

function show(lines) {
  $('out').textContent = lines.join('');
}

function decodeAll(samples, release) {
  const out = [];
  for (const bytes of samples) {
    try {
      out.push(formatEvent(decodeEvent(bytes, { release }), { release }));
    } catch (e) {
      if (!isDecodeError(e)) throw e;
      out.push(`(skipped a malformed event: ${e.code} at byte ${e.offset})\n`);
    }
  }
  return out;
}

function hexSamples(text) {
  return text
    .split('\n')
    .map((l) => l.replace(/#.*/, '').replace(/\s+/g, ''))
    .filter((l) => l !== '')
    .map((l) => Uint8Array.from(l.match(/../g), (h) => parseInt(h, 16)));
}

for (const r of releases) $('release').append(new Option(r, r, r === '1.18', r === '1.18'));
$('hex').value = SAMPLE;
$('decode').onclick = () => show(decodeAll(hexSamples($('hex').value), $('release').value));
$('ring').onchange = async () => {
  const file = $('ring').files[0];
  if (!file) return;
  const { records, impl } = readRecords(new Uint8Array(await file.arrayBuffer()), { peek: true });
  const samples = records.filter((r) => r.kind === 'sample').map((r) => r.data);
  show([`${records.length} ring records (${impl} walker)\n`, ...decodeAll(samples, $('release').value)]);
};

// Compile the WebAssembly walker off the critical path; 'ts' under a CSP without 'wasm-unsafe-eval'.
const impl = await initRingReader();
document.body.dataset.ringImpl = impl;
$('decode').click();
document.body.dataset.ready = 'true';
