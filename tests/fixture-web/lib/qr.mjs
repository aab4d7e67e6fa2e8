// A minimal QR code encoder for TEST FIXTURES only (no QR encoder is installed): byte
// mode, error correction level L, versions 1–5 (one Reed–Solomon block each, up to 106
// bytes), mask pattern 0. Any mask is valid QR (choosing the best one only improves
// scanning), so the output is deterministic. Decoded back by jsqr in the tests.
// Reference: ISO/IEC 18004:2015 (§7.4 data encoding, §7.5 RS, §7.7 placement, §7.9 format).

/** [total codewords, EC codewords] for versions 1–5 at level L (one block each). */
const L_BLOCKS = { 1: [26, 7], 2: [44, 10], 3: [70, 15], 4: [100, 20], 5: [134, 26] };
const ALIGN = { 1: [], 2: [6, 18], 3: [6, 22], 4: [6, 26], 5: [6, 30] };

const EXP = new Uint8Array(512);
const LOG = new Uint8Array(256);
for (let i = 0, x = 1; i < 255; i++) {
  EXP[i] = x;
  LOG[x] = i;
  x <<= 1;
  if (x & 0x100) x ^= 0x11d;
}
for (let i = 255; i < 512; i++) EXP[i] = EXP[i - 255];
const mul = (a, b) => (a === 0 || b === 0 ? 0 : EXP[LOG[a] + LOG[b]]);

function rsRemainder(data, ecLen) {
  // Generator polynomial ∏ (x - α^i), i < ecLen; coefficients highest degree first (monic dropped).
  let gen = [1];
  for (let i = 0; i < ecLen; i++) {
    const next = new Array(gen.length + 1).fill(0);
    for (let j = 0; j < gen.length; j++) {
      next[j] ^= gen[j];
      next[j + 1] ^= mul(gen[j], EXP[i]);
    }
    gen = next;
  }
  const rem = new Array(ecLen).fill(0);
  for (const byte of data) {
    const factor = byte ^ rem.shift();
    rem.push(0);
    for (let j = 0; j < ecLen; j++) rem[j] ^= mul(gen[j + 1], factor);
  }
  return rem;
}

/** Encodes `text` (UTF-8) → a square boolean matrix (true = dark module). */
export function encodeQr(text) {
  const bytes = [...Buffer.from(text, 'utf8')];
  const version = [1, 2, 3, 4, 5].find((v) => L_BLOCKS[v][0] - L_BLOCKS[v][1] >= bytes.length + 2);
  if (version === undefined)
    throw new Error(`QR fixture encoder: ${bytes.length} bytes is too long (max 106)`);
  const [total, ecLen] = L_BLOCKS[version];
  const dataLen = total - ecLen;
  // Mode 0100 (byte), 8-bit count (versions 1–9), data, terminator, padding.
  const bits = [];
  const put = (value, n) => {
    for (let i = n - 1; i >= 0; i--) bits.push((value >>> i) & 1);
  };
  put(0b0100, 4);
  put(bytes.length, 8);
  for (const b of bytes) put(b, 8);
  put(0, Math.min(4, dataLen * 8 - bits.length));
  while (bits.length % 8 !== 0) bits.push(0);
  const data = [];
  for (let i = 0; i < bits.length; i += 8) data.push(parseInt(bits.slice(i, i + 8).join(''), 2));
  for (let pad = 0; data.length < dataLen; pad++) data.push(pad % 2 === 0 ? 0xec : 0x11);
  const codewords = [...data, ...rsRemainder(data, ecLen)];

  const size = 17 + 4 * version;
  const m = Array.from({ length: size }, () => new Array(size).fill(null));
  const set = (r, c, dark) => {
    if (r >= 0 && r < size && c >= 0 && c < size) m[r][c] = dark;
  };
  for (const [r0, c0] of [
    [0, 0],
    [0, size - 7],
    [size - 7, 0],
  ]) {
    for (let r = -1; r <= 7; r++)
      for (let c = -1; c <= 7; c++) {
        const ring = Math.max(Math.abs(r - 3), Math.abs(c - 3));
        set(r0 + r, c0 + c, ring !== 2 && ring !== 4);
      }
  }
  for (let i = 8; i < size - 8; i++) {
    set(6, i, i % 2 === 0);
    set(i, 6, i % 2 === 0);
  }
  const al = ALIGN[version];
  for (const r of al)
    for (const c of al) {
      if (m[r][c] !== null) continue; // overlaps a finder
      for (let dr = -2; dr <= 2; dr++)
        for (let dc = -2; dc <= 2; dc++) set(r + dr, c + dc, Math.max(Math.abs(dr), Math.abs(dc)) !== 1);
    }
  set(size - 8, 8, true); // the dark module
  // Reserve format areas (filled below).
  const formatCells = [];
  for (let i = 0; i < 9; i++) if (i !== 6) formatCells.push([8, i], [i, 8]);
  for (let i = 0; i < 8; i++) formatCells.push([8, size - 1 - i], [size - 1 - i, 8]);
  for (const [r, c] of formatCells) if (m[r][c] === null) m[r][c] = false;

  // Data placement: two-column zigzag from the bottom right, skipping the timing column.
  const stream = codewords.flatMap((b) => [7, 6, 5, 4, 3, 2, 1, 0].map((i) => (b >>> i) & 1));
  let k = 0;
  let upward = true;
  for (let right = size - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5;
    for (let step = 0; step < size; step++) {
      const r = upward ? size - 1 - step : step;
      for (const c of [right, right - 1]) {
        if (m[r][c] !== null) continue;
        const bit = k < stream.length ? stream[k++] : 0;
        m[r][c] = (bit === 1) !== ((r + c) % 2 === 0); // mask 0
      }
    }
    upward = !upward;
  }

  // Format information: level L (01), mask 0 (000), BCH(15,5) with 0x537, XOR 0x5412.
  let fmt = 0b01000 << 10;
  for (let i = 14; i >= 10; i--) if ((fmt >>> i) & 1) fmt ^= 0x537 << (i - 10);
  fmt = ((0b01000 << 10) | fmt) ^ 0x5412;
  const fbit = (i) => ((fmt >>> i) & 1) === 1;
  for (let i = 0; i <= 5; i++) m[8][i] = fbit(14 - i);
  m[8][7] = fbit(8);
  m[8][8] = fbit(7);
  m[7][8] = fbit(6);
  for (let i = 9; i < 15; i++) m[14 - i][8] = fbit(14 - i);
  for (let i = 0; i < 8; i++) m[size - 1 - i][8] = fbit(14 - i);
  for (let i = 8; i < 15; i++) m[8][size - 15 + i] = fbit(14 - i);
  return m;
}

/** Renders the matrix as 8-bit grey pixels (0 = black) with a 4-module quiet zone. */
export function qrToGray(matrix, scale = 4) {
  const n = matrix.length + 8;
  const side = n * scale;
  const px = Buffer.alloc(side * side, 255);
  for (let r = 0; r < matrix.length; r++)
    for (let c = 0; c < matrix.length; c++) {
      if (!matrix[r][c]) continue;
      for (let y = 0; y < scale; y++)
        px.fill(
          0,
          ((r + 4) * scale + y) * side + (c + 4) * scale,
          ((r + 4) * scale + y) * side + (c + 5) * scale,
        );
    }
  return { width: side, height: side, data: px };
}
