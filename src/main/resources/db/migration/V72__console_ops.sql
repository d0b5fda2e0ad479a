-- Console operations panels (issue 10, part 2): mapping revisions, rate-bucket sizes, dashboard indexes.

-- every mapping file saved from the console: the text it replaced (null for a new file) and who saved it,
-- so a bad edit can be read back and undone by hand
create table mapping_revision (
    id            bigserial   primary key,
    file          text        not null,             -- booking.yaml, relative to chatbridge.mappings-dir
    previous_text text,
    new_text      text        not null,
    saved_by      text        not null,
    saved_at      timestamptz not null default now()
);
create index mapping_revision_file on mapping_revision (file, id desc);

-- a bucket's size lives with its tokens, so the console shows the budget in use without knowing the
-- connector that made it (RateBucket writes both each time it is constructed)
alter table rate_bucket add column capacity double precision;
alter table rate_bucket add column per_second double precision;

-- the dashboard reads each metric by time range (console ops DashboardQueries; numbers in bench/README.md)
create index message_sent_at on message (sent_at);
create index record_created_at on record (created_at);
create index delivery_updated_at on delivery (updated_at);
create index reminder_sent_starts on reminder (starts_at) where state = 'sent';
