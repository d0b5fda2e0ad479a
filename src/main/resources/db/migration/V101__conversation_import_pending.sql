-- Issue 9: which conversations hold imported messages waiting for extraction. An import's extraction
-- claimed conversations by channel ('export'), but a conversation keeps the channel it was created with:
-- a customer who wrote through the webhook before the business imported its older chats has a
-- 'whatsapp' conversation, so the import never extracted the history it stored there (its summary
-- counted none of those records) and left it to the live pass, message by message, read as live messages.
-- Set whenever imported messages are stored in a conversation; cleared when its extraction is done.
alter table conversation add column import_pending boolean not null default false;

update conversation set import_pending = true where pending_extraction and channel = 'export';
