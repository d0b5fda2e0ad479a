-- Xero connector: the payment outbox (one row per matched invoice payment), a per-tenant call ledger
-- (daily guard and Retry-After pause shared by every instance) and the in-flight call slots.

-- written by the PaymentMatched listener in the reconciler's transaction; drained by deliver-xero
create table xero_payment (
    id              bigserial   primary key,
    match_id        bigint      not null,
    idempotency_key text        not null unique,          -- PaymentMatched.idempotencyKey(): a retry never pays twice
    invoice_id      text        not null,
    invoice_number  text,
    amount          numeric(19, 4) not null,
    currency        text        not null,
    paid_on         date        not null,
    bank_reference  text,
    record_id       text,
    state           text        not null default 'pending', -- pending | in_flight | sent | dead
    batch_key       text,                                   -- Idempotency-Key of the call this row travels in, fixed once chosen
    batch_size      int,
    solo            boolean     not null default false,     -- send alone (after a batch was refused as a whole, or a replay)
    replays         int         not null default 0,         -- admin replays after a definite refusal: each gets a fresh key
    ambiguous       boolean     not null default false,     -- died after failures that may have reached Xero: replay keeps the key
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null default now(),
    claimed_by      text,                                   -- the instance holding it; for a sent one, the one that sent it
    lease_until     timestamptz,
    last_error      text,
    xero_payment_id text,
    created_at      timestamptz not null default now(),
    sent_at         timestamptz,
    updated_at      timestamptz not null default now()
);
create index xero_payment_due on xero_payment (next_attempt_at, id) where state in ('pending', 'in_flight');
create index xero_payment_state on xero_payment (state, id);

-- per tenant and UTC day: calls made (the daily guard) and a pause every instance honours (429 Retry-After)
create table xero_call_day (
    tenant       text        not null,
    day          date        not null,
    calls        int         not null default 0,
    primary key (tenant, day)
);
create table xero_pause (
    tenant       text        primary key,
    paused_until timestamptz not null,
    reason       text
);

-- a semaphore across instances: a call holds one slot (under a lease) while it is in flight
create table xero_slot (
    slot        int         primary key,
    holder      text,
    lease_until timestamptz
);
insert into xero_slot (slot) select generate_series(0, 15);
