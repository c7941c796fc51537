import type { FastifyReply } from 'fastify';
import { XLSX_MIME } from './excel';

/** Sends a workbook as a download; the UTF-8 file name survives every browser (RFC 6266/5987). */
export function sendXlsx(reply: FastifyReply, data: Buffer, fileName: string) {
  const name = `${fileName}.xlsx`;
  return reply
    .header('content-type', XLSX_MIME)
    .header('content-disposition', `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`)
    .header('cache-control', 'no-store')
    .send(data);
}

export const today = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
