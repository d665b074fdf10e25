import { execFileSync } from 'node:child_process';
import { AUTHORITY_INFO_ACCESS_OID, CA_ISSUERS_OID } from '../../src/certificate/authority-info-access';
import { generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import forge from 'node-forge';

/**
 * A throwaway PKI for tests: root CA, intermediate CA signed by the root, and
 * leaves issued by the intermediate. Names are under .test only; the only IP
 * SANs used are 127.0.0.1 and ::1. Keys come from node:crypto (far faster
 * than forge's JS key generation) and are shared per process; forge builds and
 * signs the RSA certificates; the openssl CLI makes the EC and Ed25519 ones,
 * which forge cannot handle.
 */

export const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export interface NameAttribute {
  /** forge short name (CN, C, ST, L, O, OU, E) or a dotted OID in `type`. */
  shortName?: string;
  name?: string;
  type?: string;
  value: string;
  /** ASN.1 string tag; defaults to PrintableString for C, UTF8String otherwise. */
  valueTagClass?: number;
}

export interface TestCertificate {
  keyPem: string;
  certPem: string;
  /** Leaf then intermediate: what a correctly configured server sends. */
  chainPem: string;
  /** The leaf alone: a server missing its intermediate. */
  leafOnlyPem: string;
  der: Buffer;
  notBefore: Date;
  notAfter: Date;
}

export interface TestCa {
  keyPem: string;
  certPem: string;
  der: Buffer;
  cert: forge.pki.Certificate;
  key: forge.pki.rsa.PrivateKey;
}

export interface LeafOptions {
  /** DER order, i.e. C first and CN last. Defaults to leafSubject(host). */
  subject?: NameAttribute[];
  dnsNames?: string[];
  ipAddresses?: string[];
  notBefore?: Date;
  notAfter?: Date;
  keyBits?: 1024 | 2048;
  digest?: 'sha256' | 'sha1' | 'md5';
  /** Sign with the leaf's own key and use the subject as issuer. */
  selfSigned?: boolean;
  /** Issue from this CA instead of the PKI's intermediate. */
  issuer?: TestCa;
  /** Authority Information Access caIssuers URIs to embed. */
  caIssuersUrls?: string[];
}

export interface TestPki {
  /** Reference time for every validity period below (whole seconds). */
  now: Date;
  root: TestCa;
  intermediate: TestCa;
  /** PEM of the root, to pass as `ca` to trust this PKI. */
  rootPem: string;
  /** Valid 10 days back to 90 days (and one hour) ahead; SAN DNS host, plus 127.0.0.1 when ip. */
  goodLeaf(host?: string, options?: { ip?: boolean }): TestCertificate;
  /** Expired 5 days (less one hour) before `now`. */
  expiredLeaf(host?: string): TestCertificate;
  /** Valid from 3 days after `now`. */
  notYetValidLeaf(host?: string): TestCertificate;
  /** Issued for other.example.test only. */
  wrongNameLeaf(): TestCertificate;
  /** Subject equals issuer, signed with its own key. */
  selfSignedLeaf(host?: string): TestCertificate;
  weakKeyLeaf(host?: string): TestCertificate;
  sha1Leaf(host?: string): TestCertificate;
  /** SAN *.example.test. */
  wildcardLeaf(): TestCertificate;
  /** EC P-256 key, issued by the (RSA) intermediate, so signed sha256WithRSAEncryption. */
  ecLeaf(host?: string): TestCertificate;
  /** EC P-256 key, self-signed, so signed ecdsa-with-SHA256. */
  ecSelfSignedLeaf(host?: string): TestCertificate;
  /** Ed25519 key, self-signed. */
  ed25519SelfSignedLeaf(host?: string): TestCertificate;
  /** Any other RSA leaf (forge). */
  issueLeaf(options: LeafOptions & { host?: string }): TestCertificate;
  /** Another CA signed by the root (or self-signed when selfSigned); keyBits and the root's digest as asked. */
  issueCa(subject: NameAttribute[], options?: CaOptions): TestCa;
}

export interface CaOptions {
  selfSigned?: boolean;
  keyBits?: 1024 | 2048;
  /** The digest the parent (or the CA itself, when self-signed) signs with. */
  digest?: 'sha256' | 'sha1';
}

export const DEFAULT_HOST = 'mx.example.test';

export function leafSubject(commonName: string): NameAttribute[] {
  return [
    { shortName: 'C', value: 'US' },
    { shortName: 'ST', value: 'Example State' },
    { shortName: 'L', value: 'Springfield' },
    { shortName: 'O', value: 'Example Test Org' },
    { shortName: 'CN', value: commonName },
  ];
}

export const ROOT_SUBJECT: NameAttribute[] = [
  { shortName: 'C', value: 'US' },
  { shortName: 'O', value: 'Starttls Test PKI' },
  { shortName: 'CN', value: 'Starttls Test Root CA' },
];

export const INTERMEDIATE_SUBJECT: NameAttribute[] = [
  { shortName: 'C', value: 'US' },
  { shortName: 'O', value: 'Starttls Test PKI' },
  { shortName: 'CN', value: 'Starttls Test Intermediate CA' },
];

let cached: TestPki | undefined;

/** The per-process PKI; built on first use, leaves made lazily and memoised. */
export function createTestPki(): TestPki {
  cached ??= buildPki(new Date(Math.floor(Date.now() / 1000) * 1000));
  return cached;
}

interface PooledKey {
  keyPem: string;
  key: forge.pki.rsa.PrivateKey;
  publicKey: forge.pki.rsa.PublicKey;
}

const keyPool = new Map<string, PooledKey>();

/** One RSA key per slot and size for the whole process. */
function rsaKey(slot: string, bits: number): PooledKey {
  const id = `${slot}/${bits}`;
  let entry = keyPool.get(id);
  if (!entry) {
    const { privateKey } = generateKeyPairSync('rsa', {
      modulusLength: bits,
      publicExponent: 0x10001,
      privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    const key = forge.pki.privateKeyFromPem(privateKey) as forge.pki.rsa.PrivateKey;
    entry = { keyPem: privateKey, key, publicKey: forge.pki.setRsaPublicKey(key.n, key.e) };
    keyPool.set(id, entry);
  }
  return entry;
}

function buildPki(now: Date): TestPki {
  const at = (offsetMs: number) => new Date(now.getTime() + offsetMs);
  const root = makeCa(ROOT_SUBJECT, 'root', undefined, now);
  const intermediate = makeCa(INTERMEDIATE_SUBJECT, 'intermediate', root, now);
  const leaves = new Map<string, TestCertificate>();
  const memo = (id: string, make: () => TestCertificate) => {
    let leaf = leaves.get(id);
    if (!leaf) {
      leaf = make();
      leaves.set(id, leaf);
    }
    return leaf;
  };
  const issue = (options: LeafOptions & { host?: string }) =>
    issueRsaLeaf(options.issuer ?? intermediate, now, options);

  return {
    now,
    root,
    intermediate,
    rootPem: root.certPem,
    goodLeaf: (host = DEFAULT_HOST, options = {}) =>
      memo(`good/${host}/${options.ip === true}`, () =>
        issue({ host, ipAddresses: options.ip ? ['127.0.0.1'] : [] }),
      ),
    expiredLeaf: (host = DEFAULT_HOST) =>
      memo(`expired/${host}`, () =>
        issue({ host, notBefore: at(-100 * DAY_MS), notAfter: at(-5 * DAY_MS + HOUR_MS) }),
      ),
    notYetValidLeaf: (host = DEFAULT_HOST) =>
      memo(`future/${host}`, () =>
        issue({ host, notBefore: at(3 * DAY_MS), notAfter: at(400 * DAY_MS + HOUR_MS) }),
      ),
    wrongNameLeaf: () => memo('wrong-name', () => issue({ host: 'other.example.test' })),
    selfSignedLeaf: (host = DEFAULT_HOST) => memo(`self/${host}`, () => issue({ host, selfSigned: true })),
    weakKeyLeaf: (host = DEFAULT_HOST) => memo(`weak/${host}`, () => issue({ host, keyBits: 1024 })),
    sha1Leaf: (host = DEFAULT_HOST) => memo(`sha1/${host}`, () => issue({ host, digest: 'sha1' })),
    wildcardLeaf: () => memo('wildcard', () => issue({ host: '*.example.test' })),
    ecLeaf: (host = DEFAULT_HOST) =>
      memo(`ec/${host}`, () => opensslLeaf({ host, keyAlgorithm: 'ec', issuer: intermediate })),
    ecSelfSignedLeaf: (host = DEFAULT_HOST) =>
      memo(`ec-self/${host}`, () => opensslLeaf({ host, keyAlgorithm: 'ec' })),
    ed25519SelfSignedLeaf: (host = DEFAULT_HOST) =>
      memo(`ed25519-self/${host}`, () => opensslLeaf({ host, keyAlgorithm: 'ed25519' })),
    issueLeaf: issue,
    issueCa: (subject, options = {}) =>
      makeCa(subject, 'extra-ca', options.selfSigned ? undefined : root, now, options),
  };
}

function makeCa(subject: NameAttribute[], slot: string, parent: TestCa | undefined, now: Date, options: CaOptions = {}): TestCa {
  const { key, publicKey, keyPem } = rsaKey(slot, options.keyBits ?? 2048);
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = serialNumber();
  cert.validity.notBefore = new Date(now.getTime() - 365 * DAY_MS);
  cert.validity.notAfter = new Date(now.getTime() + 3650 * DAY_MS);
  cert.setSubject(toForgeAttributes(subject));
  cert.setIssuer(parent ? parent.cert.subject.attributes : toForgeAttributes(subject));
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true, ...(parent ? { pathLenConstraint: 0 } : {}) },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
    ...(parent ? [authorityKeyIdentifier(parent)] : []),
  ]);
  cert.sign(parent ? parent.key : key, (options.digest === 'sha1' ? forge.md.sha1 : forge.md.sha256).create());
  const certPem = forge.pki.certificateToPem(cert);
  return { keyPem, certPem, der: pemToDer(certPem), cert, key };
}

