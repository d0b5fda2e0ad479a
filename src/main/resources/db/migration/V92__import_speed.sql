-- Issue 9, import speed. The console search document of a record is built by one function, used by the
-- row trigger of V71 and by the import's batch insert, which already holds the texts of the source
-- messages in memory and passes the document ready-made: the trigger's three look-ups per record
-- (conversation, sources, message texts) were a third of the PostgreSQL time of a large import.

create function record_search_doc(human_id text, type text, search_name text, fields jsonb, source_text text)
    returns tsvector language sql immutable parallel safe as $$
    select setweight(to_tsvector('simple', human_id || ' ' || type || ' ' || coalesce(search_name, '')), 'A')
        || setweight(jsonb_to_tsvector('simple', fields, '["string", "numeric"]'), 'B')
        || setweight(to_tsvector('simple', coalesce(source_text, '')), 'C')
$$;

-- as in V71, except that an insert carrying its search document (the import's batch insert) keeps it
create or replace function record_search_fill() returns trigger language plpgsql as $$
declare
    profile_name text;
    conv_channel text;
    source_ids   text[];
    source_text  text;
begin
    if tg_op = 'INSERT' and new.search_doc is not null then
        return new;
    end if;
    if new.conversation_id is not null then
        select c.customer_name, c.channel into profile_name, conv_channel
        from conversation c where c.id = new.conversation_id;
    end if;
    new.search_name := coalesce(nullif(new.fields ->> 'customer_name', ''), profile_name);
    select array_agg(distinct s.value ->> 'messageId') into source_ids
    from jsonb_each(new.sources) s
    where jsonb_typeof(s.value) = 'object' and s.value ? 'messageId';
    source_ids := array_remove(coalesce(source_ids, '{}') || new.anchor_message_id, null);
    if conv_channel is not null and cardinality(source_ids) > 0 then
        select string_agg(m.text, ' ') into source_text
        from message m where m.channel = conv_channel and m.external_id = any(source_ids);
    end if;
    new.search_doc := record_search_doc(new.human_id, new.type, new.search_name, new.fields, source_text);
    return new;
end
$$;

-- Every message is updated once after it is stored (extracted = true). Room for that new row version on
-- the same page lets it be a HOT update, which writes none of the table's five indexes; full pages made
-- most updates of an import rewrite them all. New pages only; nothing is rewritten.
alter table message set (fillfactor = 90);
