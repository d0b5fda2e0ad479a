-- Issue 9: an exported message's id (its external_id, 'exp-…') no longer hashes its author's name as the
-- phone showed it but the author's side, business or customer. A customer saved as a contact between two
-- exports turns from "+44 7700 900123" into "Ana" in the later one; with names in the ids, every message
-- the two exports share was new to chatbridge and stored twice.
--
-- Conversations that already hold imported messages keep the ids they were imported with, so that
-- importing the same exports again still adds nothing: they are marked here, and the importer goes on
-- hashing names for them (MessageIds). Every other conversation, including any created from now on, is
-- hashed by side.
alter table conversation add column export_ids_by_author boolean not null default false;

update conversation c set export_ids_by_author = true
where exists (select 1 from message m where m.conversation_id = c.id and m.channel = 'export');
