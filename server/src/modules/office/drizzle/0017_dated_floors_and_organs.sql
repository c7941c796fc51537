-- Floors and a person's main organ over time (any past day reads them as they were), and the
-- engine and the service-room headcount reading the organ a person belonged to on the day.
-- A write may name its first day in the transaction setting office.valid_from (a completed
-- construction project enters its building and floors from the completion day); otherwise a new
-- floor has always existed (as first recorded) and a change to a recorded one holds from today.

-- 1. Floors.
ALTER TABLE office_floor_versions ADD CONSTRAINT office_floor_versions_overlap_ex EXCLUDE USING gist (floor_id WITH =, during WITH &&);
--> statement-breakpoint
ALTER TABLE office_floor_versions ADD CONSTRAINT office_floor_versions_ck CHECK (NOT isempty(during) AND level BETWEEN -10 AND 200 AND level <> 0);
--> statement-breakpoint
INSERT INTO office_floor_versions (floor_id, level, name, during) SELECT id, level, name, daterange(NULL, NULL) FROM office_floors;
--> statement-breakpoint
CREATE FUNCTION office_valid_from() RETURNS date LANGUAGE sql STABLE AS $$
  SELECT nullif(current_setting('office.valid_from', true), '')::date
$$;
--> statement-breakpoint
CREATE FUNCTION office_floor_version_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('guanjia.restoring', true) = 'on' THEN RETURN NULL; END IF;
  INSERT INTO office_floor_versions (floor_id, level, name, during)
    SELECT n.id, n.level, n.name, daterange(office_valid_from(), NULL) FROM new_floors n;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER office_floor_version_insert AFTER INSERT ON office_floors REFERENCING NEW TABLE AS new_floors
  FOR EACH STATEMENT EXECUTE FUNCTION office_floor_version_insert();
--> statement-breakpoint
CREATE FUNCTION office_floor_version_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  d date := coalesce(office_valid_from(), (now() AT TIME ZONE 'Asia/Shanghai')::date);
BEGIN
  IF current_setting('guanjia.restoring', true) = 'on' THEN RETURN NEW; END IF;
  IF current_setting('office.seeding', true) = 'on' THEN
    UPDATE office_floor_versions SET level = NEW.level, name = NEW.name WHERE floor_id = NEW.id AND upper_inf(during);
    RETURN NEW;
  END IF;
  UPDATE office_floor_versions SET level = NEW.level, name = NEW.name WHERE floor_id = NEW.id AND upper_inf(during) AND lower(during) = d;
  IF NOT FOUND THEN
    -- A day before the open version's start is left overlapping: the exclusion constraint refuses it.
    UPDATE office_floor_versions SET during = daterange(lower(during), d) WHERE floor_id = NEW.id AND upper_inf(during) AND (lower_inf(during) OR lower(during) < d);
    INSERT INTO office_floor_versions (floor_id, level, name, during) VALUES (NEW.id, NEW.level, NEW.name, daterange(d, NULL));
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER office_floor_version_update AFTER UPDATE ON office_floors FOR EACH ROW
  WHEN ((OLD.level, OLD.name) IS DISTINCT FROM (NEW.level, NEW.name)) EXECUTE FUNCTION office_floor_version_update();
--> statement-breakpoint
-- A building entered with a first day (office.valid_from) has no version before it.
CREATE OR REPLACE FUNCTION office_building_version_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('guanjia.restoring', true) = 'on' THEN RETURN NULL; END IF;
  INSERT INTO office_building_versions (building_id, title_cert_no, cert_area, owner, gross_area, structure, during)
    SELECT n.id, n.title_cert_no, n.cert_area, n.owner, n.gross_area, n.structure, daterange(office_valid_from(), NULL) FROM new_buildings n;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- A room entered with a first day (office.valid_from) has no attributes before it either: a past day
-- before it does not list the room.
CREATE OR REPLACE FUNCTION office_room_version_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('guanjia.restoring', true) = 'on' THEN RETURN NULL; END IF;
  INSERT INTO office_room_versions (room_id, room_class, sub_type, usable_area, gross_area, washroom_area, capacity, during)
    SELECT n.id, n.room_class, n.sub_type, n.usable_area, n.gross_area, n.washroom_area, n.capacity, daterange(office_valid_from(), NULL) FROM new_rooms n;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- 2. A person's main organ (and department).
ALTER TABLE office_person_organs ADD CONSTRAINT office_person_organs_overlap_ex EXCLUDE USING gist (person_id WITH =, during WITH &&);
--> statement-breakpoint
ALTER TABLE office_person_organs ADD CONSTRAINT office_person_organs_during_ck CHECK (NOT isempty(during));
--> statement-breakpoint
CREATE INDEX office_person_organs_during_idx ON office_person_organs USING gist (person_id, during);
--> statement-breakpoint
INSERT INTO office_person_organs (person_id, org_unit_id, department_id, during) SELECT id, org_unit_id, department_id, daterange(NULL, NULL) FROM office_persons;
--> statement-breakpoint
CREATE FUNCTION office_person_organ_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('guanjia.restoring', true) = 'on' THEN RETURN NULL; END IF;
  INSERT INTO office_person_organs (person_id, org_unit_id, department_id, during) SELECT n.id, n.org_unit_id, n.department_id, daterange(NULL, NULL) FROM new_persons n;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER office_person_organ_insert AFTER INSERT ON office_persons REFERENCING NEW TABLE AS new_persons
  FOR EACH STATEMENT EXECUTE FUNCTION office_person_organ_insert();
