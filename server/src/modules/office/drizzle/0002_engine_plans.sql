-- The engine at province scale: one hash aggregate over the day's occupancies for the whole
-- province (the plan of a hand-written statement), and for a subtree only the rooms its organs use
-- (planned per call, so the path prefix can use the org tree's index).
CREATE INDEX office_room_uses_unit_idx ON office_room_uses (org_unit_id);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION office_room_compliance(d date, p_path text DEFAULT '/') RETURNS TABLE (
  room_id int, org_unit_id int, usable_area numeric, washroom_area numeric, occupants int, entitlement numeric,
  washroom_allowance numeric, allowed numeric, over_area numeric, verdict text, has_extra boolean
) LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
DECLARE
  q text := $q$
    SELECT r.id, u.org_unit_id, r.usable_area, r.washroom_area, coalesce(a.n, 0), a.ent,
           least(r.washroom_area, coalesce(a.wash, 0)),
           a.ent + least(r.washroom_area, coalesce(a.wash, 0)),
           CASE WHEN a.missing OR a.n IS NULL THEN NULL ELSE greatest(r.usable_area - a.ent - least(r.washroom_area, a.wash), 0) END,
           CASE WHEN a.n IS NULL THEN 'unoccupied' WHEN a.missing THEN 'no_standard'
                WHEN r.usable_area <= a.ent + least(r.washroom_area, a.wash) THEN 'compliant' ELSE 'over' END,
           coalesce(a.extra, false)
    FROM office_room_uses u
    JOIN office_rooms r ON r.id = u.room_id
    %1$s
    LEFT JOIN (
      SELECT o.room_id, count(*)::int AS n, sum(s.area_m2) AS ent, coalesce(max(s.washroom_m2), 0) AS wash,
             bool_or(s.area_m2 IS NULL) AS missing, bool_or(o.kind = 'extra') AS extra
      FROM office_occupancies o
      JOIN office_persons p ON p.id = o.person_id
      JOIN org_units ou ON ou.id = p.org_unit_id
      LEFT JOIN office_standard_on($1) s ON s.organ_level = ou.organ_level AND s.rank_code = p.rank_code
      WHERE o.during @> $1 %2$s
      GROUP BY o.room_id) a ON a.room_id = r.id
    WHERE u.during @> $1 AND u.status = 'in_use' AND r.room_class = 'office'$q$;
BEGIN
  IF p_path IS NULL OR p_path = '/' THEN
    RETURN QUERY EXECUTE format(q, '', '') USING d;
  ELSE
    RETURN QUERY EXECUTE format(q,
      'JOIN org_units g ON g.id = u.org_unit_id AND g.path LIKE $2',
      'AND o.room_id IN (SELECT u2.room_id FROM office_room_uses u2 JOIN org_units g2 ON g2.id = u2.org_unit_id WHERE g2.path LIKE $2 AND u2.during @> $1)')
      USING d, p_path || '%';
  END IF;
END $$;
