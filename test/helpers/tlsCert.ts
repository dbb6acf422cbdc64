import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** A throw-away self-signed certificate for 127.0.0.1 (made with the system's openssl), and its files. */
export interface TestCert {
  key: string;
  cert: string;
  certFile: string;
  dir: string;
}

/** Creates a self-signed EC certificate valid for IP 127.0.0.1 and host localhost, for one day. */
export function createTestCert(): TestCert {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-tls-'));
  const keyFile = path.join(dir, 'key.pem');
  const certFile = path.join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', keyFile,
    '-out', certFile, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'], { stdio: 'ignore' });
  return { key: fs.readFileSync(keyFile, 'utf8'), cert: fs.readFileSync(certFile, 'utf8'), certFile, dir };
}
