package io.chatbridge.connector.sheets;

/** A binding that must not be written until an admin fixes the sheet (a renamed header, a missing tab). */
final class BindingStoppedException extends Exception {

    BindingStoppedException(String problem) {
        super(problem);
    }
}
