package io.chatbridge.reconcile.match;

import java.math.BigDecimal;

/** How much of a bank entry goes to one invoice (all of it, or a share when it paid several). */
public record Allocation(SourcedInvoice invoice, BigDecimal amount) {}
