-- The admin console: who may sign in (the first admin comes from the environment) and what they changed.

create table console_user (
    username      text primary key,
    password_hash text        not null,            -- DelegatingPasswordEncoder format: {bcrypt}$2a$...
    role          text        not null check (role in ('admin', 'agent', 'finance')),
    enabled       boolean     not null default true,
    created_at    timestamptz not null default now(),
    last_login    timestamptz
);

-- who changed what: sign-ins, field edits, user changes, replays, approvals, mapping saves
create table audit_log (
    id       bigserial primary key,
    at       timestamptz not null default now(),
    username text        not null,
    action   text        not null,                 -- sign-in | field-edit | user-add | user-change | ...
    target   text,                                 -- a record's human id, a username, a delivery id
    detail   jsonb       not null default '{}'::jsonb
);
create index audit_log_target on audit_log (target, at desc);
create index audit_log_at on audit_log (at desc);
