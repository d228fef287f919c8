package dev.runnel.log.internal.segment;

import dev.runnel.common.TopicPartition;
import dev.runnel.common.utils.Time;
import dev.runnel.log.LogConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The partition logs a test opened, each checked and closed after the test. Not thread-safe. */
final class OpenPartitionLogs {
    private final List<PartitionLog> logs = new ArrayList<>();

    /** Opens a partition log, as {@link PartitionLog#open}, and keeps it to check and close. */
    PartitionLog open(Path dir, TopicPartition tp, LogConfig config, Time time, boolean cleanShutdown) {
        PartitionLog log = PartitionLog.open(dir, tp, config, time, cleanShutdown);
        logs.add(log);
        return log;
    }

    /** Forgets a log without closing it, after the test crashed or closed it. */
    void forget(PartitionLog log) {
        logs.remove(log);
    }

    /** Checks the invariants of every log kept, and closes it even if they fail. */
    void checkInvariantsAndClose() {
        for (PartitionLog log : logs) {
            try {
                log.checkInvariants();
            } finally {
                log.close();
            }
        }
    }
}
