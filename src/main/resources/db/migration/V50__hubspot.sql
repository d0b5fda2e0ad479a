-- HubSpot CRM connector: which HubSpot objects each record is, what we last wrote (to recognise our own
-- changes when HubSpot reports them), raw webhook events (stored before the 200), and shared state.

-- one row per customer (WhatsApp id): the contact and a hash of the properties last written
create table hubspot_contact (
    wa_id       text primary key,
    contact_id  text        not null,
    hash        text        not null,
    synced_at   timestamptz not null default now()
);

-- one row per record: its deal, the contact it is associated with, the owner assigned, and the values
-- last written to the deal (property -> value), so an event carrying one of them is our own echo
create table hubspot_deal (
    record_id     bigint primary key references record (id),
    human_id      text        not null unique,
    deal_id       text        not null,
    contact_id    text,
    associated_to text,                           -- the contact id the deal is associated with
    hash          text        not null,
    written       jsonb       not null default '{}'::jsonb,
    noted_until   timestamptz,                    -- the newest message already on the timeline
    synced_at     timestamptz not null default now()
);
create index hubspot_deal_deal on hubspot_deal (deal_id);
create index hubspot_deal_contact on hubspot_deal (contact_id);

-- the owner picked for a record, and why (keyword, number, round-robin); kept even if the deal fails
create table hubspot_assignment (
    record_id   bigint primary key references record (id),
    owner_id    text        not null,
    reason      text        not null,
    assigned_at timestamptz not null default now()
);

-- round-robin turns per record type, shared by every instance
create table hubspot_turn (
    type  text primary key,
    next  bigint not null
);

-- HubSpot webhook events exactly as received (one per eventId), processed after the 200
create table hubspot_event (
    event_id          bigint primary key,
    subscription_type text        not null,
    object_id         text,
    property_name     text,
    property_value    text,
    occurred_at       timestamptz,
    payload           jsonb       not null,
    received_at       timestamptz not null default now(),
    state             text        not null default 'received', -- received | applied | ignored | failed
    attempts          int         not null default 0,
    outcome           text,
    processed_at      timestamptz
);
create index hubspot_event_pending on hubspot_event (event_id) where state in ('received', 'failed');

-- small shared state: the poller's cursor, the daily-limit pause, the last problem
create table hubspot_state (
    key        text primary key,
    value      text        not null,
    updated_at timestamptz not null default now()
);
