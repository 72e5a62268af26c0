/** Predicates over decoded events and the ways to combine them. */
import type { Event } from '../decode/types.js';

/** Keeps an event when it returns true. */
export type EventFilter = (event: Event) => boolean;

/**
 * True when every filter is (true for none).
 *
 * @example
 * const keep = allOf(byMessageType(['drop']), byPort([443]));
 */
export function allOf(...filters: EventFilter[]): EventFilter {
  if (filters.length === 1) return filters[0] as EventFilter;
  return (e) => filters.every((f) => f(e));
}

/**
 * True when any filter is (false for none).
 *
 * @example
 * const web = anyOf(byPort([80]), byPort([443]));
 */
export function anyOf(...filters: EventFilter[]): EventFilter {
  return (e) => filters.some((f) => f(e));
}

/**
 * The negation of a filter.
 *
 * @example
 * const notDns = not(byPort([53]));
 */
export function not(filter: EventFilter): EventFilter {
  return (e) => !filter(e);
}
