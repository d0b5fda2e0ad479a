-- A message whose sender crashed after calling the send API may already be on the customer's phone.
-- It is sent again only after WhatsApp had time to echo its status (with our key in
-- biz_opaque_callback_data) and every webhook already received was read: uncertain_since is when that
-- wait began. The index makes the echo a lookup instead of a scan of every status ever received.
alter table outbound_message add column uncertain_since timestamptz;

create index message_status_callback on message_status ((payload ->> 'biz_opaque_callback_data'))
    where payload ? 'biz_opaque_callback_data';
