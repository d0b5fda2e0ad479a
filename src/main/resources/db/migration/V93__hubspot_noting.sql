-- A timeline note is created by a call HubSpot cannot repeat safely (notes have no unique property to
-- upsert by). noting_until is written before the call and cleared with noted_until after it: a row that
-- still has it when the next delivery comes was cut off mid-call (a crash), so HubSpot is asked whether
-- the note exists before it is created again. The crash drill found 94 notes written twice in 20 kills.
alter table hubspot_deal add column noting_until timestamptz;
