CREATE TABLE "energy_node_denominators" (
	"node_id" integer NOT NULL,
	"category" text NOT NULL,
	"effective_from" date NOT NULL,
	"institutions" integer NOT NULL,
	"headcount" bigint NOT NULL,
	"floor_area" numeric(18, 2) NOT NULL,
	"heated_area" numeric(18, 2) NOT NULL,
	CONSTRAINT "energy_node_denominators_pk" PRIMARY KEY("node_id","effective_from","category")
);
--> statement-breakpoint
CREATE TABLE "energy_node_monthly" (
	"node_id" integer NOT NULL,
	"category" text NOT NULL,
	"month" date NOT NULL,
	"energy_type" text NOT NULL,
	"for_heating" boolean NOT NULL,
	"quantity" numeric(22, 4) NOT NULL,
	"cost_fen" bigint NOT NULL,
	CONSTRAINT "energy_node_monthly_pk" PRIMARY KEY("node_id","month","category","energy_type","for_heating")
);
--> statement-breakpoint
CREATE TABLE "energy_node_yearly" (
	"node_id" integer NOT NULL,
	"category" text NOT NULL,
	"year" smallint NOT NULL,
	"energy_type" text NOT NULL,
	"for_heating" boolean NOT NULL,
	"quantity" numeric(22, 4) NOT NULL,
	"cost_fen" bigint NOT NULL,
	CONSTRAINT "energy_node_yearly_pk" PRIMARY KEY("node_id","year","category","energy_type","for_heating")
);
--> statement-breakpoint
-- Strict ancestors of an institution on its path ('/1/2/100/1005/' → {1,2,100}): the nodes it rolls up into.
CREATE FUNCTION energy_ancestors(p text) RETURNS int[] LANGUAGE sql IMMUTABLE AS $$
  SELECT (a[1:cardinality(a) - 1])::int[] FROM (SELECT string_to_array(trim(both '/' from p), '/') AS a) s
$$;
--> statement-breakpoint
-- Adds (p_sign = 1) or removes (-1) everything of the given institutions — yearly and monthly sums,
-- denominator steps and the count — to or from the roll-ups of every ancestor of the given path.
-- Used when an institution is registered, deactivated, recategorised or moved in the org tree.
CREATE FUNCTION energy_node_shift(p_ids int[], p_paths text[], p_cats text[], p_sign int) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO energy_node_yearly AS n (node_id, category, year, energy_type, for_heating, quantity, cost_fen)
    SELECT a.node, x.category, y.year, y.energy_type, y.for_heating, p_sign * sum(y.quantity), (p_sign * sum(y.cost_fen))::bigint
    FROM unnest(p_ids, p_paths, p_cats) AS x(id, path, category)
      JOIN energy_yearly y ON y.org_unit_id = x.id
      CROSS JOIN LATERAL unnest(energy_ancestors(x.path)) AS a(node)
    GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (node_id, year, category, energy_type, for_heating)
    DO UPDATE SET quantity = n.quantity + excluded.quantity, cost_fen = n.cost_fen + excluded.cost_fen;
  INSERT INTO energy_node_monthly AS n (node_id, category, month, energy_type, for_heating, quantity, cost_fen)
    SELECT a.node, x.category, m.month, m.energy_type, m.for_heating, p_sign * sum(m.quantity), (p_sign * sum(m.cost_fen))::bigint
    FROM unnest(p_ids, p_paths, p_cats) AS x(id, path, category)
      JOIN energy_monthly m ON m.org_unit_id = x.id
      CROSS JOIN LATERAL unnest(energy_ancestors(x.path)) AS a(node)
    GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (node_id, month, category, energy_type, for_heating)
    DO UPDATE SET quantity = n.quantity + excluded.quantity, cost_fen = n.cost_fen + excluded.cost_fen;
  INSERT INTO energy_node_denominators AS n (node_id, category, effective_from, institutions, headcount, floor_area, heated_area)
    SELECT a.node, x.category, s.effective_from, p_sign * sum(s.n), (p_sign * sum(s.hc))::bigint, p_sign * sum(s.fa), p_sign * sum(s.ha)
    FROM unnest(p_ids, p_paths, p_cats) AS x(id, path, category)
      CROSS JOIN LATERAL (
        SELECT '1900-01-01'::date AS effective_from, 1 AS n, 0::bigint AS hc, 0::numeric AS fa, 0::numeric AS ha
        UNION ALL
        SELECT d.effective_from, 0, d.headcount - coalesce(lag(d.headcount) OVER w, 0), d.floor_area - coalesce(lag(d.floor_area) OVER w, 0),
          d.heated_area - coalesce(lag(d.heated_area) OVER w, 0)
        FROM energy_denominators d WHERE d.org_unit_id = x.id WINDOW w AS (ORDER BY d.effective_from)) s
      CROSS JOIN LATERAL unnest(energy_ancestors(x.path)) AS a(node)
    GROUP BY 1, 2, 3
  ON CONFLICT (node_id, effective_from, category)
    DO UPDATE SET institutions = n.institutions + excluded.institutions, headcount = n.headcount + excluded.headcount,
      floor_area = n.floor_area + excluded.floor_area, heated_area = n.heated_area + excluded.heated_area;
