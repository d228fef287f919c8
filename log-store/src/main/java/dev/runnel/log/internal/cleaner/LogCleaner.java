package dev.runnel.log.internal.cleaner;

import dev.runnel.common.utils.Time;
import dev.runnel.log.LogConfig;
import dev.runnel.log.internal.segment.PartitionLog;

/** Placeholder until the compactor lands: cleans nothing. */
public final class LogCleaner {
    public LogCleaner(Time time) {
    }

    /** Returns the segments rewritten: none yet. */
    public int clean(PartitionLog log, LogConfig config, boolean ignoreDirtyRatio) {
        return 0;
    }
}
