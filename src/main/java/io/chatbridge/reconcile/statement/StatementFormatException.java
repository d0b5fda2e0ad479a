package io.chatbridge.reconcile.statement;

/** A statement file we cannot read; the message says what is wrong in words a finance person follows. */
public class StatementFormatException extends RuntimeException {

    public StatementFormatException(String message) {
        super(message);
    }

    public StatementFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
