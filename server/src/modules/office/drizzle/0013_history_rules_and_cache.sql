-- Persons' ranks over time, the engine reading the rank held on the day, and the kept per-day
-- summary of the engine (office_compliance_cache) with the triggers that forget changed days.

-- 1. Ranks (职级) over time: no two periods of a person overlap.
ALTER TABLE office_person_ranks ADD CONSTRAINT office_person_ranks_overlap_ex EXCLUDE USING gist (person_id WITH =, during WITH &&);
--> statement-breakpoint
ALTER TABLE office_person_ranks ADD CONSTRAINT office_person_ranks_during_ck CHECK (NOT isempty(during));
--> statement-breakpoint
CREATE INDEX office_person_ranks_during_idx ON office_person_ranks USING gist (person_id, during);
--> statement-breakpoint
-- People recorded so far held their rank on every day (as first recorded).
INSERT INTO office_person_ranks (person_id, rank_code, during) SELECT id, rank_code, daterange(NULL, NULL) FROM office_persons;
--> statement-breakpoint
CREATE FUNCTION office_person_rank_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('guanjia.restoring', true) = 'on' THEN RETURN NULL; END IF;
  INSERT INTO office_person_ranks (person_id, rank_code, during) SELECT n.id, n.rank_code, daterange(NULL, NULL) FROM new_persons n;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER office_person_rank_insert AFTER INSERT ON office_persons REFERENCING NEW TABLE AS new_persons
  FOR EACH STATEMENT EXECUTE FUNCTION office_person_rank_insert();
--> statement-breakpoint
-- A rank written on the person row without a date (an import, a script) is a change from today
-- (Shanghai); the dated API (POST /api/office/persons/:id/ranks) writes the history itself and
-- sets office.rank_dated so this trigger stands aside.
CREATE FUNCTION office_person_rank_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  d date := (now() AT TIME ZONE 'Asia/Shanghai')::date;
BEGIN
  IF current_setting('guanjia.restoring', true) = 'on' OR current_setting('office.rank_dated', true) = 'on' THEN RETURN NEW; END IF;
  IF current_setting('office.seeding', true) = 'on' THEN
    UPDATE office_person_ranks SET rank_code = NEW.rank_code WHERE person_id = NEW.id AND upper_inf(during);
    RETURN NEW;
  END IF;
  UPDATE office_person_ranks SET rank_code = NEW.rank_code WHERE person_id = NEW.id AND upper_inf(during) AND lower(during) = d;
  IF NOT FOUND THEN
    UPDATE office_person_ranks SET during = daterange(lower(during), d) WHERE person_id = NEW.id AND upper_inf(during);
    INSERT INTO office_person_ranks (person_id, rank_code, during) VALUES (NEW.id, NEW.rank_code, daterange(d, NULL));
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER office_person_rank_update AFTER UPDATE OF rank_code ON office_persons FOR EACH ROW
  WHEN (OLD.rank_code IS DISTINCT FROM NEW.rank_code) EXECUTE FUNCTION office_person_rank_update();
--> statement-breakpoint
-- 2. The engine: each occupant's entitlement uses the rank held on day d (no period that day: no standard).
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
                 LEFT JOIN office_person_ranks pr ON pr.person_id = p.id AND pr.during @> $1
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
-- 3. The kept summary forgets a day and every later one when a write changes them. Writers hold a
-- shared advisory lock until they commit; the filler (compliance.service.ts) keeps a day only when
-- it gets the lock exclusively, so a summary is never computed from a snapshot a writer is changing.
CREATE FUNCTION office_compliance_forget(from_day date) RETURNS void LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  IF from_day IS NULL OR from_day = 'infinity'::date OR current_setting('guanjia.restoring', true) = 'on' THEN RETURN; END IF;
  PERFORM pg_advisory_xact_lock_shared(7302513);
  DELETE FROM office_compliance_days WHERE day >= from_day;
END $$;
--> statement-breakpoint
-- Dated rows (room versions, uses, occupancies, ranks): an insert or delete changes the days from
-- its start; an update that only moves the end changes the days from the earlier end.
CREATE FUNCTION office_forget_during() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE a date; b date;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT min(coalesce(lower(during), '-infinity'::date)) INTO a FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT min(coalesce(lower(during), '-infinity'::date)) INTO a FROM old_rows;
  ELSE
    SELECT min(CASE WHEN lower(o.during) IS NOT DISTINCT FROM lower(n.during) AND (to_jsonb(o) - 'during') = (to_jsonb(n) - 'during')
                    THEN coalesce(least(upper(o.during), upper(n.during)), 'infinity'::date)
                    ELSE least(coalesce(lower(o.during), '-infinity'::date), coalesce(lower(n.during), '-infinity'::date)) END) INTO a
      FROM old_rows o JOIN new_rows n ON n.id = o.id;
    SELECT min(coalesce(lower(during), '-infinity'::date)) INTO b FROM new_rows n WHERE NOT EXISTS (SELECT 1 FROM old_rows o WHERE o.id = n.id);
  END IF;
  PERFORM office_compliance_forget(least(a, b));
  RETURN NULL;
END $$;
--> statement-breakpoint
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['office_room_versions', 'office_room_uses', 'office_occupancies', 'office_person_ranks'] LOOP
    EXECUTE format('CREATE TRIGGER %1$s_forget_ins AFTER INSERT ON %1$s REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION office_forget_during()', t);
    EXECUTE format('CREATE TRIGGER %1$s_forget_upd AFTER UPDATE ON %1$s REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION office_forget_during()', t);
    EXECUTE format('CREATE TRIGGER %1$s_forget_del AFTER DELETE ON %1$s REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION office_forget_during()', t);
  END LOOP;
END $$;
--> statement-breakpoint
-- The area standard: a version changes the days from its effective date.
CREATE FUNCTION office_forget_standard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE a date; b date;
BEGIN
  IF TG_OP <> 'DELETE' THEN SELECT min(effective_from) INTO a FROM new_rows; END IF;
  IF TG_OP <> 'INSERT' THEN SELECT min(effective_from) INTO b FROM old_rows; END IF;
  PERFORM office_compliance_forget(least(a, b));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER office_area_standards_forget_ins AFTER INSERT ON office_area_standards REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION office_forget_standard();
--> statement-breakpoint
CREATE TRIGGER office_area_standards_forget_upd AFTER UPDATE ON office_area_standards REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION office_forget_standard();
--> statement-breakpoint
CREATE TRIGGER office_area_standards_forget_del AFTER DELETE ON office_area_standards REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION office_forget_standard();
--> statement-breakpoint
-- A person's main organ and an organ's level are not dated: a change there changes every day.
CREATE FUNCTION office_forget_all() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM office_compliance_forget('-infinity'::date);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER office_persons_forget AFTER UPDATE OF org_unit_id OR DELETE ON office_persons FOR EACH STATEMENT EXECUTE FUNCTION office_forget_all();
--> statement-breakpoint
CREATE TRIGGER office_org_level_forget AFTER UPDATE OF organ_level ON org_units FOR EACH STATEMENT EXECUTE FUNCTION office_forget_all();
