-- The spine: inbox (raw, deduped), conversations and messages, records with history, delivery outbox.

-- 1. inbox: every inbound item exactly as received, stored before anything else happens.
create table inbox (
    id              bigserial primary key,
    channel         text        not null,
    dedupe_key      text        not null,             -- whatsapp: sha-256 of the raw body
    received_at     timestamptz not null default now(),
    content_type    text,
    raw             bytea       not null,
    state           text        not null default 'received', -- received | normalised | failed | dead
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null default now(),
    last_error      text,
    processed_at    timestamptz,
    constraint inbox_channel_dedupe unique (channel, dedupe_key)
);
create index inbox_pending on inbox (id) where state in ('received', 'failed');

-- the message and status ids each inbox row carries: dedupe across differently batched retries
create table inbox_item (
    channel     text   not null,
    external_id text   not null,              -- wamid for a message, wamid:status for a status
    kind        text   not null,              -- message | status | error | other
    inbox_id    bigint not null references inbox (id),
    primary key (channel, external_id)
);
create index inbox_item_inbox on inbox_item (inbox_id);

-- payloads that were signed correctly but could not be parsed: kept for an admin, never lost
create table quarantine (
    id          bigserial primary key,
    channel     text        not null,
    received_at timestamptz not null default now(),
    content_type text,
    raw         bytea       not null,
    reason      text        not null
);

-- 2. conversations and normalised messages
create table conversation (
    id                   text primary key,            -- <phone_number_id>:<wa_id>
    channel              text        not null,
    phone_number_id      text        not null,
    display_phone_number text,
    customer_wa_id       text        not null,
    customer_name        text,
    created_at           timestamptz not null default now(),
    last_message_at      timestamptz,
    pending_extraction   boolean     not null default false
);
create index conversation_pending on conversation (last_message_at) where pending_extraction;

create table message (
    id              bigserial primary key,
    channel         text        not null,
    external_id     text        not null,
    conversation_id text        not null references conversation (id),
    direction       text        not null,             -- in | out
    sender          text,
    sender_name     text,
    type            text        not null,
    text            text,
    media           jsonb,
    context         jsonb,
    sent_at         timestamptz not null,
    received_at     timestamptz not null default now(),
    inbox_id        bigint references inbox (id),
    payload         jsonb       not null,              -- the message object as received
    delivery_state  text,                              -- outbound only: sent | delivered | read | failed
    extracted       boolean     not null default false,
    constraint message_channel_external unique (channel, external_id)
);
create index message_conversation_time on message (conversation_id, sent_at);

create table message_status (
    message_external_id text        not null,
    status              text        not null,
    occurred_at         timestamptz not null,
    recipient_id        text,
    errors              jsonb,
    payload             jsonb       not null,
    inbox_id            bigint references inbox (id),
    primary key (message_external_id, status)
);

create table webhook_error (
    id              bigserial primary key,
    inbox_id        bigint references inbox (id),
    phone_number_id text,
    code            int,
    title           text,
    payload         jsonb not null,
    occurred_at     timestamptz not null default now()
);

-- 4. records and their history
create table record_sequence (
    type text primary key,
    next bigint not null
);

create table record (
    id                bigserial primary key,
    human_id          text        not null unique,
    type              text        not null,
    business_key      text,
    conversation_id   text references conversation (id),
    anchor_message_id text,
    customer_phone    text,
    fields            jsonb       not null default '{}'::jsonb,
    sources           jsonb       not null default '{}'::jsonb,
    confidence        jsonb       not null default '{}'::jsonb,
    status            text        not null default 'new',
    complete          boolean     not null default false,
    missing           jsonb       not null default '[]'::jsonb,
    version           int         not null default 1,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now()
);
create unique index record_business_key on record (type, business_key) where business_key is not null;
create unique index record_anchor on record (type, conversation_id, anchor_message_id) where anchor_message_id is not null;
create index record_type_updated on record (type, updated_at desc);
create index record_customer_phone on record (customer_phone);

create table record_change (
    id             bigserial primary key,
    record_id      bigint      not null references record (id),
    version        int         not null,
    field          text        not null,
    old_value      jsonb,
    new_value      jsonb,
    origin         text        not null,     -- chat | sheets | excel | hubspot | xero | admin
    cause          text,                     -- message id, sync id or user
    changed_at     timestamptz not null default now()
);
create index record_change_record on record_change (record_id, id);

-- a change from a side that does not own the field: not applied, kept for an admin
create table record_conflict (
    id          bigserial primary key,
    record_id   bigint      not null references record (id),
    field       text        not null,
    owner       text        not null,
    origin      text        not null,
    current_value  jsonb,
    proposed_value jsonb,
    cause       text,
    created_at  timestamptz not null default now(),
    resolved_at timestamptz
);

-- 5. outbox: one row per (sink, record); it always points at the newest version to deliver
create table delivery (
    id                bigserial primary key,
    sink              text        not null,
    record_id         bigint      not null references record (id),
    version           int         not null,
    delivered_version int,
    state             text        not null default 'pending', -- pending | in_flight | done | dead
    attempts          int         not null default 0,
    next_attempt_at   timestamptz not null default now(),
    lease_until       timestamptz,
    claimed_by        text,
    last_error        text,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    constraint delivery_sink_record unique (sink, record_id)
);
create index delivery_due on delivery (sink, next_attempt_at) where state = 'pending';
create index delivery_leased on delivery (sink, lease_until) where state = 'in_flight';
create index delivery_state on delivery (state);
