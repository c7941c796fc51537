-- The room row changes only when today's use differs from it: restoring a backup (rooms first,
-- then their uses) leaves the rooms exactly as they were backed up.
CREATE OR REPLACE FUNCTION office_room_use_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.during @> current_date THEN
    UPDATE office_rooms SET status = NEW.status, org_unit_id = NEW.org_unit_id, department_id = NEW.department_id, updated_at = now()
      WHERE id = NEW.room_id
        AND (status, org_unit_id, department_id) IS DISTINCT FROM (NEW.status, NEW.org_unit_id, NEW.department_id);
  END IF;
  RETURN NEW;
END $$;
