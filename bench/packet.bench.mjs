// dissectPacket throughput on typical monitor captures (run by `npm run bench` against dist/packet.js):
// IPv4/TCP, IPv6 with a hop-by-hop header/UDP, and VXLAN-encapsulated TCP; layers only, and with
// the inner flow's address strings and ports read as a summary would.
import { performance } from 'node:perf_hooks';
import { dissectPacket } from '../dist/packet.js';

const COUNT = 1024;

function h(text) {
  const digits = text.replace(/#.*$/gm, '').replace(/\s+/g, '');
  return Uint8Array.from(digits.match(/../g), (b) => parseInt(b, 16));
}

const ipv4Tcp = h(`
  020000000002 020000000001 0800
  45000064 00014000 40060000 0a000001 0a000102
  9c401f90 00000001 00000000 8010ffff 00000000` + '00'.repeat(60));
const ipv6Udp = h(`
  020000000002 020000000001 86dd
  60000000 00280040 f00d0000000000000a0f000000000001 f00d0000000000000a0f000000000002
  11000104 00000000
  30390035 00200000` + '00'.repeat(24));
const vxlanTcp = h(`
  111213141516 010203040506 0800
  4500005a 00010000 40110000 01010101 02020202
  21182118 00460000 08000000 00000200
  0233456789ab 0123456789ab 0800
  45000028 00010000 40060000 01020304 05060708
  005001bb 00000000 00000000 50022000 00000000`);
const frames = [ipv4Tcp, ipv6Udp, vxlanTcp];

function rate(fn, ms = 600) {
  for (let i = 0; i < 3; i++) fn();
  let ops = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    fn();
    ops += COUNT;
    now = performance.now();
  }
  return (ops * 1000) / (now - start);
}

let sink = 0;
const results = {};
for (const [name, frame] of [['IPv4/TCP', ipv4Tcp], ['IPv6+HBH/UDP', ipv6Udp], ['VXLAN/TCP', vxlanTcp]]) {
  results[`${name} layers`] = rate(() => {
    for (let i = 0; i < COUNT; i++) sink += dissectPacket(frame).layers.length;
  });
}
results['mix + inner flow text'] = rate(() => {
  for (let i = 0; i < COUNT; i++) {
    const f = dissectPacket(frames[i % 3]).inner;
    if (f !== null) sink += f.src.length + f.dst.length + (f.srcPort ?? 0);
  }
});
for (const [name, r] of Object.entries(results)) console.log(`${name.padEnd(28)} ${(r / 1e6).toFixed(2)} M/s`);
if (sink === 0.5) console.log('');
