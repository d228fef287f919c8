package dev.runnel.clients.admin;

import dev.runnel.common.IsolationLevel;
import java.util.Objects;

/**
 * Options of {@code listOffsets}: under {@link IsolationLevel#READ_COMMITTED} the latest offset is the last stable
 * offset, as a {@code read_committed} consumer sees the end of a partition.
 */
public class ListOffsetsOptions extends AbstractOptions<ListOffsetsOptions> {
    private final IsolationLevel isolationLevel;

    public ListOffsetsOptions() {
        this(IsolationLevel.READ_UNCOMMITTED);
    }

    public ListOffsetsOptions(IsolationLevel isolationLevel) {
        this.isolationLevel = Objects.requireNonNull(isolationLevel, "isolationLevel");
    }

    public IsolationLevel isolationLevel() {
        return isolationLevel;
    }
}
