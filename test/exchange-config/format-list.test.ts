import { FORMAT_LIST_LIMITS, parseFormatList, propertyMap } from '../../src/exchange-config/format-list';
import { fixture } from './helpers/format-list';

const names = (block: { properties: { name: string }[] }) => block.properties.map((p) => p.name);

describe('parseFormatList', () => {
  it('splits objects at blank lines and keeps every property, known or not', () => {
    const { blocks } = parseFormatList('\nName     : Default Frontend SRVEX01\nBindings : {[::]:25, 0.0.0.0:25}\nFrobnicated : yes\n\nName     : Client Frontend SRVEX01\n');
    expect(blocks).toHaveLength(2);
    expect(names(blocks[0])).toEqual(['Name', 'Bindings', 'Frobnicated']);
    expect(propertyMap(blocks[0]).get('frobnicated')).toBe('yes');
    expect(propertyMap(blocks[1]).get('name')).toBe('Client Frontend SRVEX01');
  });

  it('joins a value wrapped onto lines indented to the value column without adding spaces', () => {
    const text = fixture('receive-connectors-srvex01.txt');
    const frontend = parseFormatList(text).blocks.map(propertyMap).find((p) => p.get('name') === 'Default Frontend SRVEX01');
    expect(frontend?.get('tlscertificatename')).toBe(
      '<I>CN=DigiCert SHA2 Secure Server CA, O=DigiCert Inc, C=US<S>CN=*.contoso.com, O=Contoso Ltd, L=Redmond, S=Washington, C=US',
    );
    expect(frontend?.get('distinguishedname')).toContain('CN=SRVEX01,CN=Servers,CN=Exchange Administrative Group (FYDIBOHF23SPDLT),CN=Administrative Groups');
  });

  it('keeps the space at a wrap point that falls after a space', () => {
    const text = 'TlsCertificateName : <I>CN=R3, O=Let\'s Encrypt, C=US<S>CN=mail.contoso.com, O=Contoso \n                     Ltd\n';
    expect(propertyMap(parseFormatList(text).blocks[0]).get('tlscertificatename')).toBe("<I>CN=R3, O=Let's Encrypt, C=US<S>CN=mail.contoso.com, O=Contoso Ltd");
  });

  it('reads the thread extract as it is: the cut first name and the prose glued to the last value', () => {
    const { blocks } = parseFormatList(fixture('thread-receive-connector-extract.txt'));
    expect(blocks).toHaveLength(1);
    const props = propertyMap(blocks[0]);
    expect(names(blocks[0])[0]).toBe('unspaceId');
    expect(props.get('bindings')).toBe('{[::]:25, 0.0.0.0:25}');
    expect(props.get('fqdn')).toBe('SRVEX01.domain.local');
    expect(props.get('banner')).toBe('');
    expect(props.get('tlscertificatename')).toMatch(/^<I>CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US<S>CN=\*\.XXXXX\.com, O=XXXXSince the fact/);
  });

  it('ends an object at prose and does not take URLs or "Note: ..." for properties', () => {
    const text = 'Fqdn : mail.contoso.com\nLooking on another installation the startls is present\nhttps://learn.microsoft.com/powershell\nNote: see above\nBindings : {0.0.0.0:25}\n';
    const { blocks } = parseFormatList(text);
    expect(blocks.map(names)).toEqual([['Fqdn'], ['Bindings']]);
  });

  it('continues an unclosed {collection} on lines whose indentation was lost', () => {
    const text = 'RemoteIPRanges : {192.0.2.10, 192.0.2.20-192.0.2.30,\n198.51.100.0/24}\nFqdn : relay.contoso.com\n';
    const props = propertyMap(parseFormatList(text).blocks[0]);
    expect(props.get('remoteipranges')).toBe('{192.0.2.10, 192.0.2.20-192.0.2.30,198.51.100.0/24}');
    expect(props.get('fqdn')).toBe('relay.contoso.com');
  });

  it('starts a new object when a name repeats without a blank line in between', () => {
    const { blocks } = parseFormatList('Name : A\nFqdn : a.contoso.com\nName : B\nFqdn : b.contoso.com\n');
    expect(blocks.map((b) => propertyMap(b).get('name'))).toEqual(['A', 'B']);
  });

  it('drops ``` code fences around the paste, even on property lines', () => {
    const { blocks } = parseFormatList('```Name : Relay SRVEX01\nFqdn : relay.contoso.com```');
    expect(propertyMap(blocks[0]).get('name')).toBe('Relay SRVEX01');
    expect(propertyMap(blocks[0]).get('fqdn')).toBe('relay.contoso.com');
  });

  it('reads Windows line endings', () => {
    const { blocks } = parseFormatList('Name : A\r\nFqdn : a.contoso.com\r\n\r\nName : B\r\n');
    expect(blocks).toHaveLength(2);
    expect(propertyMap(blocks[0]).get('fqdn')).toBe('a.contoso.com');
  });

  it('cuts an endless value and says so', () => {
    const text = `Comment : {${'x'.repeat(50)}\n${`  ${'y'.repeat(1000)}\n`.repeat(40)}`;
    const { blocks, notes } = parseFormatList(text);
    expect(propertyMap(blocks[0]).get('comment')?.length).toBe(FORMAT_LIST_LIMITS.maxValueChars);
    expect(notes).toContain(`1 value(s) longer than ${FORMAT_LIST_LIMITS.maxValueChars} characters were cut.`);
  });

  it('stops at the object cap', () => {
    const text = 'Name : x\n\n'.repeat(FORMAT_LIST_LIMITS.maxBlocks + 5);
    const { blocks, notes } = parseFormatList(text);
    expect(blocks).toHaveLength(FORMAT_LIST_LIMITS.maxBlocks);
    expect(notes).toContain(`Only the first ${FORMAT_LIST_LIMITS.maxBlocks} objects were read.`);
  });

  it('gets through a megabyte of junk on one line or many quickly', () => {
    const oneLine = 'A'.repeat(1024 * 1024);
    const manyLines = Array.from({ length: 20000 }, (_, i) => `junk ${i} : { not closed ${'z'.repeat(40)}`).join('\n');
    const started = Date.now();
    expect(parseFormatList(oneLine).blocks).toEqual([]);
    parseFormatList(manyLines);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
