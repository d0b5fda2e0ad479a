package io.chatbridge.record;

/**
 * Another transaction created a record a batch meant to create (same business key or anchor) between the
 * batch's look-up and its insert. Nothing of the batch may be kept: the caller rolls back (to a savepoint)
 * and applies the drafts again, which finds the other transaction's record, committed by then.
 */
public class ConcurrentRecordChange extends RuntimeException {

    public ConcurrentRecordChange(String conversationId) {
        super("another transaction created a record of this conversation's batch meanwhile");
    }
}
