-- Talking back on WhatsApp: an outbox of our own messages, the reminder schedule, the digest log.

-- One row per message we mean to send. Not keyed by record: one record change may produce several
-- messages (a confirmation and a follow-up), and some messages have no record (auto-reply, digest).
-- The idempotency key makes "the same message twice" impossible: confirmation:<record>:<version>,
-- followup:<record>:<field>, reminder:<record>:<minutes>:<starts-at>, autoreply:<conversation>:<opens-at>,
-- digest:<phone_number_id>:<date>.
create table outbound_message (
    id              bigserial primary key,
    idempotency_key text        not null,
    purpose         text        not null,             -- confirmation | followup | reminder | autoreply | digest
    phone_number_id text        not null,             -- the business number that sends it
    recipient       text        not null,             -- E.164 with +
    conversation_id text,
    record_id       bigint references record (id),
    detail          text,                             -- the field asked for, the reminder offset, …
    language        text,
    body            text,                             -- free-form text, sent inside the 24-hour window
    template        jsonb,                            -- {name, language, parameters[]}: outside it, or on 131047
    state           text        not null default 'pending',
        -- pending | in_flight | accepted | sent | delivered | read | failed | dead | not_sent | skipped
    sent_as         text,                             -- text | template
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null,
    lease_until     timestamptz,
    claimed_by      text,
    wamid           text,
    error_code      int,
    last_error      text,
    created_at      timestamptz not null,
    sent_at         timestamptz,
    updated_at      timestamptz not null,
    constraint outbound_message_key unique (idempotency_key)
);
create unique index outbound_message_wamid on outbound_message (wamid) where wamid is not null;
create index outbound_message_due on outbound_message (next_attempt_at) where state = 'pending';
create index outbound_message_leased on outbound_message (lease_until) where state = 'in_flight';
create index outbound_message_record on outbound_message (record_id);
create index outbound_message_state on outbound_message (state);

-- Reminders before a booking or appointment: a stored schedule, so a restart loses none.
create table reminder (
    id             bigserial primary key,
    record_id      bigint      not null references record (id),
    before_minutes int         not null,
    starts_at      timestamptz not null,              -- the booking's date and time, UTC
    due_at         timestamptz not null,
    state          text        not null default 'scheduled', -- scheduled | sent | skipped
    reason         text,                              -- why skipped
    outbound_id    bigint references outbound_message (id),
    answer         text,                              -- the status a "1"/"2" reply set
    updated_at     timestamptz not null,
    constraint reminder_once unique (record_id, before_minutes, starts_at)
);
create index reminder_due on reminder (due_at) where state = 'scheduled';

-- One morning digest per business number and day; the period it covered starts the next one.
create table digest_run (
    phone_number_id text        not null,
    digest_date     date        not null,
    covered_from    timestamptz not null,
    covered_to      timestamptz not null,
    outbound_id     bigint references outbound_message (id),
    primary key (phone_number_id, digest_date)
);
