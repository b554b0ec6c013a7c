/**
 * A small zip writer for the scripts that build Inspect AI logs
 * (scripts/make-inspect-fixtures.mjs, scripts/make-format-examples.mjs).
 *
 * Why our own: Inspect writes `.eval` entries with zstd (method 93) since
 * v0.3.206, and neither Python's zipfile nor `unzip` can write or read that
 * method, so the container is written here and the zstd data comes from the
 * `zstd` CLI, fed on stdin as Inspect's streaming compressor does (no content
 * size in the frame unless `zstdArgs` pledges one). Deterministic: a fixed
 * DOS timestamp, no extra fields, so the same entries give the same bytes.
 */
import { execFileSync } from 'node:child_process';
import { deflateRawSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 (ISO 3309, the zip polynomial) of a buffer. */
export function crc32(buf) {
  let crc = 0xffffffff;
  for (const byte of buf) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function compress(data, method, zstdArgs = []) {
  if (method === 0 || method === 12) return data; // 12 (bzip2) is only claimed, never decoded
  if (method === 8) return deflateRawSync(data, { level: 9 });
  if (method === 93) return execFileSync('zstd', ['-q', '-c', '-3', ...zstdArgs], { input: data });
  throw new Error(`method ${method}`);
}

// 2026-03-02 10:00:00 in MS-DOS format
const DOS_TIME = (10 << 11) | (0 << 5) | 0;
const DOS_DATE = ((2026 - 1980) << 9) | (3 << 5) | 2;

/**
 * entries: [{ name, data: string|Buffer, method, declaredSize?, zstdArgs? }].
 * `method` 0 (stored), 8 (deflate), 93 (zstd, needs the `zstd` CLI) or 12
 * (bzip2: claimed in the headers, data left stored, to build bad input).
 * `declaredSize` overrides the uncompressed size in the headers (bad input).
 * Local header, data, then the central directory and end record (APPNOTE 4.3).
 */
export function zip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const e of entries) {
    const data = Buffer.isBuffer(e.data) ? e.data : Buffer.from(e.data, 'utf8');
    const packed = compress(data, e.method, e.zstdArgs);
    const name = Buffer.from(e.name, 'utf8');
    const crc = crc32(data);
    const size = e.declaredSize ?? data.length;
    const version = e.method === 93 ? 63 : 20; // zipfile's ZSTANDARD_VERSION is 63
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(version, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(e.method, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | version, 4); // made by Unix
    central.writeUInt16LE(version, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(e.method, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE((0o100644 << 16) >>> 0, 38); // external attributes: regular file, rw-r--r--
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}
