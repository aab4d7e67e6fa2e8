// PNG helpers for generating fixtures and samples (Node only; not product code):
// a small RGBA badge image and Open Badges baking (an iTXt chunk inserted before IEND).
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
export function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
export function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
/** A round badge: coloured disc, white ring, darker centre. RGBA, 8-bit. */
export function badgePng(size, [r, g, b]) {
  const rows = [];
  const c = (size - 1) / 2;
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4); // filter byte 0
    for (let x = 0; x < size; x++) {
      const d = Math.hypot(x - c, y - c) / c;
      let px = [0, 0, 0, 0];
      if (d <= 1) px = [r, g, b, 255];
      if (d > 0.78 && d <= 0.86) px = [255, 255, 255, 255];
      if (d <= 0.5) px = [Math.round(r * 0.7), Math.round(g * 0.7), Math.round(b * 0.7), 255];
      row.set(px, 1 + x * 4);
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, deflate, no filter method, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
/** Bakes text into a PNG as an uncompressed iTXt chunk before IEND (Open Badges baking spec). */
export function bakePng(png, keyword, text) {
  const data = Buffer.concat([
    Buffer.from(keyword, 'latin1'),
    Buffer.from([0, 0, 0]), // keyword terminator, compression flag 0, compression method 0
    Buffer.from([0]), // empty language tag
    Buffer.from([0]), // empty translated keyword
    Buffer.from(text, 'utf8'),
  ]);
  const iendAt = png.length - 12;
  return Buffer.concat([png.subarray(0, iendAt), chunk('iTXt', data), png.subarray(iendAt)]);
}

