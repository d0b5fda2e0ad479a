package io.chatbridge.connector.excel;

/**
 * One column of an append-only export: its header, the field it shows ({@code id}, {@code status},
 * {@code created_at} or a mapped field) and that field's type, which decides the cell's type.
 */
public record ExportColumn(String header, String field, String type) {}
