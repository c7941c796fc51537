import type { Tx } from '../../db/client';

export async function seedPlansDemo(_tx: Tx): Promise<void> {}
