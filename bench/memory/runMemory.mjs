// Memory of retained records in the extension host's stand-in (a plain Node process holding a Session).
import { fileURLToPath } from 'node:url';
import { runNode, startNodeService } from '../lib/processes.mjs';

const CHILD = fileURLToPath(new URL('./retainedSession.mjs', import.meta.url));
const LOAD_SERVER = fileURLToPath(new URL('../lib/loadServer.mjs', import.meta.url));

/** Retains `count` 100-byte events and reports heap and RSS after a full GC. */
export async function runMemory({ count = 1_000_000 } = {}) {
  const server = await startNodeService(LOAD_SERVER);
  try {
    await fetch(`${server.line}/warm/bulk?count=${count}`);
    const out = await runNode(['--expose-gc', CHILD, server.line, String(count)], { timeoutMs: 120_000 });
    return { count, ...JSON.parse(out.trim().split('\n').pop()) };
  } finally {
    server.stop();
  }
}

/** Prints the memory figures and the verdict (DESIGN.md: 10⁶ retained 100-byte events < 500 MB). */
export function printMemory(memory) {
  const mb = (v) => v.toLocaleString('en-US', { maximumFractionDigits: 0 });
  console.log(`\nMemory: ${memory.retained.toLocaleString('en-US')} retained 100-byte events in a Node process holding a Session`);
  console.log(`  heap used by them ${mb(memory.heapUsedMB)} MB (${mb(memory.bytesPerEvent)} B/event), process RSS ${mb(memory.rssMB)} MB (peak ${mb(memory.peakRssMB)} MB); ingest took ${mb(memory.elapsedMs)} ms`);
  console.log(`  with the inspector's filter index (JSON path index included): +${mb(memory.indexHeapMB)} MB (heap and typed arrays), RSS ${mb(memory.rssWithIndexMB)} MB; after a field filter (data.n == 7): +${mb(memory.fieldFilterHeapMB)} MB, RSS ${mb(memory.rssAfterFieldFilterMB)} MB`);
  console.log(`  < 500 MB: ${memory.rssMB < 500 ? 'met' : 'MISSED'} (by RSS, the stricter reading); with the index, after a field filter: ${memory.rssAfterFieldFilterMB < 500 ? 'met' : 'MISSED'}`);
}
