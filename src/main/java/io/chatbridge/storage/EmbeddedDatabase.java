package io.chatbridge.storage;

/** Where the embedded PostgreSQL of this process listens; absent when an external server is used. */
public record EmbeddedDatabase(int port, String jdbcUrl) {}
