-- Issue 9, third round. An import marks what it has extracted with a watermark per conversation (the
-- last message read, by sent_at then id) instead of updating every message row (extracted = true): that
-- update rewrote each imported message once more, a quarter of the PostgreSQL time of a large import.
-- A message counts as extracted when its flag is set (the webhook path still sets it) or when it sorts
-- at or before its conversation's watermark. A message stored later that sorts before the watermark
-- (an older export imported after a newer one) turns the watermark back into flags first
-- (MessageStore), so it is still extracted, and only it.
alter table conversation add column extracted_until timestamptz, add column extracted_until_id bigint;
