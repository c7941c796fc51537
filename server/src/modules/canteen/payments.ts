import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { AppError, conflict, notFound } from '../../kernel/http/errors';
import { personAccount, post, systemAccount } from './ledger';

/**
 * Payment providers for meal-account top-ups. A provider starts a payment (returning where the
 * payer goes) and verifies the provider's callback; the module then completes the payment once,
 * in one transaction (ledger key `payment:<id>`). A real bank or phone-payment provider implements
 * the same interface and registers with `registerPaymentProvider`.
 */
export interface CallbackVerdict { paymentId: number; amountFen: number; providerRef: string; nonce: string; paid: boolean }

export interface PaymentProvider {
  code: string;
  /** Where the payer completes the payment (a bank page or app link), or null for in-person. */
  payUrl(payment: { id: number; amountFen: number }): string | null;
  /** Verifies a raw callback body and its headers; throws `canteen_signature_invalid` when forged. */
  verifyCallback(rawBody: string, headers: Record<string, string | string[] | undefined>): CallbackVerdict;
}

const providers = new Map<string, PaymentProvider>();
export const registerPaymentProvider = (p: PaymentProvider) => void providers.set(p.code, p);
export const providerOf = (code: string) => providers.get(code);

/**
 * The test bank: signs callbacks with HMAC-SHA256 over the raw body (`x-testbank-signature`, hex).
 * Its secret comes from CANTEEN_TESTBANK_SECRET; without it the provider is disabled in production.
 */
export function testBankSecret(): string | null {
  const s = process.env.CANTEEN_TESTBANK_SECRET;
  if (s) return s;
  return process.env.NODE_ENV === 'production' ? null : 'guanjia-testbank-development-secret';
}

export function signTestBank(rawBody: string, secret = testBankSecret() ?? ''): string {
  return createHmac('sha256', secret).update(rawBody).digest('hex');
}

/** What the test bank posts back when a payer has paid (used by the demo "pay" page and tests). */
export function testBankCallbackBody(paymentId: number, amountFen: number): string {
  return JSON.stringify({ paymentId, amountFen, status: 'paid', providerRef: `TB${Date.now()}${randomBytes(3).toString('hex')}`, nonce: randomBytes(12).toString('hex') });
}

registerPaymentProvider({
  code: 'testbank',
  payUrl: (p) => `/m/pay/${p.id}`,
  verifyCallback(rawBody, headers) {
    const secret = testBankSecret();
    if (!secret) throw new AppError('canteen_provider_disabled', 400);
    const given = String(headers['x-testbank-signature'] ?? '');
    const want = signTestBank(rawBody, secret);
    if (given.length !== want.length || !timingSafeEqual(Buffer.from(given), Buffer.from(want))) throw new AppError('canteen_signature_invalid', 401);
    let body: { paymentId?: unknown; amountFen?: unknown; status?: unknown; providerRef?: unknown; nonce?: unknown };
    try {
      body = JSON.parse(rawBody) as typeof body;
    } catch {
      throw new AppError('canteen_signature_invalid', 401);
    }
    if (typeof body.paymentId !== 'number' || typeof body.amountFen !== 'number' || typeof body.providerRef !== 'string' || typeof body.nonce !== 'string') throw new AppError('canteen_signature_invalid', 401);
    return { paymentId: body.paymentId, amountFen: body.amountFen, providerRef: body.providerRef, nonce: body.nonce, paid: body.status === 'paid' };
  },
});

/**
 * Completes a verified callback: the nonce is recorded (a replay is refused: the primary key), the
 * payment must be pending with the same amount, and the credit posts once under `payment:<id>`.
 */
export async function completeCallback(tx: Tx, provider: string, v: CallbackVerdict): Promise<{ paymentId: number; userId: number; amountFen: number }> {
  const fresh = await tx.execute(sql`insert into canteen_payment_nonces (provider, nonce) values (${provider}, ${v.nonce}) on conflict do nothing returning nonce`);
  if (fresh.rows.length === 0) throw conflict('canteen_callback_replayed');
  const p = (await tx.execute(sql`select id::int as id, user_id as "userId", canteen_id as "canteenId", amount_fen as "amountFen", status from canteen_payments where id = ${v.paymentId} and provider = ${provider} for update`)).rows[0] as
    { id: number; userId: number; canteenId: number; amountFen: number; status: string } | undefined;
  if (!p) throw notFound();
  if (p.status !== 'pending') throw conflict('canteen_callback_replayed');
  if (p.amountFen !== v.amountFen) throw new AppError('canteen_payment_mismatch', 400);
  if (!v.paid) {
    await tx.execute(sql`update canteen_payments set status = 'failed', provider_ref = ${v.providerRef} where id = ${p.id}`);
    return { paymentId: p.id, userId: p.userId, amountFen: 0 };
  }
  await tx.execute(sql`update canteen_payments set status = 'paid', provider_ref = ${v.providerRef}, paid_at = now() where id = ${p.id}`);
  await post(tx, { kind: 'topup', from: await systemAccount(tx, p.canteenId, 'bank'), to: await personAccount(tx, p.userId), amountFen: p.amountFen, key: `payment:${p.id}`, canteenId: p.canteenId, memo: provider, createdBy: null });
  return { paymentId: p.id, userId: p.userId, amountFen: p.amountFen };
}

/** Cash at the counter (the built-in cashier provider): paid at once, from the canteen's cash drawer. */
export async function cashTopUp(tx: Tx, input: { userId: number; orgUnitId: number; canteenId: number; amountFen: number; idempotencyKey: string; cashierId: number }): Promise<{ id: number; created: boolean }> {
  const ins = await tx.execute(sql`insert into canteen_payments (provider, user_id, org_unit_id, canteen_id, amount_fen, status, idempotency_key, provider_ref, paid_at)
    values ('cashier', ${input.userId}, ${input.orgUnitId}, ${input.canteenId}, ${input.amountFen}, 'paid', ${input.idempotencyKey}, ${`cashier:${input.cashierId}:${input.idempotencyKey}`}, now())
    on conflict (user_id, idempotency_key) do nothing returning id::int as id`);
  const row = ins.rows[0] as { id: number } | undefined;
  if (!row) {
    const prior = (await tx.execute(sql`select id::int as id from canteen_payments where user_id = ${input.userId} and idempotency_key = ${input.idempotencyKey}`)).rows[0] as { id: number };
    return { id: prior.id, created: false };
  }
  await post(tx, { kind: 'topup', from: await systemAccount(tx, input.canteenId, 'cash'), to: await personAccount(tx, input.userId), amountFen: input.amountFen, key: `payment:${row.id}`, canteenId: input.canteenId, memo: 'cashier', createdBy: input.cashierId });
  return { id: row.id, created: true };
}
