package io.chatbridge.record;

/** No record has the given human id. */
public class RecordNotFoundException extends RuntimeException {

    public RecordNotFoundException(String humanId) {
        super("No record " + humanId);
    }
}
