-- A restore replays the backup's rows, summaries and reports included: the derived-data and lock
-- triggers stand aside while the restoring transaction has set guanjia.restoring (kernel backup.ts).
CREATE OR REPLACE FUNCTION energy_assert_unlocked() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('guanjia.restoring', true) = 'on' THEN
    RETURN NULL;
  END IF;
  IF EXISTS (
    SELECT 1 FROM changed_rows c
      JOIN energy_reports r ON r.org_unit_id = c.org_unit_id AND r.status IN ('submitted', 'accepted')
      JOIN energy_periods p ON p.id = r.period_id AND c.month BETWEEN p.starts_on AND p.ends_on
  ) THEN
    RAISE EXCEPTION 'energy_period_locked' USING ERRCODE = 'P0001';
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION energy_monthly_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('guanjia.restoring', true) = 'on' THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    WITH d AS (SELECT org_unit_id, month, energy_type, for_heating, quantity AS q, cost_fen AS c FROM new_rows),
    mo AS (
      INSERT INTO energy_monthly AS m (org_unit_id, month, energy_type, for_heating, quantity, cost_fen)
        SELECT org_unit_id, month, energy_type, for_heating, sum(q), sum(c) FROM d GROUP BY 1, 2, 3, 4
      ON CONFLICT (org_unit_id, month, energy_type, for_heating)
        DO UPDATE SET quantity = m.quantity + excluded.quantity, cost_fen = m.cost_fen + excluded.cost_fen
      RETURNING 1)
    INSERT INTO energy_yearly AS y (org_unit_id, year, energy_type, for_heating, quantity, cost_fen)
      SELECT org_unit_id, extract(year FROM month)::smallint, energy_type, for_heating, sum(q), sum(c) FROM d GROUP BY 1, 2, 3, 4
    ON CONFLICT (org_unit_id, year, energy_type, for_heating)
      DO UPDATE SET quantity = y.quantity + excluded.quantity, cost_fen = y.cost_fen + excluded.cost_fen;
  ELSIF TG_OP = 'DELETE' THEN
    WITH d AS (SELECT org_unit_id, month, energy_type, for_heating, -quantity AS q, -cost_fen AS c FROM old_rows),
    mo AS (
      INSERT INTO energy_monthly AS m (org_unit_id, month, energy_type, for_heating, quantity, cost_fen)
        SELECT org_unit_id, month, energy_type, for_heating, sum(q), sum(c) FROM d GROUP BY 1, 2, 3, 4
      ON CONFLICT (org_unit_id, month, energy_type, for_heating)
        DO UPDATE SET quantity = m.quantity + excluded.quantity, cost_fen = m.cost_fen + excluded.cost_fen
      RETURNING 1)
    INSERT INTO energy_yearly AS y (org_unit_id, year, energy_type, for_heating, quantity, cost_fen)
      SELECT org_unit_id, extract(year FROM month)::smallint, energy_type, for_heating, sum(q), sum(c) FROM d GROUP BY 1, 2, 3, 4
    ON CONFLICT (org_unit_id, year, energy_type, for_heating)
      DO UPDATE SET quantity = y.quantity + excluded.quantity, cost_fen = y.cost_fen + excluded.cost_fen;
    DELETE FROM energy_monthly m USING old_rows o
      WHERE m.org_unit_id = o.org_unit_id AND m.month = o.month AND m.energy_type = o.energy_type
        AND m.for_heating = o.for_heating AND m.quantity = 0 AND m.cost_fen = 0;
    DELETE FROM energy_yearly y USING old_rows o
      WHERE y.org_unit_id = o.org_unit_id AND y.year = extract(year FROM o.month) AND y.energy_type = o.energy_type
        AND y.for_heating = o.for_heating AND y.quantity = 0 AND y.cost_fen = 0;
  ELSE
    WITH d AS (SELECT org_unit_id, month, energy_type, for_heating, quantity AS q, cost_fen AS c FROM new_rows UNION ALL SELECT org_unit_id, month, energy_type, for_heating, -quantity AS q, -cost_fen AS c FROM old_rows),
    mo AS (
      INSERT INTO energy_monthly AS m (org_unit_id, month, energy_type, for_heating, quantity, cost_fen)
        SELECT org_unit_id, month, energy_type, for_heating, sum(q), sum(c) FROM d GROUP BY 1, 2, 3, 4
      ON CONFLICT (org_unit_id, month, energy_type, for_heating)
        DO UPDATE SET quantity = m.quantity + excluded.quantity, cost_fen = m.cost_fen + excluded.cost_fen
      RETURNING 1)
    INSERT INTO energy_yearly AS y (org_unit_id, year, energy_type, for_heating, quantity, cost_fen)
      SELECT org_unit_id, extract(year FROM month)::smallint, energy_type, for_heating, sum(q), sum(c) FROM d GROUP BY 1, 2, 3, 4
    ON CONFLICT (org_unit_id, year, energy_type, for_heating)
      DO UPDATE SET quantity = y.quantity + excluded.quantity, cost_fen = y.cost_fen + excluded.cost_fen;
    DELETE FROM energy_monthly m USING old_rows o
      WHERE m.org_unit_id = o.org_unit_id AND m.month = o.month AND m.energy_type = o.energy_type
        AND m.for_heating = o.for_heating AND m.quantity = 0 AND m.cost_fen = 0;
    DELETE FROM energy_yearly y USING old_rows o
      WHERE y.org_unit_id = o.org_unit_id AND y.year = extract(year FROM o.month) AND y.energy_type = o.energy_type
        AND y.for_heating = o.for_heating AND y.quantity = 0 AND y.cost_fen = 0;
  END IF;
  RETURN NULL;
END $$;
