-- Bulk paths sum per (parent unit, category) before fanning out to the ancestors (the parent's path):
-- institutions under the same county share their ancestors, so a bulk statement or a rebuild fans out
-- per county, not per institution, and calls no function per row.
CREATE OR REPLACE FUNCTION energy_node_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE src text;
BEGIN
  IF current_setting('guanjia.restoring', true) = 'on' THEN
    RETURN NULL;
  END IF;
  src := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT org_unit_id, month, energy_type, for_heating, quantity AS q, cost_fen AS c FROM new_rows'
    WHEN 'DELETE' THEN 'SELECT org_unit_id, month, energy_type, for_heating, -quantity AS q, -cost_fen AS c FROM old_rows'
    ELSE 'SELECT org_unit_id, month, energy_type, for_heating, quantity AS q, cost_fen AS c FROM new_rows
          UNION ALL SELECT org_unit_id, month, energy_type, for_heating, -quantity, -cost_fen FROM old_rows' END;
  EXECUTE format($f$
    WITH d AS (%s),
    per AS (
      SELECT u.parent_id, i.category, d.month, d.energy_type, d.for_heating, sum(d.q) AS q, sum(d.c) AS c
      FROM d JOIN energy_institutions i ON i.org_unit_id = d.org_unit_id AND i.active
        JOIN org_units u ON u.id = d.org_unit_id
      GROUP BY 1, 2, 3, 4, 5),
    a AS (
      SELECT n.node::int AS node, per.category, per.month, per.energy_type, per.for_heating, sum(per.q) AS q, sum(per.c) AS c
      FROM per JOIN org_units p ON p.id = per.parent_id
        CROSS JOIN LATERAL unnest(string_to_array(trim(both '/' from p.path), '/')) AS n(node)
      GROUP BY 1, 2, 3, 4, 5),
    mo AS (
      INSERT INTO energy_node_monthly AS m (node_id, category, month, energy_type, for_heating, quantity, cost_fen)
        SELECT node, category, month, energy_type, for_heating, q, c FROM a
      ON CONFLICT (node_id, month, category, energy_type, for_heating)
        DO UPDATE SET quantity = m.quantity + excluded.quantity, cost_fen = m.cost_fen + excluded.cost_fen
      RETURNING 1)
    INSERT INTO energy_node_yearly AS y (node_id, category, year, energy_type, for_heating, quantity, cost_fen)
      SELECT node, category, extract(year FROM month)::smallint, energy_type, for_heating, sum(q), sum(c) FROM a GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT (node_id, year, category, energy_type, for_heating)
      DO UPDATE SET quantity = y.quantity + excluded.quantity, cost_fen = y.cost_fen + excluded.cost_fen
  $f$, src);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION energy_rebuild_summaries() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM energy_monthly;
  DELETE FROM energy_yearly;
  DELETE FROM energy_node_monthly;
  DELETE FROM energy_node_yearly;
  DELETE FROM energy_node_denominators;
  INSERT INTO energy_monthly (org_unit_id, month, energy_type, for_heating, quantity, cost_fen)
    SELECT org_unit_id, month, energy_type, for_heating, sum(quantity), sum(cost_fen) FROM energy_consumption GROUP BY 1, 2, 3, 4;
  INSERT INTO energy_yearly (org_unit_id, year, energy_type, for_heating, quantity, cost_fen)
    SELECT org_unit_id, extract(year FROM month)::smallint, energy_type, for_heating, sum(quantity), sum(cost_fen) FROM energy_monthly GROUP BY 1, 2, 3, 4;
  CREATE TEMP TABLE energy_rebuild_per ON COMMIT DROP AS
    SELECT u.parent_id, i.category, m.month, m.energy_type, m.for_heating, sum(m.quantity) AS q, sum(m.cost_fen) AS c
    FROM energy_monthly m JOIN energy_institutions i ON i.org_unit_id = m.org_unit_id AND i.active JOIN org_units u ON u.id = m.org_unit_id
    GROUP BY 1, 2, 3, 4, 5;
  INSERT INTO energy_node_monthly (node_id, category, month, energy_type, for_heating, quantity, cost_fen)
    SELECT n.node::int, r.category, r.month, r.energy_type, r.for_heating, sum(r.q), sum(r.c)
    FROM energy_rebuild_per r JOIN org_units p ON p.id = r.parent_id
      CROSS JOIN LATERAL unnest(string_to_array(trim(both '/' from p.path), '/')) AS n(node) GROUP BY 1, 2, 3, 4, 5;
  INSERT INTO energy_node_yearly (node_id, category, year, energy_type, for_heating, quantity, cost_fen)
    SELECT node_id, category, extract(year FROM month)::smallint, energy_type, for_heating, sum(quantity), sum(cost_fen)
    FROM energy_node_monthly GROUP BY 1, 2, 3, 4, 5;
  DROP TABLE energy_rebuild_per;
  INSERT INTO energy_node_denominators (node_id, category, effective_from, institutions, headcount, floor_area, heated_area)
    SELECT n.node, s.category, s.effective_from, sum(s.n), sum(s.hc), sum(s.fa), sum(s.ha)
    FROM (
      SELECT u.path, i.category, '1900-01-01'::date AS effective_from, 1 AS n, 0::bigint AS hc, 0::numeric AS fa, 0::numeric AS ha
        FROM energy_institutions i JOIN org_units u ON u.id = i.org_unit_id WHERE i.active
      UNION ALL
      SELECT u.path, i.category, d.effective_from, 0, d.headcount - coalesce(lag(d.headcount) OVER w, 0), d.floor_area - coalesce(lag(d.floor_area) OVER w, 0),
          d.heated_area - coalesce(lag(d.heated_area) OVER w, 0)
        FROM energy_denominators d JOIN energy_institutions i ON i.org_unit_id = d.org_unit_id AND i.active JOIN org_units u ON u.id = d.org_unit_id
        WINDOW w AS (PARTITION BY d.org_unit_id ORDER BY d.effective_from)
    ) s CROSS JOIN LATERAL unnest(energy_ancestors(s.path)) AS n(node)
    GROUP BY 1, 2, 3;
END $$;
