import type { ModuleMessages } from '../zh-CN';
import { office } from './office';
import { energy } from './energy';
import { canteen } from './canteen';
import { plans } from './plans';

/** English module strings: same keys as Simplified Chinese (checked by `ModuleMessages`). */
export const modulesEn: ModuleMessages = { office, energy, canteen, plans };
