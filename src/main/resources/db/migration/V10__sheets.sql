-- Google Sheets connector: last synced state per row, binding health, and shared request budgets.

-- one row per (binding, record): where chatbridge and the sheet last agreed. Only hashes of the
-- cells are kept (field -> 16 hex chars), never the personal data itself.
create table sheets_row (
    binding     text        not null,             -- <type>/<spreadsheet id>/<tab>
    record_id   bigint      not null references record (id),
    human_id    text        not null,
    state       text        not null,             -- appending | synced | deleted | id_pending
    hashes      jsonb       not null default '{}'::jsonb,
    fingerprint text,                             -- id_pending: hash of the hand-added row's cells
    row_hint    int,                              -- last row number seen; a hint only, never trusted
    synced_at   timestamptz not null default now(),
    primary key (binding, record_id)
);
create unique index sheets_row_human on sheets_row (binding, human_id);

-- per binding: the mapped headers last seen (to tell a renamed header from a new mapped column) and
-- the problem that stopped it, if any
create table sheets_binding (
    binding     text primary key,
    headers     jsonb       not null default '[]'::jsonb,
    problem     text,
    problem_at  timestamptz,
    polled_at   timestamptz
);

-- things an admin should look at: deleted rows, duplicate ids, renamed headers
create table sheets_problem (
    id          bigserial primary key,
    binding     text        not null,
    kind        text        not null,             -- row_deleted | duplicate_id | header_missing | tab_missing
    human_id    text,
    detail      text        not null,
    created_at  timestamptz not null default now(),
    resolved_at timestamptz
);
create unique index sheets_problem_open on sheets_problem (binding, kind, coalesce(human_id, ''))
    where resolved_at is null;

-- token buckets shared by every worker of every instance (one row per budget, updated atomically)
create table rate_bucket (
    name       text primary key,
    tokens     double precision not null,
    updated_at timestamptz      not null
);
