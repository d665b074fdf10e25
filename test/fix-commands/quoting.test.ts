import { commandHost, commandThumbprint, hostPort, posixShellLiteral, powershellLiteral } from '../../src/fix-commands/quoting';

describe('quoting observed values for commands', () => {
  it('makes PowerShell verbatim strings, doubling every kind of single quote', () => {
    expect(powershellLiteral('<I>CN=CA, O=X<S>CN=*.contoso.test')).toBe("'<I>CN=CA, O=X<S>CN=*.contoso.test'");
    expect(powershellLiteral("O=O'Brien $(calc)")).toBe("'O=O''Brien $(calc)'");
    expect(powershellLiteral('a\u2019b')).toBe("'a\u2019\u2019b'");
    expect(powershellLiteral('a\nb')).toBeUndefined();
  });

  it('makes POSIX shell words', () => {
    expect(posixShellLiteral("it's")).toBe("'it'\\''s'");
    expect(posixShellLiteral('a\rb')).toBeUndefined();
  });

  it('accepts host names and IP addresses only', () => {
    expect(commandHost('mail.contoso.test')).toBe('mail.contoso.test');
    expect(commandHost('192.0.2.1')).toBe('192.0.2.1');
    expect(commandHost('2001:db8::25')).toBe('2001:db8::25');
    expect(commandHost('mail.contoso.test; rm -rf /')).toBeUndefined();
    expect(commandHost('$(id)')).toBeUndefined();
    expect(hostPort('2001:db8::25', 25)).toBe('[2001:db8::25]:25');
  });

  it('accepts SHA-1 thumbprints only', () => {
    expect(commandThumbprint('3a9f0c6e5b2d4f18a7c1e0b9d8f6a5c4b3e2d1f0')).toBe('3A9F0C6E5B2D4F18A7C1E0B9D8F6A5C4B3E2D1F0');
    expect(commandThumbprint('3A9F; Remove-Item')).toBeUndefined();
    expect(commandThumbprint(undefined)).toBeUndefined();
  });
});
