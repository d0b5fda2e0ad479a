package io.chatbridge.reconcile.statement;

import java.util.List;

/**
 * What a statement file held.
 *
 * @param format {@code camt.053}, {@code ofx} or {@code csv}
 * @param statements how many statements the file carried (a camt file may carry several)
 * @param entries the entries, in file order
 */
public record ParsedStatement(String format, int statements, List<BankEntry> entries) {

    public ParsedStatement {
        entries = List.copyOf(entries);
    }
}