--> statement-breakpoint
-- An organ written on the person row without a date (an import, a script) is a transfer from today
-- (Shanghai); the dated API (POST /api/office/persons/:id/transfer) writes the periods itself and
-- sets office.organ_dated so this trigger stands aside.
CREATE FUNCTION office_person_organ_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  d date := (now() AT TIME ZONE 'Asia/Shanghai')::date;
BEGIN
  IF current_setting('guanjia.restoring', true) = 'on' OR current_setting('office.organ_dated', true) = 'on' THEN RETURN NEW; END IF;
  IF current_setting('office.seeding', true) = 'on' THEN
    UPDATE office_person_organs SET org_unit_id = NEW.org_unit_id, department_id = NEW.department_id WHERE person_id = NEW.id AND upper_inf(during);
    RETURN NEW;
  END IF;
  UPDATE office_person_organs SET org_unit_id = NEW.org_unit_id, department_id = NEW.department_id WHERE person_id = NEW.id AND upper_inf(during) AND lower(during) = d;
  IF NOT FOUND THEN
    UPDATE office_person_organs SET during = daterange(lower(during), d) WHERE person_id = NEW.id AND upper_inf(during) AND (lower_inf(during) OR lower(during) < d);
    INSERT INTO office_person_organs (person_id, org_unit_id, department_id, during) VALUES (NEW.id, NEW.org_unit_id, NEW.department_id, daterange(d, NULL));
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER office_person_organ_update AFTER UPDATE OF org_unit_id, department_id ON office_persons FOR EACH ROW
  WHEN ((OLD.org_unit_id, OLD.department_id) IS DISTINCT FROM (NEW.org_unit_id, NEW.department_id)) EXECUTE FUNCTION office_person_organ_update();
--> statement-breakpoint
-- The kept summary: organ periods change the days from their start, like ranks; the person row's
-- organ is today's copy and no longer forgets every day.
DROP TRIGGER office_persons_forget ON office_persons;
--> statement-breakpoint
CREATE TRIGGER office_persons_forget AFTER DELETE ON office_persons FOR EACH STATEMENT EXECUTE FUNCTION office_forget_all();
--> statement-breakpoint
CREATE TRIGGER office_person_organs_forget_ins AFTER INSERT ON office_person_organs REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION office_forget_during();
--> statement-breakpoint
CREATE TRIGGER office_person_organs_forget_upd AFTER UPDATE ON office_person_organs REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION office_forget_during();
--> statement-breakpoint
CREATE TRIGGER office_person_organs_forget_del AFTER DELETE ON office_person_organs REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION office_forget_during();
--> statement-breakpoint
-- 3. The engine: each occupant's entitlement uses the level of the organ held on day d and the rank
-- held that day (no period that day: no standard).
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
                 LEFT JOIN office_person_organs po ON po.person_id = o.person_id AND po.during @> $1
                 LEFT JOIN org_units ou ON ou.id = po.org_unit_id
                 LEFT JOIN office_person_ranks pr ON pr.person_id = o.person_id AND pr.during @> $1
                 LEFT JOIN office_standard_on($1) s ON s.organ_level = ou.organ_level AND s.rank_code = pr.rank_code)
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
--> statement-breakpoint
-- 4. Service rooms per head: the headcount of an organ on day d is the people belonging to it that day.
CREATE OR REPLACE FUNCTION office_service_compliance(d date, p_path text DEFAULT '/') RETURNS TABLE (
  org_unit_id int, service_area numeric, headcount int, per_head numeric, min_m2 numeric, max_m2 numeric, allowed numeric, over_area numeric, verdict text
) LANGUAGE sql STABLE AS $$
  WITH o AS (SELECT g.id, g.organ_level FROM org_units g WHERE g.kind = 'organ' AND g.path LIKE p_path || '%'),
  a AS MATERIALIZED (
    SELECT u.org_unit_id, sum(v.usable_area) AS area
    FROM office_room_uses u JOIN office_room_versions v ON v.room_id = u.room_id AND v.during @> d
    WHERE u.during @> d AND u.status = 'in_use' AND v.room_class = 'service' AND u.org_unit_id IN (SELECT id FROM o) GROUP BY u.org_unit_id),
  h AS MATERIALIZED (
    SELECT po.org_unit_id, count(*)::int AS n FROM office_person_organs po JOIN office_persons p ON p.id = po.person_id
    WHERE po.during @> d AND (p.status = 'active' OR p.left_on > d) AND po.org_unit_id IN (SELECT id FROM o) GROUP BY po.org_unit_id),
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
--> statement-breakpoint
ALTER TABLE office_projects ADD CONSTRAINT office_projects_building_ck CHECK (building_id IS NULL OR status = 'completed');
