import { AppError } from '../http/errors';

/**
 * An .xlsx is a zip: before inflating one, read its central directory and refuse archives that
 * would expand beyond what any real spreadsheet needs (zip bombs), or that use ZIP64.
 */
export const MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024;
const MAX_ENTRIES = 5000;

export function assertSafeZip(buf: Buffer, maxBytes = MAX_UNCOMPRESSED_BYTES): void {
  const tooLarge = () => new AppError('excel_too_large', 400, { max: `${Math.round(maxBytes / 1024 / 1024)} MB` });
  const end = findEndOfCentralDirectory(buf);
  if (end < 0) throw new AppError('excel_not_xlsx', 400);
  const entries = buf.readUInt16LE(end + 10);
  const cdOffset = buf.readUInt32LE(end + 16);
  if (entries === 0xffff || cdOffset === 0xffffffff || entries > MAX_ENTRIES) throw tooLarge();
  let p = cdOffset;
  let total = 0;
  for (let i = 0; i < entries; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) throw new AppError('excel_not_xlsx', 400);
    const size = buf.readUInt32LE(p + 24);
    if (size === 0xffffffff) throw tooLarge();
    total += size;
    if (total > maxBytes) throw tooLarge();
    p += 46 + buf.readUInt16LE(p + 28) + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
}

function findEndOfCentralDirectory(buf: Buffer): number {
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) if (buf.readUInt32LE(i) === 0x06054b50) return i;
  return -1;
}
