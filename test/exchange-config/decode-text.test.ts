import { decodePastedBytes } from '../../src/exchange-config/decode-text';

const TEXT = 'Name     : Default Frontend SRVEX01\r\nBindings : {[::]:25, 0.0.0.0:25}\r\n';

describe('decodePastedBytes', () => {
  it('reads UTF-16LE with a BOM, as Windows PowerShell writes "> file.txt"', () => {
    expect(decodePastedBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]))).toBe(TEXT);
  });

  it('reads UTF-16BE with a BOM and UTF-8 with or without one', () => {
    expect(decodePastedBytes(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(TEXT, 'utf16le').swap16()]))).toBe(TEXT);
    expect(decodePastedBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)]))).toBe(TEXT);
    expect(decodePastedBytes(Buffer.from(TEXT))).toBe(TEXT);
  });

  it('recognises UTF-16LE without a BOM by its zero bytes', () => {
    expect(decodePastedBytes(Buffer.from(TEXT, 'utf16le'))).toBe(TEXT);
  });
});
