-- chat-export imports started through the API: status for polling, the summary when done
create table import_job (
    id          text primary key,
    state       text        not null,            -- queued | running | done | failed
    source      text        not null,            -- uploaded file name (as given)
    summary     jsonb,
    error       text,
    created_at  timestamptz not null default now(),
    finished_at timestamptz
);
