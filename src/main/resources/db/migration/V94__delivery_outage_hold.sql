-- A delivery that failed because the whole sink was down (every record of its batch refused for a
-- reason worth retrying: 503, 429, a timeout) is held by the outage, not by its own fault. When the
-- sink takes a batch again, held deliveries are brought forward at once instead of each waiting out
-- its own backoff: the outage drill's backlog took 54 s to reach the sheet where 18 s carried 93 % of it.
alter table delivery add column held_by_outage boolean not null default false;
create index delivery_held_by_outage on delivery (sink, updated_at) where held_by_outage;
