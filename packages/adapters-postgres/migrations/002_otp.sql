-- OTP state, send windows, guess budgets and HTTP rate limits, for teams without Redis.

-- One row per issued code; only hashes of the token and the code. live_key is the flow (client,
-- usage, channel, identifier): issuing a new code replaces the flow's row, so one code is live.
CREATE TABLE IF NOT EXISTS resetkit_otp (
  token_id   text PRIMARY KEY,
  live_key   text NOT NULL UNIQUE,
  client_id  text NOT NULL,
  usage      text NOT NULL,
  channel    text NOT NULL CHECK (channel IN ('email', 'phone_number')),
  identifier text NOT NULL,
  code_hash  text NOT NULL,
  issued_at  bigint NOT NULL,
  expires_at bigint NOT NULL,
  attempts   integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  consumed   boolean NOT NULL DEFAULT false
);
-- Cleanup walks this index from the oldest expiry: it never scans the table.
CREATE INDEX IF NOT EXISTS resetkit_otp_by_expiry ON resetkit_otp (expires_at);

-- One row per entry in a sliding window (a send, a wrong guess), timed by the server's clock.
CREATE TABLE IF NOT EXISTS resetkit_window_entries (
  window_key text NOT NULL,
  entry_id   text NOT NULL,
  at_ms      bigint NOT NULL,
  expires_ms bigint NOT NULL,
  PRIMARY KEY (window_key, entry_id)
);
CREATE INDEX IF NOT EXISTS resetkit_window_entries_by_time ON resetkit_window_entries (window_key, at_ms);
CREATE INDEX IF NOT EXISTS resetkit_window_entries_by_expiry ON resetkit_window_entries (expires_ms);

-- rate-limiter-flexible's RateLimiterPostgres table, with an index for its expiry cleanup.
CREATE TABLE IF NOT EXISTS resetkit_rate_limits (
  key    varchar(255) PRIMARY KEY,
  points integer NOT NULL DEFAULT 0,
  expire bigint
);
CREATE INDEX IF NOT EXISTS resetkit_rate_limits_by_expiry ON resetkit_rate_limits (expire);
