package io.chatbridge.record;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A record row as the store reads it for update. */
record StoredRecord(
        long id,
        String humanId,
        String type,
        String businessKey,
        ObjectNode fields,
        ObjectNode sources,
        ObjectNode confidence,
        String status,
        boolean complete,
        int version) {}
