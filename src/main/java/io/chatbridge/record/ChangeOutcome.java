package io.chatbridge.record;

import java.util.List;

/**
 * What applying a change did.
 *
 * @param applied fields that changed
 * @param conflicts fields refused because the origin does not own them (kept for an admin)
 */
public record ChangeOutcome(String humanId, int version, List<String> applied, List<String> conflicts) {}
