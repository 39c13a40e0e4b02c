-- resetkit's users and password history. Apply with migrate(pool, { schema }) or by hand.
CREATE TABLE IF NOT EXISTS resetkit_users (
  id            text PRIMARY KEY,
  email         text UNIQUE,
  phone_number  text UNIQUE,
  status        text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'frozen')),
  names         text[] NOT NULL DEFAULT '{}',
  password_hash text,
  -- Bumped by every password change: the compare-and-set key.
  version       bigint NOT NULL DEFAULT 1
);

-- Old hashes, newest first by id; trimmed to N - 1 rows per user on every change.
CREATE TABLE IF NOT EXISTS resetkit_password_history (
  id            bigserial PRIMARY KEY,
  user_id       text NOT NULL REFERENCES resetkit_users (id) ON DELETE CASCADE,
  password_hash text NOT NULL
);

CREATE INDEX IF NOT EXISTS resetkit_password_history_by_user ON resetkit_password_history (user_id, id DESC);
