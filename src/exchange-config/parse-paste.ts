import { toExchangeCertificate } from './exchange-certificate';
import { parseFormatList, propertyMap, type FormatListBlock } from './format-list';
import { detectObjectKind } from './object-kind';
import { toInboundConnector, toOutboundConnector } from './online-connectors';
import { receiveConnectorLabel, toReceiveConnector } from './receive-connector';
import { toSendConnector } from './send-connector';
import type { ExchangeConfig } from './types';

const SHOW_WHOLE_COLLECTIONS = 'run $FormatEnumerationLimit = -1 before the command to see them all';

// The dashes under a Format-Table header: a table, not a list.
const TABLE_UNDERLINE = /^(?:Thumbprint|Identity|Name|RunspaceId)[ \t]+[A-Za-z][^\r\n]{0,300}\r?\n-{3,}[ \t]+-{3,}/m;

/**
 * Reads a paste of Get-ReceiveConnector, Get-ExchangeCertificate, Get-SendConnector,
 * Get-InboundConnector and Get-OutboundConnector `Format-List` output, in any mix and order.
 */
export function parseExchangePaste(text: string): ExchangeConfig {
  const { blocks, notes } = parseFormatList(text);
  const config: ExchangeConfig = {
    receiveConnectors: [],
    certificates: [],
    sendConnectors: [],
    inboundConnectors: [],
    outboundConnectors: [],
    unrecognisedBlocks: 0,
    notes: [...notes],
  };
  for (const block of blocks) {
    if (!addBlock(config, block) && block.properties.length >= 2) config.unrecognisedBlocks++;
  }
  addParseNotes(config);
  if (TABLE_UNDERLINE.test(text.slice(0, 200_000))) {
    config.notes.push('Part of the paste is a table (Format-Table); tables cut values, so run the command again with | fl.');
  }
  return config;
}

function addBlock(config: ExchangeConfig, block: FormatListBlock): boolean {
  const props = propertyMap(block);
  const properties = Object.fromEntries(block.properties.map((p) => [p.name, p.value.trim()]));
  switch (detectObjectKind(props)) {
    case 'receive-connector': {
      const rc = toReceiveConnector(props, properties);
      if (rc) config.receiveConnectors.push(rc);
      return rc !== undefined;
    }
    case 'certificate': {
      const cert = toExchangeCertificate(props, properties);
      if (cert) config.certificates.push(cert);
      return cert !== undefined;
    }
    case 'send-connector':
      config.sendConnectors.push(toSendConnector(props, properties));
      return true;
    case 'inbound-connector':
      config.inboundConnectors.push(toInboundConnector(props, properties));
      return true;
    case 'outbound-connector':
      config.outboundConnectors.push(toOutboundConnector(props, properties));
      return true;
    default:
      return false;
  }
}

function addParseNotes(config: ExchangeConfig): void {
  const notes = config.notes;
  for (const rc of config.receiveConnectors) {
    const label = receiveConnectorLabel(rc);
    if (rc.remoteIpRangesTruncated) notes.push(`RemoteIPRanges of ${label} is cut after ${rc.remoteIpRanges.length} ranges; ${SHOW_WHOLE_COLLECTIONS}.`);
    const unread = rc.remoteIpRangesUnreadable;
    if (unread.length > 0) notes.push(`RemoteIPRanges of ${label} has entries that are not addresses: ${unread.slice(0, 3).join(', ')}.`);
    if (rc.maxMessageSizeText !== undefined && rc.maxMessageSize === undefined) {
      notes.push(`MaxMessageSize of ${label} could not be read: ${JSON.stringify(rc.maxMessageSizeText.slice(0, 60))}.`);
    }
    if (rc.tlsCertificateName.kind === 'ok' && rc.tlsCertificateName.value.damaged) {
      notes.push(
        `TlsCertificateName of ${label} is longer than a certificate name can be: the paste cut it or glued other text to it, so it is compared by its beginning.`,
      );
    }
  }
  for (const cert of config.certificates) {
    if (cert.domains.truncated) notes.push(`CertificateDomains of ${cert.subject ?? cert.thumbprint} is cut after ${cert.domains.items.length} names; ${SHOW_WHOLE_COLLECTIONS}.`);
    if (cert.notAfterText !== undefined && cert.notAfter.length === 0) notes.push(`NotAfter of ${cert.thumbprint} could not be read as a date.`);
  }
  for (const sc of config.sendConnectors) {
    if (sc.smartHosts.truncated || sc.addressSpaces.truncated) notes.push(`SmartHosts or AddressSpaces of "${sc.identity}" is cut; ${SHOW_WHOLE_COLLECTIONS}.`);
  }
}