END $$;
--> statement-breakpoint
-- Consumption: each statement's delta goes to the roll-ups of the institution's ancestors (active institutions only).
CREATE FUNCTION energy_node_apply() RETURNS trigger LANGUAGE plpgsql AS $$
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
    per AS (SELECT org_unit_id, month, energy_type, for_heating, sum(q) AS q, sum(c) AS c FROM d GROUP BY 1, 2, 3, 4),
    a AS (
      SELECT n.node, i.category, per.month, per.energy_type, per.for_heating, sum(per.q) AS q, sum(per.c) AS c
      FROM per JOIN energy_institutions i ON i.org_unit_id = per.org_unit_id AND i.active
        JOIN org_units u ON u.id = per.org_unit_id
        CROSS JOIN LATERAL unnest(energy_ancestors(u.path)) AS n(node)
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
CREATE TRIGGER energy_consumption_node_ins AFTER INSERT ON energy_consumption REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION energy_node_apply();
--> statement-breakpoint
CREATE TRIGGER energy_consumption_node_del AFTER DELETE ON energy_consumption REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION energy_node_apply();
--> statement-breakpoint
CREATE TRIGGER energy_consumption_node_upd AFTER UPDATE ON energy_consumption REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION energy_node_apply();
--> statement-breakpoint
-- Denominators: the affected institutions' step deltas before the statement are taken out, after it put in.
CREATE FUNCTION energy_node_denominators_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE nw text; od text;
BEGIN
  IF current_setting('guanjia.restoring', true) = 'on' THEN
    RETURN NULL;
  END IF;
  nw := CASE WHEN TG_OP IN ('INSERT', 'UPDATE') THEN 'SELECT id, org_unit_id FROM new_rows' ELSE 'SELECT NULL::int AS id, NULL::int AS org_unit_id WHERE false' END;
  od := CASE WHEN TG_OP IN ('DELETE', 'UPDATE') THEN 'SELECT org_unit_id, effective_from, headcount, floor_area, heated_area FROM old_rows'
    ELSE 'SELECT NULL::int, NULL::date, NULL::int, NULL::numeric, NULL::numeric WHERE false' END;
  EXECUTE format($f$
    WITH nw AS (%s), od(org_unit_id, effective_from, headcount, floor_area, heated_area) AS (%s),
    ids AS (SELECT org_unit_id FROM nw UNION SELECT org_unit_id FROM od),
    cur AS (SELECT d.id, d.org_unit_id, d.effective_from, d.headcount, d.floor_area, d.heated_area FROM energy_denominators d
      WHERE d.org_unit_id IN (SELECT org_unit_id FROM ids)),
    steps AS (
      SELECT org_unit_id, effective_from, 1 AS s, headcount, floor_area, heated_area FROM cur
      UNION ALL SELECT org_unit_id, effective_from, -1, headcount, floor_area, heated_area FROM cur WHERE id NOT IN (SELECT id FROM nw)
      UNION ALL SELECT org_unit_id, effective_from, -1, headcount, floor_area, heated_area FROM od),
    deltas AS (
      SELECT org_unit_id, effective_from, s * (headcount - coalesce(lag(headcount) OVER w, 0)) AS hc,
        s * (floor_area - coalesce(lag(floor_area) OVER w, 0)) AS fa, s * (heated_area - coalesce(lag(heated_area) OVER w, 0)) AS ha
      FROM steps WINDOW w AS (PARTITION BY org_unit_id, s ORDER BY effective_from))
    INSERT INTO energy_node_denominators AS n (node_id, category, effective_from, institutions, headcount, floor_area, heated_area)
      SELECT a.node, i.category, d.effective_from, 0, sum(d.hc)::bigint, sum(d.fa), sum(d.ha)
      FROM deltas d JOIN energy_institutions i ON i.org_unit_id = d.org_unit_id AND i.active
        JOIN org_units u ON u.id = d.org_unit_id
        CROSS JOIN LATERAL unnest(energy_ancestors(u.path)) AS a(node)
      GROUP BY 1, 2, 3
    ON CONFLICT (node_id, effective_from, category)
      DO UPDATE SET headcount = n.headcount + excluded.headcount, floor_area = n.floor_area + excluded.floor_area,
        heated_area = n.heated_area + excluded.heated_area
  $f$, nw, od);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER energy_denominators_node_ins AFTER INSERT ON energy_denominators REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION energy_node_denominators_apply();
--> statement-breakpoint
CREATE TRIGGER energy_denominators_node_del AFTER DELETE ON energy_denominators REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION energy_node_denominators_apply();
--> statement-breakpoint
CREATE TRIGGER energy_denominators_node_upd AFTER UPDATE ON energy_denominators REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION energy_node_denominators_apply();
--> statement-breakpoint
-- Registering, deactivating or recategorising an institution moves its whole contribution.
CREATE FUNCTION energy_node_institution_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE p text;
BEGIN
  IF current_setting('guanjia.restoring', true) = 'on' THEN
    RETURN NULL;
  END IF;
  SELECT path INTO p FROM org_units WHERE id = coalesce(NEW.org_unit_id, OLD.org_unit_id);
  IF TG_OP = 'UPDATE' AND OLD.active = NEW.active AND OLD.category = NEW.category THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.active THEN
    PERFORM energy_node_shift(ARRAY[OLD.org_unit_id], ARRAY[p], ARRAY[OLD.category], -1);
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.active THEN
    PERFORM energy_node_shift(ARRAY[NEW.org_unit_id], ARRAY[p], ARRAY[NEW.category], 1);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER energy_institutions_node AFTER INSERT OR UPDATE OR DELETE ON energy_institutions
  FOR EACH ROW EXECUTE FUNCTION energy_node_institution_apply();
--> statement-breakpoint
-- A unit moved in the org tree (its subtree's paths rewritten): the institutions below leave their old
-- ancestors' roll-ups and join the new ones'.
CREATE FUNCTION energy_node_org_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE ids int[]; olds text[]; news text[]; cats text[];
BEGIN
  IF current_setting('guanjia.restoring', true) = 'on' THEN
    RETURN NULL;
  END IF;
  SELECT array_agg(o.id), array_agg(o.path), array_agg(n.path), array_agg(i.category) INTO ids, olds, news, cats
    FROM old_rows o JOIN new_rows n ON n.id = o.id JOIN energy_institutions i ON i.org_unit_id = o.id AND i.active
    WHERE o.path <> n.path;
  IF ids IS NOT NULL THEN
    PERFORM energy_node_shift(ids, olds, cats, -1);
    PERFORM energy_node_shift(ids, news, cats, 1);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER energy_org_units_node AFTER UPDATE ON org_units REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION energy_node_org_apply();
--> statement-breakpoint
-- Rebuilds every summary from the raw rows in bulk (after a bulk load with the triggers off, or to check them).
CREATE FUNCTION energy_rebuild_summaries() RETURNS void LANGUAGE plpgsql AS $$
DECLARE ids int[]; paths text[]; cats text[];
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
  SELECT array_agg(i.org_unit_id), array_agg(u.path), array_agg(i.category) INTO ids, paths, cats
    FROM energy_institutions i JOIN org_units u ON u.id = i.org_unit_id WHERE i.active;
  IF ids IS NOT NULL THEN
    PERFORM energy_node_shift(ids, paths, cats, 1);
  END IF;
END $$;
--> statement-breakpoint
-- Existing installations: fill the roll-ups from the current summaries.
SELECT energy_node_shift(array_agg(i.org_unit_id), array_agg(u.path), array_agg(i.category), 1)
  FROM energy_institutions i JOIN org_units u ON u.id = i.org_unit_id WHERE i.active;
