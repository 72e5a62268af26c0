/** The CPUs the kernel has online, from sysfs: `0-3,6` → [0, 1, 2, 3, 6]. */
import { readFileSync } from 'node:fs';

const ONLINE = '/sys/devices/system/cpu/online';

export function parseCpuList(text: string): number[] {
  const cpus: number[] = [];
  for (const part of text.trim().split(',')) {
    if (part === '') continue;
    const [from, to = from] = part.split('-').map(Number) as [number, number?];
    for (let cpu = from; cpu <= to; cpu++) cpus.push(cpu);
  }
  return cpus;
}

export function onlineCpus(): number[] {
  return parseCpuList(readFileSync(ONLINE, 'utf8'));
}
