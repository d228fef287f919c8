package dev.runnel.common;

import java.util.Locale;

/** The state of a group, as Kafka 4's {@code GroupState}; {@code toString} gives Kafka's display names. */
public enum GroupState {
    UNKNOWN("Unknown"),
    PREPARING_REBALANCE("PreparingRebalance"),
    COMPLETING_REBALANCE("CompletingRebalance"),
    STABLE("Stable"),
    DEAD("Dead"),
    EMPTY("Empty"),
    ASSIGNING("Assigning"),
    RECONCILING("Reconciling");

    private final String displayName;

    GroupState(String displayName) {
        this.displayName = displayName;
    }

    /** Parses a display or constant name, ignoring case; unknown names give {@link #UNKNOWN}. */
    public static GroupState parse(String name) {
        for (GroupState state : values()) {
            if (state.displayName.equalsIgnoreCase(name) || state.name().equals(name.toUpperCase(Locale.ROOT))) {
                return state;
            }
        }
        return UNKNOWN;
    }

    @Override
    public String toString() {
        return displayName;
    }
}
