// How the page's batch screening reads a parties file before the engine sees it (www/batch.js): the encodings an
// ERP export comes in, binary files refused, and the row cap that keeps a huge file bounded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { capLines, decodeText } from '../../www/batch.js';

test('UTF-8, UTF-16 with a byte-order mark and Windows-1252 files are read as text', () => {
  assert.equal(decodeText(new TextEncoder().encode('Firma;Land\nMüller GmbH;DE\n'), 'a.csv'), 'Firma;Land\nMüller GmbH;DE\n');
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('name\nŁódź Sp. z o.o.\n', 'utf16le')]);
  assert.equal(decodeText(new Uint8Array(utf16), 'b.csv'), 'name\nŁódź Sp. z o.o.\n');
  assert.equal(decodeText(new Uint8Array([0x6e, 0x61, 0x6d, 0x65, 0x0a, 0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72]), 'c.csv'), 'name\nMüller');
});

test('empty and binary files are refused with the file name', () => {
  assert.throws(() => decodeText(new Uint8Array(), 'empty.csv'), /^Error: empty\.csv: the file is empty$/);
  assert.throws(() => decodeText(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]), 'book.xlsx'), /book\.xlsx: not a text file \(it holds binary data\)/);
  const noisy = new Uint8Array(1000).fill(0x41);
  for (let i = 0; i < 1000; i += 50) noisy[i] = 0x01;
  assert.throws(() => decodeText(noisy, 'noisy.bin'), /noisy\.bin: not a text file/);
});

test('the row cap keeps the header and the first rows, and counts the lines left out', () => {
  const text = `name\n${Array.from({ length: 10 }, (_, i) => `p${i}`).join('\n')}\n`;
  assert.deepEqual(capLines(text, 20), { text, leftOut: 0 });
  assert.deepEqual(capLines(text, 10), { text, leftOut: 0 });
  assert.deepEqual(capLines(text, 4), { text: 'name\np0\np1\np2\np3\n', leftOut: 6 });
  // Blank lines are not rows, before or after the cut; CRLF line ends are kept.
  assert.deepEqual(capLines('\r\nname\r\n\r\na\r\nb\r\n\r\nc\r\n', 1), { text: '\r\nname\r\n\r\na\r\n', leftOut: 2 });
});
