import * as tls from 'node:tls';

const MAX_ENTRIES = 8;
let defaultRoots: tls.SecureContext | undefined;
const withCa = new Map<string, tls.SecureContext>();

/**
 * The probe's TLS client context, made once per set of trust anchors instead of once per
 * connection (building one loads every root certificate). Sharing it changes nothing on
 * the wire: a Node client resumes a session only when handed one, and the probe never is.
 */
export function clientContext(ca: string[] | undefined): tls.SecureContext {
  if (!ca) return (defaultRoots ??= create(undefined));
  const key = ca.join('\n');
  let context = withCa.get(key);
  if (!context) {
    if (withCa.size >= MAX_ENTRIES) withCa.delete(withCa.keys().next().value!);
    context = create(ca);
    withCa.set(key, context);
  }
  return context;
}

const oneVersion = new Map<tls.SecureVersion, tls.SecureContext>();

/**
 * A context that offers exactly one TLS version, for the version scan. SECLEVEL=0 lets OpenSSL 3
 * speak TLS 1.0 and 1.1 at all; trust is not judged on these connections.
 */
export function versionContext(version: tls.SecureVersion): tls.SecureContext {
  let context = oneVersion.get(version);
  if (!context) {
    context = tls.createSecureContext({ minVersion: version, maxVersion: version, ciphers: 'DEFAULT:@SECLEVEL=0' });
    oneVersion.set(version, context);
  }
  return context;
}

function create(ca: string[] | undefined): tls.SecureContext {
  return tls.createSecureContext({
    ca,
    // Negotiate legacy versions too, so a TLS 1.0-only server is reported as such rather than as a failure.
    minVersion: 'TLSv1',
    ciphers: 'DEFAULT:@SECLEVEL=0',
  });
}
