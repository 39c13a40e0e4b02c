-- A third status, 'locked' (the CIAM's "User is locked."), beside 'active' and 'frozen'.
-- Only when the check does not allow it yet: migrate() runs every file each time, and
-- replacing a constraint locks the table while it checks every row.
DO $$
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
     WHERE t.relname = 'resetkit_users' AND t.relnamespace = current_schema()::regnamespace
       AND c.conname = 'resetkit_users_status_check' AND pg_get_constraintdef(c.oid) LIKE '%locked%'
  ) THEN
    ALTER TABLE resetkit_users DROP CONSTRAINT IF EXISTS resetkit_users_status_check;
    ALTER TABLE resetkit_users ADD CONSTRAINT resetkit_users_status_check CHECK (status IN ('active', 'frozen', 'locked'));
  END IF;
END $$;
