-- Account lifecycle: a temporary password that must be replaced at the next sign-in, and API
-- tokens that expire.

-- Set when an administrator resets the password: the user is sent to /account to choose a new
-- one and can do nothing else until they have.
ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0
    CHECK (must_change_password IN (0, 1));

-- When a token stops working (RFC 3339, UTC). A token without one is treated as expired.
ALTER TABLE api_tokens ADD COLUMN expires_at TEXT;

-- Tokens issued before tokens expired get the default lifetime (90 days) from their creation.
UPDATE api_tokens SET expires_at = strftime('%Y-%m-%dT%H:%M:%SZ', created_at, '+90 days');
