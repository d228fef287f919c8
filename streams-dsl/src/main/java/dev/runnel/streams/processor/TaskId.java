package dev.runnel.streams.processor;

import dev.runnel.streams.errors.TaskIdFormatException;
import java.util.Locale;
import java.util.Objects;

/** Identifies a task: the sub-topology it runs and the input partition it owns; prints as {@code 0_1}. */
public final class TaskId implements Comparable<TaskId> {
    private final int subtopology;
    private final int partition;

    /** Creates the id of the task running {@code subtopology} on {@code partition}; both must be non-negative. */
    public TaskId(int subtopology, int partition) {
        if (subtopology < 0 || partition < 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                "negative task id: subtopology=%d, partition=%d", subtopology, partition));
        }
        this.subtopology = subtopology;
        this.partition = partition;
    }

    /**
     * Parses {@code "<subtopology>_<partition>"}, the form {@link #toString()} prints.
     *
     * @throws TaskIdFormatException if the string is not of that form, as in Kafka Streams
     */
    public static TaskId parse(String taskIdString) {
        int underscore = taskIdString.indexOf('_');
        if (underscore < 0) {
            throw new TaskIdFormatException(malformed(taskIdString));
        }
        try {
            return new TaskId(Integer.parseInt(taskIdString.substring(0, underscore)),
                Integer.parseInt(taskIdString.substring(underscore + 1)));
        } catch (NumberFormatException e) {
            throw new TaskIdFormatException(malformed(taskIdString), e);
        } catch (IllegalArgumentException e) {
            // a negative subtopology or partition
            throw new TaskIdFormatException(malformed(taskIdString), e);
        }
    }

    private static String malformed(String taskIdString) {
        return "Task id '" + taskIdString + "' is not of the form <subtopology>_<partition>";
    }

    /** Returns the sub-topology id. */
    public int subtopology() {
        return subtopology;
    }

    /** Returns the partition. */
    public int partition() {
        return partition;
    }

    @Override
    public int compareTo(TaskId other) {
        int bySubtopology = Integer.compare(subtopology, other.subtopology);
        return bySubtopology != 0 ? bySubtopology : Integer.compare(partition, other.partition);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TaskId that && subtopology == that.subtopology && partition == that.partition;
    }

    @Override
    public int hashCode() {
        return Objects.hash(subtopology, partition);
    }

    @Override
    public String toString() {
        return subtopology + "_" + partition;
    }
}
