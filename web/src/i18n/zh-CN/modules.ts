import { office } from './office';
import { energy } from './energy';
import { canteen } from './canteen';
import { plans } from './plans';

/**
 * The domain modules' strings. They load with the signed-in shell (`../modules.ts`), not with the
 * login page, which stays within its size budget however many modules there are.
 */
export const modulesZh = { office, energy, canteen, plans };
