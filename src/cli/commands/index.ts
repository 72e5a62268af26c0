/** The command table. New commands (pcap, watch) register here with their own module. */
import type { Command } from '../command.js';
import { decodeCommand } from './decode.js';
import { pcapCommand } from './pcap.js';
import { statsCommand } from './stats.js';
import { watchCommand } from './watch.js';

export const commands: readonly Command[] = [decodeCommand, statsCommand, pcapCommand, watchCommand];
