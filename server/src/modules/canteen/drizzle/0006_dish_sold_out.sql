-- Fails the statement that calls it with a module error code (SQLSTATE P0001, message = the code).
-- The booking statement calls it when a chosen dish's stock was taken by a concurrent booking after
-- its snapshot: the whole statement (booking, dishes, charge, audit record) is then rolled back.
CREATE OR REPLACE FUNCTION canteen_fail(p_code text) RETURNS integer AS $$
BEGIN
  RAISE EXCEPTION USING ERRCODE = 'P0001', MESSAGE = p_code;
END;
$$ LANGUAGE plpgsql VOLATILE;
