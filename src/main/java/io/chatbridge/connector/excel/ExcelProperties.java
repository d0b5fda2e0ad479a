package io.chatbridge.connector.excel;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Excel connector's settings ({@code chatbridge.excel.*}).
 *
 * @param enabled whether the workbook routes run at all
 * @param pollInterval how often bound workbooks are checked for changes staff saved
 * @param flushInterval how often queued records are written
 * @param lockedRetry how long deliveries wait before looking again while a workbook is open in Excel
 * @param bigWorkbookRows above this many rows a rewrite is expensive enough to be coalesced
 * @param bigWorkbookBatch records to gather before rewriting a big workbook
 * @param bigWorkbookMaxDelay longest a record waits for that batch to fill up
 */
@ConfigurationProperties("chatbridge.excel")
public record ExcelProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("5s") Duration pollInterval,
        @DefaultValue("5s") Duration flushInterval,
        @DefaultValue("30s") Duration lockedRetry,
        @DefaultValue("20000") int bigWorkbookRows,
        @DefaultValue("360") int bigWorkbookBatch,
        @DefaultValue("2m") Duration bigWorkbookMaxDelay) {}
