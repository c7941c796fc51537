-- Office space rules that must hold in the database, the entitlement engine, and the area standard.
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
ALTER TABLE office_room_uses ADD CONSTRAINT office_room_uses_during_ck CHECK (NOT isempty(during) AND NOT lower_inf(during));
--> statement-breakpoint
ALTER TABLE office_room_uses ADD CONSTRAINT office_room_uses_overlap_ex EXCLUDE USING gist (room_id WITH =, during WITH &&);
--> statement-breakpoint
ALTER TABLE office_occupancies ADD CONSTRAINT office_occupancies_during_ck CHECK (NOT isempty(during) AND NOT lower_inf(during));
--> statement-breakpoint
ALTER TABLE office_occupancies ADD CONSTRAINT office_occupancies_main_ex EXCLUDE USING gist (person_id WITH =, during WITH &&) WHERE (kind = 'main');
--> statement-breakpoint
ALTER TABLE office_occupancies ADD CONSTRAINT office_occupancies_same_room_ex EXCLUDE USING gist (person_id WITH =, room_id WITH =, during WITH &&);
--> statement-breakpoint
CREATE INDEX office_occupancies_during_idx ON office_occupancies USING gist (room_id, during);
--> statement-breakpoint
CREATE INDEX office_room_uses_during_idx ON office_room_uses USING gist (room_id, during);
--> statement-breakpoint
-- Occupants sit in offices only, never beyond the room's capacity at any time of their period.
CREATE FUNCTION office_occupancy_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE r record; n int;
BEGIN
  SELECT room_class, capacity INTO r FROM office_rooms WHERE id = NEW.room_id FOR UPDATE;
  IF r.room_class <> 'office' THEN
    RAISE EXCEPTION 'room % is not an office', NEW.room_id USING ERRCODE = '23514', CONSTRAINT = 'office_occupancy_not_office';
  END IF;
  -- the most people in the room on any day of the new period (starts of overlapping periods are the peaks)
  SELECT coalesce(max(c), 0) INTO n FROM (
    SELECT (SELECT count(*) FROM office_occupancies o2 WHERE o2.room_id = NEW.room_id AND o2.id <> NEW.id AND o2.during @> p.d) + 1 AS c
    FROM (SELECT lower(NEW.during) AS d UNION SELECT lower(o.during) FROM office_occupancies o
          WHERE o.room_id = NEW.room_id AND o.id <> NEW.id AND o.during && NEW.during AND lower(o.during) > lower(NEW.during)) p) x;
  IF n > r.capacity THEN
    RAISE EXCEPTION 'room % over capacity', NEW.room_id USING ERRCODE = '23514', CONSTRAINT = 'office_occupancy_capacity';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER office_occupancy_check BEFORE INSERT OR UPDATE OF room_id, during ON office_occupancies
  FOR EACH ROW EXECUTE FUNCTION office_occupancy_check();
--> statement-breakpoint
-- The room row carries today's use (status, organ, department): lists and the data scope read it.
CREATE FUNCTION office_room_use_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.during @> current_date THEN
    UPDATE office_rooms SET status = NEW.status, org_unit_id = NEW.org_unit_id, department_id = NEW.department_id, updated_at = now()
      WHERE id = NEW.room_id;
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER office_room_use_sync AFTER INSERT OR UPDATE ON office_room_uses FOR EACH ROW EXECUTE FUNCTION office_room_use_sync();
--> statement-breakpoint
-- The standard in force on day d for every (organ level, rank).
CREATE FUNCTION office_standard_on(d date) RETURNS TABLE (organ_level text, rank_code text, area_m2 numeric, washroom_m2 numeric, source text, effective_from date)
LANGUAGE sql STABLE AS $$
  SELECT DISTINCT ON (s.organ_level, s.rank_code) s.organ_level, s.rank_code, s.area_m2, s.washroom_m2, s.source, s.effective_from
  FROM office_area_standards s WHERE s.effective_from <= d ORDER BY s.organ_level, s.rank_code, s.effective_from DESC
