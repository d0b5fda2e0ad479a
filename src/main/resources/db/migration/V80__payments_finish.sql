-- Payments, finishing issue 7.

-- an invoice read from Xero lists its payments by PaymentID: which of them are ours (and which match)
create index xero_payment_sent_id on xero_payment (xero_payment_id) where xero_payment_id is not null;

-- Xero refresh-token grant: Xero rotates the refresh token on every use, so the newest one lives here
-- (one row per tenant, locked while it is spent, so two instances never spend the same one). Tokens are
-- sealed with AES-GCM under a key derived from the client secret and never logged.
create table xero_refresh_token (
    tenant            text        primary key,
    seed_sha256       text        not null,          -- the configured token this chain started from
    refresh_sealed    text,                          -- the newest refresh token
    access_sealed     text,                          -- the current access token, shared by every instance
    access_expires_at timestamptz,
    refused           boolean     not null default false, -- invalid_grant: wait for a new configured token
    last_error        text,
    rotated_at        timestamptz
);
