-- Reconciliation: bank statements, their entries, and matches of entries to invoices (and claims).

-- One row per imported file; the same bytes again are "already imported".
create table bank_statement (
    id             bigserial primary key,
    file_name      text not null,
    origin         text not null,               -- upload | folder
    format         text not null,               -- camt.053 | ofx | csv
    content_sha256 text not null unique,
    statements     int not null,
    entries        int not null,
    new_entries    int not null,
    imported_at    timestamptz not null default now()
);

-- One row per bank entry, whichever file it first came in; dedupe_key is the bank's reference
-- (scoped to the account) or a hash of the entry's content (see EntryKeys).
create table bank_entry (
    id             bigserial primary key,
    statement_id   bigint not null references bank_statement (id),
    dedupe_key     text not null unique,
    account        text not null,
    booked_on      date not null,
    amount         numeric not null,            -- signed: money in is positive
    currency       text not null,
    bank_reference text,
    end_to_end_id  text,
    counterparty   text,
    remittance     text not null,
    created_at     timestamptz not null default now()
);
create index bank_entry_booked on bank_entry (booked_on);

-- The decision about one bank entry: matched (automatically or by a person), waiting for a person
-- (review, amount_differs), or rejected. At most one live decision per entry.
create table reconcile_match (
    id              bigserial primary key,
    bank_entry_id   bigint not null references bank_entry (id),
    claim_record_id text,                       -- the payment record's human id (PY-0007), if a claim matched
    state           text not null check (state in ('matched', 'review', 'amount_differs', 'rejected')),
    automatic       boolean not null,
    score           numeric(4, 2) not null,
    rule            text not null,
    explanation     text not null,
    decided_by      text,
    created_at      timestamptz not null default now(),
    decided_at      timestamptz
);
create unique index reconcile_match_live on reconcile_match (bank_entry_id) where state <> 'rejected';
create index reconcile_match_state on reconcile_match (state);
create index reconcile_match_claim on reconcile_match (claim_record_id) where claim_record_id is not null;

-- Which invoices a match pays and how much of the entry goes to each.
create table reconcile_allocation (
    id             bigserial primary key,
    match_id       bigint not null references reconcile_match (id),
    invoice_source text not null,
    invoice_id     text not null,
    invoice_number text,
    contact_name   text,
    amount         numeric not null,
    currency       text not null
);
create index reconcile_allocation_match on reconcile_allocation (match_id);
create index reconcile_allocation_invoice on reconcile_allocation (invoice_source, invoice_id);
