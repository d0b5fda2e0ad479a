-- Why a conversation's extraction failed, while it is set aside (issue 9: the import's summary and the
-- server log named the conversation, but nothing an admin could look up said why). Set when a
-- conversation is parked, cleared when it is next extracted. The dashboard lists them.
alter table conversation
    add column extraction_error text,
    add column extraction_failed_at timestamptz;
