-- 服务用房 per head (see ../shared/domain/office-space.md): provincial organs about 7–9 m² per
-- person (2014 national standard), Heilongjiang townships at most 8. Other levels have no row yet:
-- the province bureau adds them as data (POST /api/office/service-standards).
INSERT INTO office_service_standards (organ_level, min_m2, max_m2, source, effective_from) VALUES
  ('provincial', 7, 9, '发改投资〔2014〕2674号《党政机关办公用房建设标准》', DATE '2014-12-31'),
  ('township', NULL, 8, '黑发改投资〔2015〕43号', DATE '2015-01-01');
--> statement-breakpoint
-- Each organ's service rooms in use on day d (as they were that day) against its headcount that
-- day and the per-head standard in force: allowed area, area over it and the verdict.
CREATE FUNCTION office_service_compliance(d date, p_path text DEFAULT '/') RETURNS TABLE (
  org_unit_id int, service_area numeric, headcount int, per_head numeric, min_m2 numeric, max_m2 numeric, allowed numeric, over_area numeric, verdict text
) LANGUAGE sql STABLE AS $$
  WITH o AS (SELECT g.id, g.organ_level FROM org_units g WHERE g.kind = 'organ' AND g.path LIKE p_path || '%'),
  a AS MATERIALIZED (
    SELECT u.org_unit_id, sum(v.usable_area) AS area
    FROM office_room_uses u JOIN office_room_versions v ON v.room_id = u.room_id AND v.during @> d
    WHERE u.during @> d AND u.status = 'in_use' AND v.room_class = 'service' GROUP BY u.org_unit_id),
  h AS MATERIALIZED (
    SELECT p.org_unit_id, count(*)::int AS n FROM office_persons p WHERE p.status = 'active' OR p.left_on > d GROUP BY p.org_unit_id),
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
