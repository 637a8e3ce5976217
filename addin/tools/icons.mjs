// Draws the pane's ribbon and store icons (a white ledger on a red tile) as small PNGs in
// addin/public/assets. No image library: pixels, zlib and the PNG chunk format.
// Run: node addin/tools/icons.mjs
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

export function icon(size) {
  const px = Buffer.alloc(size * (size * 4 + 1));
  const r = Math.max(1, Math.round(size * 0.16));
  const inside = (x, y) => {
    const cx = Math.min(Math.max(x, r), size - 1 - r);
    const cy = Math.min(Math.max(y, r), size - 1 - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
  const m = Math.round(size * 0.24);
  for (let y = 0; y < size; y++) {
    px[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const o = y * (size * 4 + 1) + 1 + x * 4;
      let c = [0, 0, 0, 0];
      if (inside(x, y)) c = [0xc0, 0x10, 0x10, 0xff];
      const inPage = x >= m && x < size - m && y >= m * 0.8 && y < size - m * 0.8;
      if (inPage) {
        c = [0xff, 0xff, 0xff, 0xff];
        const line = Math.max(1, Math.round(size / 16));
        const rowH = Math.max(3, Math.round(size / 6));
        const rel = y - Math.round(m * 0.8) - rowH;
        if (rel >= 0 && rel % rowH < line && x > m + line && x < size - m - line) c = [0xc0, 0x10, 0x10, 0xff];
        if (x >= m && x < m + line * 2) c = [0xe8, 0xa0, 0x20, 0xff];
      }
      px.set(c, o);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(px)), chunk('IEND', Buffer.alloc(0))]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = fileURLToPath(new URL('../public/assets/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  for (const s of [16, 32, 64, 80, 128]) writeFileSync(`${dir}icon-${s}.png`, icon(s));
  console.log(`icons written to ${dir}`);
}