function issueRsaLeaf(issuer: TestCa, now: Date, options: LeafOptions & { host?: string }): TestCertificate {
  const host = options.host ?? DEFAULT_HOST;
  const slot = options.selfSigned ? 'self-signed' : 'leaf';
  const { key, publicKey, keyPem } = rsaKey(slot, options.keyBits ?? 2048);
  const subject = toForgeAttributes(options.subject ?? leafSubject(host));
  const dnsNames = options.dnsNames ?? [host];
  const ipAddresses = options.ipAddresses ?? [];

  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = serialNumber();
  cert.validity.notBefore = options.notBefore ?? new Date(now.getTime() - 10 * DAY_MS);
  cert.validity.notAfter = options.notAfter ?? new Date(now.getTime() + 90 * DAY_MS + HOUR_MS);
  cert.setSubject(subject);
  cert.setIssuer(options.selfSigned ? subject : issuer.cert.subject.attributes);
  const altNames = [
    ...dnsNames.map((value) => ({ type: 2, value })),
    ...ipAddresses.map((ip) => ({ type: 7, ip })),
  ];
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    ...(altNames.length > 0 ? [{ name: 'subjectAltName', altNames }] : []),
    { name: 'subjectKeyIdentifier' },
    ...(options.selfSigned ? [] : [authorityKeyIdentifier(issuer)]),
    ...(options.caIssuersUrls?.length ? [authorityInfoAccess(options.caIssuersUrls)] : []),
  ]);
  const digests = { sha256: forge.md.sha256, sha1: forge.md.sha1, md5: forge.md.md5 };
  const digest = digests[options.digest ?? 'sha256'];
  cert.sign(options.selfSigned ? key : issuer.key, digest.create());
  const certPem = forge.pki.certificateToPem(cert);
  return {
    keyPem,
    certPem,
    chainPem: options.selfSigned ? certPem : certPem + issuer.certPem,
    leafOnlyPem: certPem,
    der: pemToDer(certPem),
    notBefore: cert.validity.notBefore,
    notAfter: cert.validity.notAfter,
  };
}

