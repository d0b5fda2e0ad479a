-- A message of a chat's export that a late webhook delivered again (a number on the Cloud API and the
-- WhatsApp Business app at once): the wamid of the webhook's copy, which is not stored a second time
-- (ExportTwins). Each export row stands for at most one webhook message; a repeated delivery finds it.
alter table message add column received_as text;
