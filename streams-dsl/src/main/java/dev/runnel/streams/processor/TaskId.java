package dev.runnel.streams.processor;

import dev.runnel.streams.errors.TaskIdFormatException;
import java.util.Objects;

/**
 * Identifies a task: the sub-topology it runs and the input partition it owns; prints as {@code 0_1}. Global stores'
 * processors run in the task {@code -1_-1}, as in Kafka Streams. A task of a named topology prints as {@code
 * <topology>__0_1}.
 */
public final class TaskId implements Comparable<TaskId> {
    /** Separates a named topology's name from the rest of a task id's string form. */
    public static final String NAMED_TOPOLOGY_DELIMITER = "__";

    private final int subtopology;
    private final int partition;
    /** {@code null} unless the task belongs to a named topology. */
    private final String topologyName;

    /** Creates the id of the task running {@code subtopology} on {@code partition}. */
    public TaskId(int subtopology, int partition) {
        this(subtopology, partition, null);
    }

    /**
     * Creates the id of the task running {@code subtopology} of the named topology {@code topologyName} on {@code
     * partition}; an empty name counts as none, as in Kafka Streams.
     */
    public TaskId(int subtopology, int partition, String topologyName) {
        this.subtopology = subtopology;
        this.partition = partition;
        this.topologyName = topologyName == null || topologyName.isEmpty() ? null : topologyName;
    }

    /**
     * Parses {@code "<subtopology>_<partition>"} or {@code "<topology>__<subtopology>_<partition>"}, the forms {@link
     * #toString()} prints.
     *
     * @throws TaskIdFormatException if the string is of neither form, as in Kafka Streams
     */
    public static TaskId parse(String taskIdString) {
        int delimiter = taskIdString.indexOf(NAMED_TOPOLOGY_DELIMITER);
        String topologyName = delimiter < 0 ? null : taskIdString.substring(0, delimiter);
        String rest = delimiter < 0 ? taskIdString
            : taskIdString.substring(delimiter + NAMED_TOPOLOGY_DELIMITER.length());
        int underscore = rest.indexOf('_');
        if (underscore < 0) {
            throw new TaskIdFormatException(malformed(taskIdString));
        }
        try {
            return new TaskId(Integer.parseInt(rest.substring(0, underscore)),
                Integer.parseInt(rest.substring(underscore + 1)), topologyName);
        } catch (NumberFormatException e) {
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

    /** Returns the name of the named topology the task belongs to, or {@code null}. */
    public String topologyName() {
        return topologyName;
    }

    /**
     * Orders by topology name, sub-topology and partition.
     *
     * @throws IllegalStateException if only one of the two belongs to a named topology, as in Kafka Streams
     */
    @Override
    public int compareTo(TaskId other) {
        if ((topologyName == null) != (other.topologyName == null)) {
            throw new IllegalStateException("Can't compare a TaskId with a namedTopology to one without");
        }
        int byTopology = topologyName == null ? 0 : topologyName.compareTo(other.topologyName);
        if (byTopology != 0) {
            return byTopology;
        }
        int bySubtopology = Integer.compare(subtopology, other.subtopology);
        return bySubtopology != 0 ? bySubtopology : Integer.compare(partition, other.partition);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TaskId that && subtopology == that.subtopology && partition == that.partition
            && Objects.equals(topologyName, that.topologyName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(subtopology, partition, topologyName);
    }

    @Override
    public String toString() {
        String id = subtopology + "_" + partition;
        return topologyName == null ? id : topologyName + NAMED_TOPOLOGY_DELIMITER + id;
    }
}
