-- Messages and record history are written only by the code that, in the same transaction, has just
-- upserted the row they point at (MessageStore and SentMessages upsert the conversation and, for
-- inbound messages, store the inbox row first; RecordRepository and RecordBatchStore write a change
-- with its record), and nothing deletes conversations, inbox rows or records. Their foreign keys
-- therefore never refused a row; they cost a lookup and a row lock on the referenced row for every
-- message and every change. In a large chat-export import those checks were about half of the
-- database's work for messages (170,880 rows: 7.1 s with the two keys, 3.4 s without) and 55 % of it
-- for history rows (100,906 rows: 1.9 s against 0.8 s). The columns and their indexes stay; only the
-- checks go. record.conversation_id keeps its key: a record is written once per extraction, not once
-- per line.
alter table message drop constraint message_conversation_id_fkey;
alter table message drop constraint message_inbox_id_fkey;
alter table record_change drop constraint record_change_record_id_fkey;
