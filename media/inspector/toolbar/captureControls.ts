import { button } from '../dom';
import type { PostToHost } from '../post';
import type { Toolbar } from './toolbar';

/** Export: the host asks where to save and writes the retained records as an NDJSON capture. */
export function createCaptureControls(toolbar: Toolbar, post: PostToHost): void {
  const group = toolbar.addGroup('capture', 'Capture', 90);
  const exportButton = button('Export…', { id: 'export', title: 'Save the retained records as a capture file (NDJSON, secrets redacted)' });
  exportButton.addEventListener('click', () => post({ type: 'export' }));
  group.append(exportButton);
}