$$;
--> statement-breakpoint
-- The entitlement engine: every office in use on day d (under the org path p_path) with its
-- occupants, their summed entitlement (level of the person's main organ x rank), the washroom
-- allowance (the most any occupant may add, up to the room's washroom) and the verdict.
-- One statement for the whole province; `has_extra` flags a leader's extra office.
CREATE FUNCTION office_room_compliance(d date, p_path text DEFAULT '/') RETURNS TABLE (
  room_id int, org_unit_id int, usable_area numeric, washroom_area numeric, occupants int, entitlement numeric,
  washroom_allowance numeric, allowed numeric, over_area numeric, verdict text, has_extra boolean
) LANGUAGE sql STABLE AS $$
  WITH std AS (SELECT * FROM office_standard_on(d)),
  rooms AS (
    SELECT r.id, u.org_unit_id, r.usable_area, r.washroom_area
    FROM office_room_uses u
    JOIN org_units g ON g.id = u.org_unit_id
    JOIN office_rooms r ON r.id = u.room_id
    WHERE u.during @> d AND u.status = 'in_use' AND r.room_class = 'office' AND g.path LIKE p_path || '%'),
  occ AS (
    SELECT o.room_id, count(*)::int AS n, sum(s.area_m2) AS ent, coalesce(max(s.washroom_m2), 0) AS wash,
           bool_or(s.area_m2 IS NULL) AS missing, bool_or(o.kind = 'extra') AS extra
    FROM rooms x
    JOIN office_occupancies o ON o.room_id = x.id AND o.during @> d
    JOIN office_persons p ON p.id = o.person_id
    JOIN org_units ou ON ou.id = p.org_unit_id
    LEFT JOIN std s ON s.organ_level = ou.organ_level AND s.rank_code = p.rank_code
    GROUP BY o.room_id)
  SELECT x.id, x.org_unit_id, x.usable_area, x.washroom_area, coalesce(a.n, 0), a.ent,
         least(x.washroom_area, coalesce(a.wash, 0)),
         a.ent + least(x.washroom_area, coalesce(a.wash, 0)),
         CASE WHEN a.missing OR a.n IS NULL THEN NULL ELSE greatest(x.usable_area - a.ent - least(x.washroom_area, a.wash), 0) END,
         CASE WHEN a.n IS NULL THEN 'unoccupied' WHEN a.missing THEN 'no_standard'
              WHEN x.usable_area <= a.ent + least(x.washroom_area, a.wash) THEN 'compliant' ELSE 'over' END,
         coalesce(a.extra, false)
  FROM rooms x LEFT JOIN occ a ON a.room_id = x.id
$$;
--> statement-breakpoint
-- The standard is keyed by the kernel's ranks (职级); the seed inserts the same list, whichever runs first.
INSERT INTO ranks (code, name_zh, name_en, sort) VALUES
  ('head', '正职(本级政府主要负责人)', 'Head of government at this level', 0),
  ('deputy_head', '副职(本级政府副职)', 'Deputy head of government at this level', 1),
  ('bureau_chief', '正厅(局)级', 'Bureau chief', 2),
  ('deputy_bureau_chief', '副厅(局)级', 'Deputy bureau chief', 3),
  ('division_chief', '正处级', 'Division chief', 4),
  ('deputy_division_chief', '副处级', 'Deputy division chief', 5),
  ('section_chief', '正科级', 'Section chief', 6),
  ('deputy_section_chief', '副科级', 'Deputy section chief', 7),
  ('staff', '科员及以下', 'Staff', 8)
ON CONFLICT (code) DO NOTHING;
--> statement-breakpoint
-- 《党政机关办公用房建设标准》(发改投资〔2014〕2674号), Heilongjiang townships 黑发改投资〔2015〕43号.
-- Cells marked "—" in the standard have no row: such a rank is unknown to the standard at that level.
INSERT INTO office_area_standards (organ_level, rank_code, area_m2, washroom_m2, source, effective_from)
SELECT v.level, v.rank, v.area, v.wash, CASE WHEN v.level = 'township' THEN '黑发改投资〔2015〕43号' ELSE '发改投资〔2014〕2674号《党政机关办公用房建设标准》' END,
       CASE WHEN v.level = 'township' THEN DATE '2015-01-01' ELSE DATE '2014-12-31' END
FROM (VALUES
  ('central', 'head', 54, 6), ('central', 'deputy_head', 42, 6), ('central', 'bureau_chief', 24, 6), ('central', 'deputy_bureau_chief', 18, 0),
  ('central', 'division_chief', 12, 0), ('central', 'deputy_division_chief', 12, 0), ('central', 'section_chief', 9, 0), ('central', 'deputy_section_chief', 9, 0), ('central', 'staff', 9, 0),
  ('provincial', 'head', 54, 6), ('provincial', 'deputy_head', 42, 6), ('provincial', 'bureau_chief', 30, 6), ('provincial', 'deputy_bureau_chief', 24, 0),
  ('provincial', 'division_chief', 18, 0), ('provincial', 'deputy_division_chief', 12, 0), ('provincial', 'section_chief', 9, 0), ('provincial', 'deputy_section_chief', 9, 0), ('provincial', 'staff', 9, 0),
  ('prefectural', 'head', 42, 6), ('prefectural', 'deputy_head', 30, 0), ('prefectural', 'bureau_chief', 24, 0), ('prefectural', 'deputy_bureau_chief', 18, 0),
  ('prefectural', 'section_chief', 9, 0), ('prefectural', 'deputy_section_chief', 9, 0), ('prefectural', 'staff', 9, 0),
  ('county', 'head', 30, 6), ('county', 'deputy_head', 24, 0), ('county', 'bureau_chief', 18, 0), ('county', 'deputy_bureau_chief', 12, 0),
  ('county', 'section_chief', 9, 0), ('county', 'deputy_section_chief', 9, 0), ('county', 'staff', 9, 0),
  ('township', 'head', 24, 0), ('township', 'deputy_head', 18, 0), ('township', 'section_chief', 9, 0), ('township', 'deputy_section_chief', 9, 0), ('township', 'staff', 9, 0)
) AS v(level, rank, area, wash);
--> statement-breakpoint
-- 腾退期限: months to vacate after transfer or retirement (中办发〔2017〕70号), versioned like the standard.
CREATE TABLE office_vacate_rules (
  id serial PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('main', 'extra')),
  months int NOT NULL CHECK (months BETWEEN 1 AND 24),
  source text NOT NULL,
  effective_from date NOT NULL,
  UNIQUE (kind, effective_from)
);
--> statement-breakpoint
INSERT INTO office_vacate_rules (kind, months, source, effective_from) VALUES
  ('main', 1, '中办发〔2017〕70号《党政机关办公用房管理办法》', DATE '2017-12-01'),
  ('extra', 2, '中办发〔2017〕70号《党政机关办公用房管理办法》', DATE '2017-12-01');
