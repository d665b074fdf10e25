import { FINDING_IDS, type DiagnosisInput, type Finding, type FindingId } from '../types';
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

/**
 * The rule that raises each finding id: the compiler refuses an id without a rule and a rule
 * under an id that FINDING_IDS does not list. Where an entry stands here does not matter.
 */
export const RULE_BY_ID: Readonly<Record<FindingId, Rule>> = {
  'port-unreachable': portUnreachable,
  'smtp-greeting-rejected': smtpGreetingRejected,
  'smtp-protocol-error': smtpProtocolError,
  'smtp-not-testable': smtpNotTestable,
  'starttls-not-advertised': starttlsNotAdvertised,
  'starttls-stripped': starttlsStripped,
  'starttls-rejected': starttlsRejected,
  'tls-handshake-failed': tlsHandshakeFailed,
  'tls-protocol-legacy': tlsProtocolLegacy,
  'cert-expired': certExpired,
  'cert-expiring-soon': certExpiringSoon,
  'cert-not-yet-valid': certNotYetValid,
  'cert-self-signed': certSelfSigned,
  'cert-untrusted': certUntrusted,
  'cert-name-mismatch': certNameMismatch,
  'cert-name-not-checked': certNameNotChecked,
  'cert-weak-key': certWeakKey,
  'cert-weak-signature': certWeakSignature,
  'capabilities-differ': capabilitiesDiffer,
  'auth-without-tls': authWithoutTls,
};

/** Every rule, in the order of FINDING_IDS. */
export const RULES: readonly Rule[] = FINDING_IDS.map((id) => RULE_BY_ID[id]);
