import type { DiagnosisInput, Finding } from '../types';
import { authWithoutTls } from './auth-without-tls';
import { capabilitiesDiffer } from './capabilities-differ';
import { certNameMismatch, certNameNotChecked } from './cert-name-mismatch';
import { certWeakKey, certWeakSignature } from './certificate-strength';
import { certSelfSigned, certUntrusted } from './certificate-trust';
import { certExpired, certExpiringSoon, certNotYetValid } from './certificate-validity';
import { portUnreachable } from './port-unreachable';
import { smtpGreetingRejected } from './smtp-greeting-rejected';
import { smtpNotTestable } from './smtp-not-testable';
import { smtpProtocolError } from './smtp-protocol-error';
import { starttlsNotAdvertised } from './starttls-not-advertised';
import { starttlsRejected } from './starttls-rejected';
import { starttlsStripped } from './starttls-stripped';
import { tlsHandshakeFailed } from './tls-handshake-failed';
import { tlsProtocolLegacy } from './tls-protocol-legacy';

export type Rule = (input: DiagnosisInput) => Finding[];

/** Every rule, in the order of FINDING_IDS. */
export const RULES: readonly Rule[] = [
  portUnreachable,
  smtpGreetingRejected,
  smtpProtocolError,
  smtpNotTestable,
  starttlsNotAdvertised,
  starttlsStripped,
  starttlsRejected,
  tlsHandshakeFailed,
  tlsProtocolLegacy,
  certExpired,
  certExpiringSoon,
  certNotYetValid,
  certSelfSigned,
  certUntrusted,
  certNameMismatch,
  certNameNotChecked,
  certWeakKey,
  certWeakSignature,
  capabilitiesDiffer,
  authWithoutTls,
];
