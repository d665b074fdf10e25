import { X509Certificate } from 'node:crypto';
import { readOptionFile } from './read-option-file';
import { UsageError } from './usage-error';

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/**
 * The PEM text of each `--ca` file, refused when it holds no certificate that parses: a trust
 * anchor silently ignored would turn into a confusing `cert-untrusted` finding later.
 */
export function readCaFiles(files: string[]): string[] {
  return files.map((file) => {
    const text = readOptionFile('--ca', file);
    const blocks = text.match(PEM_BLOCK) ?? [];
    if (blocks.length === 0) throw new UsageError(`--ca ${file} holds no PEM certificate (-----BEGIN CERTIFICATE-----); convert DER with: openssl x509 -inform der -in ${file} -out ca.pem`);
    for (const block of blocks) {
      try {
        new X509Certificate(block);
      } catch {
        throw new UsageError(`--ca ${file} holds a certificate that does not parse; check the file is a complete PEM certificate`);
      }
    }
    return text;
  });
}
