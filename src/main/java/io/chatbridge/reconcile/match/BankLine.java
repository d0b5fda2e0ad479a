package io.chatbridge.reconcile.match;

import io.chatbridge.reconcile.statement.BankEntry;

/** A stored bank entry: its row id and what the statement said. */
public record BankLine(long id, BankEntry entry) {}
