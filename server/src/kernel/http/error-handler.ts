import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { Locale } from '@guanjia/contracts';
import { hasMessage, translate } from '../i18n/messages';
import { AppError, fromDbError } from './errors';
import { auditDenied } from './guard';

/** Zod's issue codes in the user's language (custom messages that are message keys win). */
function issueMessage(locale: Locale, keyword: string, message: string, params: Record<string, unknown>): string {
  if (hasMessage(message)) return translate(locale, message, params);
  const zh = locale === 'zh-CN';
  switch (keyword) {
    case 'invalid_type':
      return params.input === undefined ? (zh ? '必填' : 'Required') : zh ? '类型不正确' : 'Wrong type';
    case 'too_small':
      return zh ? `不能少于 ${String(params.minimum)}${params.origin === 'string' ? ' 个字符' : ''}` : `At least ${String(params.minimum)}${params.origin === 'string' ? ' characters' : ''}`;
    case 'too_big':
      return zh ? `不能超过 ${String(params.maximum)}${params.origin === 'string' ? ' 个字符' : ''}` : `At most ${String(params.maximum)}${params.origin === 'string' ? ' characters' : ''}`;
    case 'invalid_format':
      return zh ? '格式不正确' : 'Wrong format';
    case 'invalid_value':
      return zh ? `应为以下之一:${String((params.values as unknown[] | undefined)?.join(', ') ?? '')}` : `Must be one of: ${String((params.values as unknown[] | undefined)?.join(', ') ?? '')}`;
    default:
      return zh ? '输入有误' : message;
  }
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler(async (err: FastifyError, req, reply) => {
    const locale = req.locale ?? 'zh-CN';
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = (err as { validationContext?: string }).validationContext ?? 'body';
      const details = err.validation.map((v) => ({
        path: `${where}${v.instancePath.replace(/\//g, '.')}`.replace(/\.$/, ''),
        message: issueMessage(locale, v.keyword, v.message ?? '', v.params as Record<string, unknown>),
      }));
      return reply.status(400).send({ error: { code: 'validation', message: translate(locale, 'validation'), details } });
    }
    const appErr = err instanceof AppError ? err : fromDbError(err);
    if (appErr?.status === 403) await auditDenied(app, req, appErr.code).catch((e: unknown) => req.log.error({ err: e }, 'audit of a refusal failed'));
    if (appErr) {
      const details = appErr.details?.map((d) => ({ ...d, message: translate(locale, d.message, appErr.params) }));
      return reply.status(appErr.status).send({ error: { code: appErr.code, message: translate(locale, appErr.code, appErr.params), ...(details ? { details } : {}) } });
    }
    if (isResponseSerializationError(err)) req.log.error({ err }, 'response does not match its contract');
    const status = err.statusCode ?? 500;
    if (status === 413 || err.code === 'FST_REQ_FILE_TOO_LARGE') return reply.status(413).send({ error: { code: 'payload_too_large', message: translate(locale, 'payload_too_large') } });
    if (status === 429) return reply.status(429).send({ error: { code: 'rate_limited', message: translate(locale, 'rate_limited') } });
    if (status >= 400 && status < 500) {
      // Malformed JSON, wrong content type and the like: the framework's reason, no internals.
      return reply.status(status).send({ error: { code: 'bad_request', message: err.message } });
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ error: { code: 'internal', message: translate(locale, 'internal') } });
  });

  app.setNotFoundHandler({ preHandler: undefined }, (req, reply) => {
    reply.status(404).send({ error: { code: 'not_found', message: translate(req.locale ?? 'zh-CN', 'not_found') } });
  });
}
