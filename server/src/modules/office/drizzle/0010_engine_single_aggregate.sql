-- The engine as one aggregation: rooms in use (as they were on day d) LEFT JOIN their occupants
-- that day, grouped by room. Measured against migration 0006 (two MATERIALIZED halves), on
-- PostgreSQL: on a database not yet analysed ~100 ms for the demo province (the pre-0006 shape took
-- 0.7–2.2 s: a nested loop re-aggregating every occupancy once per room); at province scale the
-- planner keeps a hash join + hash aggregate (0006 forced a sort-based aggregate spilling to disk
-- and was ~2x slower). For a subtree the occupants follow the subtree's rooms (no IN list).
CREATE OR REPLACE FUNCTION office_room_compliance(d date, p_path text DEFAULT '/') RETURNS TABLE (
  room_id int, org_unit_id int, usable_area numeric, washroom_area numeric, occupants int, entitlement numeric,
  washroom_allowance numeric, allowed numeric, over_area numeric, verdict text, has_extra boolean
) LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
DECLARE
  q text := $q$
    WITH x AS (
      SELECT v.room_id, u.org_unit_id, v.usable_area, v.washroom_area, count(o.id)::int AS n, sum(s.area_m2) AS ent,
             coalesce(max(s.washroom_m2), 0) AS wash, bool_or(o.id IS NOT NULL AND s.area_m2 IS NULL) AS missing,
             coalesce(bool_or(o.kind = 'extra'), false) AS extra
      FROM office_room_uses u
      JOIN office_room_versions v ON v.room_id = u.room_id AND v.during @> $1
      %1$s
      LEFT JOIN (office_occupancies o
                 JOIN office_persons p ON p.id = o.person_id
                 JOIN org_units ou ON ou.id = p.org_unit_id
                 LEFT JOIN office_standard_on($1) s ON s.organ_level = ou.organ_level AND s.rank_code = p.rank_code)
        ON o.room_id = v.room_id AND o.during @> $1
      WHERE u.during @> $1 AND u.status = 'in_use' AND v.room_class = 'office'
      GROUP BY v.room_id, u.org_unit_id, v.usable_area, v.washroom_area)
    SELECT x.room_id, x.org_unit_id, x.usable_area, x.washroom_area, x.n,
           CASE WHEN x.n > 0 THEN x.ent END,
           CASE WHEN x.n > 0 THEN least(x.washroom_area, x.wash) ELSE 0 END,
           CASE WHEN x.n > 0 THEN x.ent + least(x.washroom_area, x.wash) END,
           CASE WHEN x.n = 0 OR x.missing THEN NULL ELSE greatest(x.usable_area - x.ent - least(x.washroom_area, x.wash), 0) END,
           CASE WHEN x.n = 0 THEN 'unoccupied' WHEN x.missing THEN 'no_standard'
                WHEN x.usable_area <= x.ent + least(x.washroom_area, x.wash) THEN 'compliant' ELSE 'over' END,
           x.extra
    FROM x$q$;
BEGIN
  IF p_path IS NULL OR p_path = '/' THEN
    RETURN QUERY EXECUTE format(q, '') USING d;
  ELSE
    RETURN QUERY EXECUTE format(q, 'JOIN org_units g ON g.id = u.org_unit_id AND g.path LIKE $2') USING d, p_path || '%';
  END IF;
END $$;
