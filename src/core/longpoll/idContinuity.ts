import type { EventFlag } from '../records';

/** Checks each event id against the ones seen before, across polls. */
export interface IdContinuity {
  /** Flags for an event with `id` (none for events without an id), and remembers it. */
  check(id: string | null): EventFlag[];
}

/**
 * Creates a checker: an id seen before is a `duplicate` (the server ignored or rewound the cursor); an integer id
 * below the highest one seen is `out-of-order`. Remembers the last `limit` ids, so memory stays bounded on a long
 * session. Gaps are not flagged: many APIs number ids sparsely.
 */
export function createIdContinuity(limit = 10_000): IdContinuity {
  const seen = new Set<string>();
  let highest: bigint | undefined;
  return {
    check(id) {
      if (id === null) return [];
      const flags: EventFlag[] = [];
      if (seen.has(id)) flags.push('duplicate');
      else {
        seen.add(id);
        if (seen.size > limit) seen.delete(seen.values().next().value as string); // oldest first: Sets keep insertion order
      }
      if (/^-?\d+$/.test(id)) {
        const n = BigInt(id);
        if (highest !== undefined && n < highest && !flags.includes('duplicate')) flags.push('out-of-order');
        if (highest === undefined || n > highest) highest = n;
      }
      return flags;
    },
  };
}
