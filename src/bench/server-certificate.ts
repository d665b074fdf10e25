import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import forge from 'node-forge';

export interface ServerCertificate {
  key: string;
  cert: string;
  /** How it was made, for the report. */
  kind: string;
}

/**
 * A throwaway self-signed certificate for the bench's own loopback server: EC P-256
 * from the openssl CLI when present (cheapest handshakes, so the server is not the
 * bottleneck), else RSA 2048 signed by node-forge.
 */
export function serverCertificate(): ServerCertificate {
  try {
    return ecWithOpenssl();
  } catch {
    return rsaWithForge();
  }
}

function ecWithOpenssl(): ServerCertificate {
  const dir = mkdtempSync(path.join(tmpdir(), 'starttls-bench-'));
  try {
    const keyFile = path.join(dir, 'key.pem');
    execFileSync('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', keyFile], { stdio: 'ignore' });
    const cert = execFileSync(
      'openssl',
      ['req', '-new', '-x509', '-key', keyFile, '-subj', '/CN=bench.starttls.test', '-days', '2', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:bench.starttls.test'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
    );
    return { key: readFileSync(keyFile, 'utf8'), cert, kind: 'EC P-256 (openssl)' };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A leaf (EC P-256, for bench.starttls.test and 127.0.0.1, the chain served with its CA) issued by a
 * throwaway CA that the caller trusts, valid 90 days: a check of it comes back clean, as a healthy watched host's does.
 */
export function caIssuedCertificate(): ServerCertificate & { caPem: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'starttls-bench-ca-'));
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
  try {
    run('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', 'ca.key');
    run('req', '-new', '-x509', '-key', 'ca.key', '-subj', '/CN=starttls bench CA', '-days', '90', '-out', 'ca.pem');
    run('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', 'leaf.key');
    run('req', '-new', '-key', 'leaf.key', '-subj', '/CN=bench.starttls.test', '-out', 'leaf.csr');
    writeFileSync(path.join(dir, 'leaf.ext'), 'subjectAltName=IP:127.0.0.1,DNS:bench.starttls.test\nextendedKeyUsage=serverAuth\n');
    run('x509', '-req', '-in', 'leaf.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '90', '-extfile', 'leaf.ext', '-out', 'leaf.pem');
    const caPem = readFileSync(path.join(dir, 'ca.pem'), 'utf8');
    return { key: readFileSync(path.join(dir, 'leaf.key'), 'utf8'), cert: readFileSync(path.join(dir, 'leaf.pem'), 'utf8') + caPem, caPem, kind: 'EC P-256 issued by a bench CA (openssl)' };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function rsaWithForge(): ServerCertificate {
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(pair.publicKey);
  cert.serialNumber = '01';
  cert.validity.notBefore = new Date(Date.now() - 3_600_000);
  cert.validity.notAfter = new Date(Date.now() + 2 * 86_400_000);
  const name = [{ name: 'commonName', value: 'bench.starttls.test' }];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'bench.starttls.test' }] }]);
  cert.sign(forge.pki.privateKeyFromPem(pair.privateKey), forge.md.sha256.create());
  return { key: pair.privateKey, cert: forge.pki.certificateToPem(cert), kind: 'RSA 2048 (node-forge)' };
}
