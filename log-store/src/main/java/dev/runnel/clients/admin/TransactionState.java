package dev.runnel.clients.admin;

import java.util.Locale;

/**
 * A transactional id's state as the admin client reports it, with Kafka's names; {@link #toString()} gives Kafka's
 * wire name ({@code "Ongoing"}). The embedded coordinator never reports {@link #PREPARE_EPOCH_FENCE}: it fences by
 * bumping the epoch and aborting in one step.
 */
public enum TransactionState {
    ONGOING("Ongoing"),
    PREPARE_ABORT("PrepareAbort"),
    PREPARE_COMMIT("PrepareCommit"),
    COMPLETE_ABORT("CompleteAbort"),
    COMPLETE_COMMIT("CompleteCommit"),
    EMPTY("Empty"),
    PREPARE_EPOCH_FENCE("PrepareEpochFence"),
    UNKNOWN("Unknown");

    private final String name;

    TransactionState(String name) {
        this.name = name;
    }

    /** The state with this wire name, ignoring case, or {@link #UNKNOWN}. */
    public static TransactionState parse(String name) {
        for (TransactionState state : values()) {
            if (state.name.toLowerCase(Locale.ROOT).equals(name == null ? null : name.toLowerCase(Locale.ROOT))) {
                return state;
            }
        }
        return UNKNOWN;
    }

    @Override
    public String toString() {
        return name;
    }
}
