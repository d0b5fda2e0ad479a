-- One index for a message's external id instead of two. The unique key was (channel, external_id) and
-- V71 added (external_id) for look-ups by the id alone (the record page, the search trigger's sources);
-- every stored message paid for both, and their keys are hashes, so each insert lands on a random leaf
-- page of each. Keyed (external_id, channel), the unique index serves both look-ups. ON CONFLICT
-- (channel, external_id) still finds it: PostgreSQL matches an arbiter index by its set of columns.
create unique index message_external_channel on message (external_id, channel);
alter table message drop constraint message_channel_external;
alter table message add constraint message_channel_external unique using index message_external_channel;
drop index message_external;
