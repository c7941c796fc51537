-- Room attributes over time (class, sub-type, areas, capacity) and the engine reading them as of
-- any day; plus a plan that stays linear on a fresh database without statistics.
ALTER TABLE office_room_versions ADD CONSTRAINT office_room_versions_overlap_ex EXCLUDE USING gist (room_id WITH =, during WITH &&);
--> statement-breakpoint
ALTER TABLE office_room_versions ADD CONSTRAINT office_room_versions_area_ck CHECK (usable_area > 0 AND usable_area <= 3000 AND gross_area >= usable_area AND washroom_area >= 0 AND washroom_area < usable_area AND capacity BETWEEN 1 AND 200);
--> statement-breakpoint
-- Rooms recorded so far: one version open on both sides (as first recorded).
INSERT INTO office_room_versions (room_id, room_class, sub_type, usable_area, gross_area, washroom_area, capacity, during)
  SELECT id, room_class, sub_type, usable_area, gross_area, washroom_area, capacity, daterange(NULL, NULL) FROM office_rooms;
--> statement-breakpoint
-- New rooms (one statement at a time, so bulk imports and generators stay set-based).
CREATE FUNCTION office_room_version_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('guanjia.restoring', true) = 'on' THEN RETURN NULL; END IF;
  INSERT INTO office_room_versions (room_id, room_class, sub_type, usable_area, gross_area, washroom_area, capacity, during)
    SELECT n.id, n.room_class, n.sub_type, n.usable_area, n.gross_area, n.washroom_area, n.capacity, daterange(NULL, NULL) FROM new_rooms n;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER office_room_version_insert AFTER INSERT ON office_rooms REFERENCING NEW TABLE AS new_rooms
  FOR EACH STATEMENT EXECUTE FUNCTION office_room_version_insert();
--> statement-breakpoint
-- A changed attribute: the open version ends the day before (Shanghai time) and a new one starts
-- that day; a second change on the same day rewrites that day's version.
CREATE FUNCTION office_room_version_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  d date := (now() AT TIME ZONE 'Asia/Shanghai')::date;
BEGIN
  -- A restore replays versions as backed up; the demo seed and generator sync versions themselves.
  IF current_setting('guanjia.restoring', true) = 'on' OR current_setting('office.seeding', true) = 'on' THEN RETURN NEW; END IF;
  UPDATE office_room_versions SET room_class = NEW.room_class, sub_type = NEW.sub_type, usable_area = NEW.usable_area, gross_area = NEW.gross_area,
      washroom_area = NEW.washroom_area, capacity = NEW.capacity
    WHERE room_id = NEW.id AND upper_inf(during) AND lower(during) = d;
  IF NOT FOUND THEN
    UPDATE office_room_versions SET during = daterange(lower(during), d) WHERE room_id = NEW.id AND upper_inf(during);
    INSERT INTO office_room_versions (room_id, room_class, sub_type, usable_area, gross_area, washroom_area, capacity, during)
      VALUES (NEW.id, NEW.room_class, NEW.sub_type, NEW.usable_area, NEW.gross_area, NEW.washroom_area, NEW.capacity, daterange(d, NULL));
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER office_room_version_update AFTER UPDATE ON office_rooms FOR EACH ROW
  WHEN ((OLD.room_class, OLD.sub_type, OLD.usable_area, OLD.gross_area, OLD.washroom_area, OLD.capacity)
        IS DISTINCT FROM (NEW.room_class, NEW.sub_type, NEW.usable_area, NEW.gross_area, NEW.washroom_area, NEW.capacity))
  EXECUTE FUNCTION office_room_version_update();
--> statement-breakpoint
CREATE INDEX office_room_versions_during_idx ON office_room_versions USING gist (room_id, during);
--> statement-breakpoint
-- The engine reads the room as it was on day d. Both halves are MATERIALIZED: on a database that
-- has not been analysed yet (a new installation, a test run) the planner guessed one row per
-- side and re-aggregated every occupancy once per room (nested loop: 2.2 s for the demo province);
-- now each half is computed once and the join is over two small in-memory sets.
CREATE OR REPLACE FUNCTION office_room_compliance(d date, p_path text DEFAULT '/') RETURNS TABLE (
  room_id int, org_unit_id int, usable_area numeric, washroom_area numeric, occupants int, entitlement numeric,
  washroom_allowance numeric, allowed numeric, over_area numeric, verdict text, has_extra boolean
) LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
DECLARE
  q text := $q$
    WITH rm AS MATERIALIZED (
      SELECT v.room_id AS id, u.org_unit_id, v.usable_area, v.washroom_area
      FROM office_room_uses u
      JOIN office_room_versions v ON v.room_id = u.room_id AND v.during @> $1
      %1$s
      WHERE u.during @> $1 AND u.status = 'in_use' AND v.room_class = 'office'),
    a AS MATERIALIZED (
      SELECT o.room_id, count(*)::int AS n, sum(s.area_m2) AS ent, coalesce(max(s.washroom_m2), 0) AS wash,
             bool_or(s.area_m2 IS NULL) AS missing, bool_or(o.kind = 'extra') AS extra
      FROM office_occupancies o
      JOIN office_persons p ON p.id = o.person_id
      JOIN org_units ou ON ou.id = p.org_unit_id
      LEFT JOIN office_standard_on($1) s ON s.organ_level = ou.organ_level AND s.rank_code = p.rank_code
      WHERE o.during @> $1 %2$s
      GROUP BY o.room_id)
    SELECT r.id, r.org_unit_id, r.usable_area, r.washroom_area, coalesce(a.n, 0), a.ent,
           least(r.washroom_area, coalesce(a.wash, 0)),
           a.ent + least(r.washroom_area, coalesce(a.wash, 0)),
           CASE WHEN a.missing OR a.n IS NULL THEN NULL ELSE greatest(r.usable_area - a.ent - least(r.washroom_area, a.wash), 0) END,
           CASE WHEN a.n IS NULL THEN 'unoccupied' WHEN a.missing THEN 'no_standard'
                WHEN r.usable_area <= a.ent + least(r.washroom_area, a.wash) THEN 'compliant' ELSE 'over' END,
           coalesce(a.extra, false)
    FROM rm r LEFT JOIN a ON a.room_id = r.id$q$;
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
