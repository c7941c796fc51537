/** Upload limits and the file types accepted, recognised by their first bytes, not their names. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

interface FileType { mime: string; ext: string[]; magic: (b: Buffer) => boolean }

const types: FileType[] = [
  { mime: 'application/pdf', ext: ['pdf'], magic: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  { mime: 'image/png', ext: ['png'], magic: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { mime: 'image/jpeg', ext: ['jpg', 'jpeg'], magic: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  // Office Open XML files are zip archives: the extension tells which one.
  { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: ['xlsx'], magic: (b) => b.subarray(0, 4).toString('latin1') === 'PK\x03\x04' },
  { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: ['docx'], magic: (b) => b.subarray(0, 4).toString('latin1') === 'PK\x03\x04' },
];

export const ALLOWED_EXTENSIONS = types.flatMap((t) => t.ext);

/** The accepted MIME type of a file, or undefined when its bytes do not match its extension. */
export function detectFileType(name: string, data: Buffer): string | undefined {
  const ext = name.toLowerCase().split('.').pop() ?? '';
  return types.find((t) => t.ext.includes(ext) && t.magic(data))?.mime;
}
