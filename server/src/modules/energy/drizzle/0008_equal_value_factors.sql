-- Equal-value (等价值) standard-coal coefficients as data, so the equal-value view never falls back to
-- calorific figures silently (the query no longer does: a type without an equal-value version is a
-- missing factor, named in the answer).
-- Primary fuels: their equal value is their own heating value, i.e. the calorific coefficient.
INSERT INTO energy_factors (kind, energy_type, method, region, year, value, source)
SELECT 'coal', f.energy_type, 'equal_value', f.region, f.year, f.value,
  'GB/T 2589:一次能源的等价值即按其低位发热量折标,与当量值系数相同'
FROM energy_factors f
WHERE f.kind = 'coal' AND f.method = 'calorific' AND f.energy_type IN ('coal', 'gasoline', 'diesel', 'kerosene', 'lpg', 'natural_gas')
ON CONFLICT DO NOTHING;
--> statement-breakpoint
-- Purchased heat: the equal value follows the heat supplier's coal rate, which no source at hand gives.
-- The calorific 34.12 kgce/GJ stands in, labelled, until the province bureau corrects it (the screen
-- shows what a correction affects). This keeps what the equal-value view computed for heat before.
INSERT INTO energy_factors (kind, energy_type, method, region, year, value, source)
SELECT 'coal', 'heat', 'equal_value', f.region, f.year, f.value,
  '暂按当量值 34.12 kgce/GJ:热力等价值应按供热煤耗核定,来源未核实,请省局核定后更正'
FROM energy_factors f
WHERE f.kind = 'coal' AND f.method = 'calorific' AND f.energy_type = 'heat'
ON CONFLICT DO NOTHING;
-- Electricity: the equal value is set each year from the grid's coal rate for power supply (≈0.30–0.31
-- kgce/kWh); no year's published figure is in the sources, so none is seeded: the province bureau adds
-- it per year under 折标与排放因子, and until then the equal-value view names electricity as missing.