/** EC or Ed25519 leaves through the openssl CLI, either self-signed or issued by `issuer`. */
function opensslLeaf(options: {
  host: string;
  keyAlgorithm: 'ec' | 'ed25519';
  issuer?: TestCa;
}): TestCertificate {
  const dir = mkdtempSync(path.join(tmpdir(), 'starttls-pki-'));
  const file = (name: string) => path.join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const keyArgs =
      options.keyAlgorithm === 'ec'
        ? ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256']
        : ['-algorithm', 'ED25519'];
    openssl('genpkey', ...keyArgs, '-out', file('leaf.key'));
    const subject = `/C=US/ST=Example State/L=Springfield/O=Example Test Org/CN=${options.host}`;
    const digest = options.keyAlgorithm === 'ec' ? ['-sha256'] : [];
    writeFileSync(
      file('ext.cnf'),
      [
        '[leaf]',
        'basicConstraints = CA:FALSE',
        'keyUsage = critical, digitalSignature',
        'extendedKeyUsage = serverAuth',
        `subjectAltName = DNS:${options.host}, IP:127.0.0.1`,
        'subjectKeyIdentifier = hash',
        ...(options.issuer ? ['authorityKeyIdentifier = keyid'] : []),
        '',
      ].join('\n'),
    );
    if (options.issuer) {
      writeFileSync(file('ca.key'), options.issuer.keyPem);
      writeFileSync(file('ca.pem'), options.issuer.certPem);
      openssl('req', '-new', '-key', file('leaf.key'), '-subj', subject, '-out', file('leaf.csr'));
      openssl(
        'x509', '-req', '-in', file('leaf.csr'), '-CA', file('ca.pem'), '-CAkey', file('ca.key'),
        '-set_serial', `0x${serialNumber()}`, '-days', '90', '-sha256',
        '-extfile', file('ext.cnf'), '-extensions', 'leaf', '-out', file('leaf.pem'),
      );
    } else {
      openssl(
        'req', '-x509', '-new', '-key', file('leaf.key'), '-subj', subject, '-days', '90', ...digest,
        '-config', file('ext.cnf'), '-extensions', 'leaf', '-out', file('leaf.pem'),
      );
    }
    const certPem = readFileSync(file('leaf.pem'), 'utf8');
    const cert = new X509Certificate(certPem);
    return {
      keyPem: readFileSync(file('leaf.key'), 'utf8'),
      certPem,
      chainPem: options.issuer ? certPem + options.issuer.certPem : certPem,
      leafOnlyPem: certPem,
      der: pemToDer(certPem),
      notBefore: new Date(cert.validFrom),
      notAfter: new Date(cert.validTo),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function toForgeAttributes(attributes: NameAttribute[]): forge.pki.CertificateField[] {
  return attributes.map(({ valueTagClass, ...attribute }) => ({
    ...attribute,
    valueTagClass: (valueTagClass ??
      (attribute.shortName === 'C' ? forge.asn1.Type.PRINTABLESTRING : forge.asn1.Type.UTF8)) as forge.asn1.Class,
  }));
}

/** AuthorityInfoAccessSyntax with one caIssuers AccessDescription per URI (forge has no builder for it). */
function authorityInfoAccess(urls: string[]) {
  const { asn1 } = forge;
  const description = (url: string) =>
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
      asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(CA_ISSUERS_OID).getBytes()),
      asn1.create(asn1.Class.CONTEXT_SPECIFIC, 6, false, url),
    ]);
  return { id: AUTHORITY_INFO_ACCESS_OID, value: asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, urls.map(description)) };
}

function authorityKeyIdentifier(issuer: TestCa) {
  const keyIdentifier = issuer.cert.generateSubjectKeyIdentifier().getBytes();
  return { name: 'authorityKeyIdentifier', keyIdentifier };
}

/** 64 random bits with the top bit clear, so the DER INTEGER stays positive. */
function serialNumber(): string {
  const bytes = randomBytes(8);
  bytes[0] &= 0x7f;
  return bytes.toString('hex');
}

export function pemToDer(pem: string): Buffer {
  return Buffer.from(forge.pem.decode(pem)[0].body, 'binary');
}
