/** A failure the user can act on: a code (message key), an HTTP status, params for the message. */
export class AppError extends Error {
  constructor(
    public readonly code: string,
    public readonly status: number,
    public readonly params: Record<string, unknown> = {},
    public readonly details?: { path?: string; row?: number; column?: string; message: string }[],
  ) {
    super(code);
  }
}

export const notFound = () => new AppError('not_found', 404);
export const forbidden = () => new AppError('forbidden', 403);
export const conflict = (code = 'conflict', params: Record<string, unknown> = {}) => new AppError(code, 409, params);
export const invalid = (code: string, params: Record<string, unknown> = {}, path?: string) =>
  new AppError(code, 400, params, path ? [{ path, message: code }] : undefined);

/** Translate PostgreSQL constraint violations into user-facing errors where we know them. */
export function fromDbError(err: unknown, uniqueMap: Record<string, string> = {}): AppError | undefined {
  const e = err as { code?: string; constraint?: string; cause?: { code?: string; constraint?: string } };
  const code = e.code ?? e.cause?.code;
  const constraint = e.constraint ?? e.cause?.constraint;
  if (code === '23505' && constraint && uniqueMap[constraint]) return conflict(uniqueMap[constraint]);
  if (code === '23505') return conflict();
  if (code === '40001' || code === '40P01') return conflict();
  return undefined;
}
