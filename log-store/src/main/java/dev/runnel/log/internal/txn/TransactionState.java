package dev.runnel.log.internal.txn;

/** A transactional id's state at the coordinator, with Kafka's names; the id is the byte stored on disk. */
public enum TransactionState {
    EMPTY(0), ONGOING(1), PREPARE_COMMIT(2), PREPARE_ABORT(3), COMPLETE_COMMIT(4), COMPLETE_ABORT(5);

    private final byte id;

    TransactionState(int id) {
        this.id = (byte) id;
    }

    public byte id() {
        return id;
    }

    public static TransactionState of(byte id) {
        for (TransactionState state : values()) {
            if (state.id == id) {
                return state;
            }
        }
        throw new IllegalArgumentException("Unknown transaction state id " + id);
    }

    /** Whether a new transaction may start (or partitions be added) from this state. */
    boolean acceptsNewPartitions() {
        return this == EMPTY || this == ONGOING || this == COMPLETE_COMMIT || this == COMPLETE_ABORT;
    }
}
