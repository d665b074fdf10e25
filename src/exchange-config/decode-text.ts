/**
 * Text from a file or upload of cmdlet output. Windows PowerShell 5.1 writes `> file.txt` as
 * UTF-16LE with a byte-order mark, so a BOM (or a UTF-16 look: every other byte zero) decides.
 */
export function decodePastedBytes(bytes: Buffer): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return swap(bytes.subarray(2)).toString('utf16le');
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  const sample = bytes.subarray(0, 4096);
  if (sample.length >= 8) {
    let oddZeros = 0;
    let evenZeros = 0;
    for (let i = 0; i < sample.length; i++) if (sample[i] === 0) (i % 2 === 1 ? oddZeros++ : evenZeros++);
    const half = sample.length / 2;
    if (oddZeros > half * 0.7 && evenZeros < half * 0.1) return bytes.toString('utf16le');
    if (evenZeros > half * 0.7 && oddZeros < half * 0.1) return swap(bytes).toString('utf16le');
  }
  return bytes.toString('utf8');
}

function swap(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes.subarray(0, bytes.length - (bytes.length % 2)));
  return copy.swap16();
}
