-- Service rooms per head for a subtree read only that subtree's uses and persons (one organ's
-- page no longer aggregates the whole province).
CREATE OR REPLACE FUNCTION office_service_compliance(d date, p_path text DEFAULT '/') RETURNS TABLE (
  org_unit_id int, service_area numeric, headcount int, per_head numeric, min_m2 numeric, max_m2 numeric, allowed numeric, over_area numeric, verdict text
) LANGUAGE sql STABLE AS $$
  WITH o AS (SELECT g.id, g.organ_level FROM org_units g WHERE g.kind = 'organ' AND g.path LIKE p_path || '%'),
  a AS MATERIALIZED (
    SELECT u.org_unit_id, sum(v.usable_area) AS area
    FROM office_room_uses u JOIN office_room_versions v ON v.room_id = u.room_id AND v.during @> d
    WHERE u.during @> d AND u.status = 'in_use' AND v.room_class = 'service' AND u.org_unit_id IN (SELECT id FROM o) GROUP BY u.org_unit_id),
  h AS MATERIALIZED (
    SELECT p.org_unit_id, count(*)::int AS n FROM office_persons p WHERE (p.status = 'active' OR p.left_on > d) AND p.org_unit_id IN (SELECT id FROM o) GROUP BY p.org_unit_id),
  s AS (SELECT DISTINCT ON (x.organ_level) x.organ_level, x.min_m2, x.max_m2 FROM office_service_standards x WHERE x.effective_from <= d ORDER BY x.organ_level, x.effective_from DESC)
  SELECT o.id, coalesce(a.area, 0), coalesce(h.n, 0),
    CASE WHEN h.n > 0 THEN round(coalesce(a.area, 0) / h.n, 2) END, s.min_m2, s.max_m2,
    CASE WHEN h.n > 0 THEN s.max_m2 * h.n END,
    CASE WHEN h.n > 0 AND s.max_m2 IS NOT NULL THEN greatest(coalesce(a.area, 0) - s.max_m2 * h.n, 0) END,
    CASE WHEN coalesce(h.n, 0) = 0 THEN (CASE WHEN coalesce(a.area, 0) = 0 THEN 'empty' ELSE 'no_staff' END)
         WHEN s.max_m2 IS NULL THEN 'no_standard'
         WHEN coalesce(a.area, 0) <= s.max_m2 * h.n THEN 'compliant' ELSE 'over' END
  FROM o LEFT JOIN a ON a.org_unit_id = o.id LEFT JOIN h ON h.org_unit_id = o.id LEFT JOIN s ON s.organ_level = o.organ_level
$$;
