/** A small seeded PRNG (mulberry32), so random splits are reproducible from the seed in a failure message. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A named way to cut a byte stream into chunks. */
export interface Chunking {
  name: string;
  chunks: Buffer[];
}

/** The stream whole, byte by byte, and at `randomRuns` seeded random splits. */
export function chunkings(bytes: Buffer, randomRuns = 20): Chunking[] {
  const out: Chunking[] = [{ name: 'whole', chunks: [bytes] }];
  out.push({ name: 'byte by byte', chunks: [...bytes].map((b) => Buffer.from([b])) });
  for (let seed = 1; seed <= randomRuns; seed++) {
    const random = seededRandom(seed);
    const chunks: Buffer[] = [];
    for (let i = 0; i < bytes.length;) {
      const size = 1 + Math.floor(random() * 7);
      chunks.push(bytes.subarray(i, i + size));
      i += size;
    }
    out.push({ name: `random split, seed ${seed}`, chunks });
  }
  return out;
}
