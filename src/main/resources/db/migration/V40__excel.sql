-- Excel workbook connector: last synced state per row, binding and file state, problems for admins.

-- one row per (binding, record): where chatbridge and the workbook last agreed. Only hashes of the
-- cells are kept (field -> 16 hex chars), never the personal data itself.
create table excel_row (
    binding     text        not null,             -- <type>/<workbook path>/<sheet>
    record_id   bigint      not null references record (id),
    human_id    text        not null,
    state       text        not null,             -- synced | deleted | id_pending
    hashes      jsonb       not null default '{}'::jsonb,
    fingerprint text,                             -- id_pending: hash of the hand-added row's cells
    synced_at   timestamptz not null default now(),
    primary key (binding, record_id)
);
create unique index excel_row_human on excel_row (binding, human_id);

-- per binding: the mapped headers last seen, the problem that stopped it, and the file as chatbridge
-- last wrote or read it (so our own writes are not read back as changes)
create table excel_binding (
    binding     text primary key,
    headers     jsonb       not null default '[]'::jsonb,
    problem     text,
    problem_at  timestamptz,
    file_hash   text,
    file_size   bigint,
    file_mtime  bigint,
    row_count   int         not null default 0,
    written_at  timestamptz
);

-- things an admin should look at: an open workbook, a broken file, a missing sheet, renamed headers
create table excel_problem (
    id          bigserial primary key,
    binding     text        not null,
    kind        text        not null,             -- workbook_locked | workbook_unreadable | sheet_missing | header_missing | row_deleted | duplicate_id
    human_id    text,
    detail      text        not null,
    created_at  timestamptz not null default now(),
    resolved_at timestamptz
);
create unique index excel_problem_open on excel_problem (binding, kind, coalesce(human_id, ''))
    where resolved_at is null;
