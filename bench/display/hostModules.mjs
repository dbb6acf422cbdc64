// The real host side of the inspector, without VS Code: InspectorController, Session, RecordView and the page
// builder, bundled from src/ on the fly (they import no vscode), so the benchmark drives what the extension runs.
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const require = createRequire(import.meta.url);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Bundles and loads the host modules (once per process). */
export async function loadHostModules() {
  const outfile = path.join(ROOT, 'out', 'bench', 'hostModules.cjs');
  await esbuild.build({
    stdin: {
      contents: [
        "export { InspectorController } from './src/panel/inspectorController';",
        "export { renderInspectorHtml } from './src/panel/html';",
        "export { Session } from './src/core/session';",
        "export { RecordStore } from './src/core/recordStore';",
        "export { RecordView } from './src/core/query/recordView';",
        "export { warmUpQueryEngine } from './src/core/query/queryEngineWarmUp';",
      ].join('\n'),
      resolveDir: ROOT,
      loader: 'ts',
    },
    bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile, minify: true, logLevel: 'silent',
  });
  return require(outfile);
}
