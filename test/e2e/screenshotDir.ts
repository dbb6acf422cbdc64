import * as path from 'node:path';

/**
 * Where e2e tests save their screenshots: the README's images in docs/images when UPDATE_SCREENSHOTS=1, else
 * out/screenshots, so an ordinary test run leaves the tracked files alone.
 */
export function screenshotDir(root: string): string {
  return process.env.UPDATE_SCREENSHOTS === '1' ? path.join(root, 'docs', 'images') : path.join(root, 'out', 'screenshots');
}
