-- A crash-uncertain message waited while any WhatsApp webhook was unread, so under steady traffic (a
-- status webhook arriving every few seconds) it always waited the whole crash-max-wait. It now waits
-- only for the webhooks that had arrived when its status wait ended: echo_inbox_until is the newest
-- inbox id at that moment.
alter table outbound_message add column echo_inbox_until bigint;
