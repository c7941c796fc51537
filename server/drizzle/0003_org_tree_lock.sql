-- The parent of a unit about to be created, read after taking the org tree lock in shared mode
-- (moves take it exclusively): one round trip, and the path read is never older than the lock.
CREATE OR REPLACE FUNCTION org_parent_for_insert(p_id integer) RETURNS SETOF org_units AS $$
BEGIN
  PERFORM pg_advisory_xact_lock_shared(727004);
  RETURN QUERY SELECT * FROM org_units WHERE id = p_id;
END;
$$ LANGUAGE plpgsql VOLATILE;
