/**
 * The kitchen's forecast (pure arithmetic, tested on its own). From the last meals of the same kind:
 *   no-show rate   = Σ(booked − booked and served) / Σ booked
 *   walk-ins       = mean walk-ins per meal
 *   expected       = round(booked today × (1 − no-show rate)) + walk-ins
 *   surplus share  = Σ preparation surplus g / (Σ preparation surplus g + Σ served × portion g), at most 30 %
 *   portions       = ceil(expected × (1 − surplus share))
 * The last line is how the forecast learns from measured surplus: food cooked and never served in
 * past meals cuts what the sheet asks the kitchen to cook.
 */
export interface HistoryMeal { booked: number; bookedServed: number; walkIns: number; prepSurplusG: number | null }

export interface Forecast { noShowRate: number; walkIns: number; surplusShare: number; expectedDiners: number; portions: number; historyMeals: number }

export const MAX_SURPLUS_CUT = 0.3;

export function forecast(history: HistoryMeal[], bookedToday: number, portionGrams: number): Forecast {
  const booked = history.reduce((s, h) => s + h.booked, 0);
  const noShows = history.reduce((s, h) => s + Math.max(0, h.booked - h.bookedServed), 0);
  const noShowRate = booked > 0 ? noShows / booked : 0;
  const walkIns = history.length > 0 ? Math.round(history.reduce((s, h) => s + h.walkIns, 0) / history.length) : 0;
  const measured = history.filter((h) => h.prepSurplusG !== null);
  const surplusG = measured.reduce((s, h) => s + (h.prepSurplusG ?? 0), 0);
  const servedG = measured.reduce((s, h) => s + (h.bookedServed + h.walkIns) * portionGrams, 0);
  const surplusShare = surplusG + servedG > 0 ? Math.min(MAX_SURPLUS_CUT, surplusG / (surplusG + servedG)) : 0;
  const expectedDiners = Math.round(bookedToday * (1 - noShowRate)) + walkIns;
  const portions = Math.ceil(expectedDiners * (1 - surplusShare) - 1e-9);
  return { noShowRate: round4(noShowRate), walkIns, surplusShare: round4(surplusShare), expectedDiners, portions, historyMeals: history.length };
}

/** Grams of food waste (all three stages) per meal served; null when nothing was served or measured. */
export function gramsPerMeal(w: { prepSurplusG: number | null; unservedG: number | null; plateG: number | null }, served: number): number | null {
  if (served <= 0 || (w.prepSurplusG === null && w.unservedG === null && w.plateG === null)) return null;
  return Math.round(((w.prepSurplusG ?? 0) + (w.unservedG ?? 0) + (w.plateG ?? 0)) / served * 10) / 10;
}

/** kg as entered (up to 3 decimals) → whole grams, exactly. */
export const kgToGrams = (kg: number) => Math.round(kg * 1000);

const round4 = (n: number) => Math.round(n * 10000) / 10000;

/**
 * Portions of one dish to cook. Demand = portions pre-ordered with bookings + bookings that chose no
 * dishes (each counts once for every dish). The meal's forecast (no-shows, walk-ins, measured
 * surplus) scales it: portions = ceil(demand × meal portions / booked), walk-ins assumed to choose
 * like the diners who booked. With no bookings the meal's portions are the forecast for each dish.
 */
export function dishPortions(demand: number, bookedToday: number, mealPortions: number): number {
  if (bookedToday <= 0) return mealPortions;
  return Math.max(0, Math.ceil((demand * mealPortions) / bookedToday - 1e-9));
}
