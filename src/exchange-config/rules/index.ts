import { portAnsweredByConnector, portAnsweredByUnlistedConnector, starttlsMissingOnTlsConnector } from '../joined/port-connectors';
import { servedCertificateDiffers, servedCertificateNotOnServer, servedNamesMissFqdn } from '../joined/served-certificate';
import { EXCHANGE_FINDING_IDS, type ExchangeFindingId } from '../types';
import { connectorFqdnNotCovered } from './connector-fqdn';
import { exoInboundNoRequireTls, exoInboundNoSenderCertificateName, exoInboundSenderNameNotOnCertificate } from './exo-inbound-connector';
import { exoOutboundTlsCannotValidate, exoOutboundTlsNotValidated } from './exo-outbound-connector';
import { hybridSendConnectorNoRequireTls, hybridSendConnectorTlsIncomplete, hybridSendConnectorWrongSmartHost } from './hybrid-send-connector';
import { receiveConnectorNoTls } from './receive-connector-no-tls';
import { receiveConnectorsOverlap } from './receive-connectors-overlap';
import type { Rule } from './rule';
import { certificateNotEnabledForSmtp, smtpCertificateExpired, smtpCertificateSelfSigned } from './smtp-certificates';
import { tlsCertificateNameEmpty, tlsCertificateNameMalformed, tlsCertificateNameNotFound } from './tls-certificate-name';

/** Said by the analysis itself, about the probe report it was handed, not by a rule over the paste. */
export const ANALYSIS_FINDING_ID = 'probe-report-not-exchange';

export type RuleFindingId = Exclude<ExchangeFindingId, typeof ANALYSIS_FINDING_ID>;

/**
 * The rule that raises each finding id: the compiler refuses an id without a rule and a rule
 * under an id that EXCHANGE_FINDING_IDS does not list. Where an entry stands here does not matter.
 */
export const RULE_BY_ID: Readonly<Record<RuleFindingId, Rule>> = {
  'receive-connector-no-tls': receiveConnectorNoTls,
  'tls-certificate-name-empty': tlsCertificateNameEmpty,
  'tls-certificate-name-malformed': tlsCertificateNameMalformed,
  'tls-certificate-name-not-found': tlsCertificateNameNotFound,
  'connector-fqdn-not-covered': connectorFqdnNotCovered,
  'receive-connectors-overlap': receiveConnectorsOverlap,
  'smtp-certificate-expired': smtpCertificateExpired,
  'smtp-certificate-self-signed': smtpCertificateSelfSigned,
  'certificate-not-enabled-for-smtp': certificateNotEnabledForSmtp,
  'hybrid-send-connector-no-requiretls': hybridSendConnectorNoRequireTls,
  'hybrid-send-connector-tls-incomplete': hybridSendConnectorTlsIncomplete,
  'hybrid-send-connector-wrong-smarthost': hybridSendConnectorWrongSmartHost,
  'exo-inbound-no-requiretls': exoInboundNoRequireTls,
  'exo-inbound-no-sender-certificate-name': exoInboundNoSenderCertificateName,
  'exo-inbound-sender-name-not-on-certificate': exoInboundSenderNameNotOnCertificate,
  'exo-outbound-tls-cannot-validate': exoOutboundTlsCannotValidate,
  'exo-outbound-tls-not-validated': exoOutboundTlsNotValidated,
  'starttls-missing-on-tls-connector': starttlsMissingOnTlsConnector,
  'port-answered-by-connector': portAnsweredByConnector,
  'port-answered-by-unlisted-connector': portAnsweredByUnlistedConnector,
  'served-certificate-differs-from-tls-certificate-name': servedCertificateDiffers,
  'served-certificate-not-on-server': servedCertificateNotOnServer,
  'served-names-miss-fqdn': servedNamesMissFqdn,
};

/** Every rule, in the order of EXCHANGE_FINDING_IDS. */
export const RULES: readonly Rule[] = EXCHANGE_FINDING_IDS.filter((id) => id !== ANALYSIS_FINDING_ID).map((id) => RULE_BY_ID[id]);
