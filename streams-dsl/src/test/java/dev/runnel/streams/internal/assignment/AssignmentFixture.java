package dev.runnel.streams.internal.assignment;

import dev.runnel.clients.consumer.ConsumerPartitionAssignor.Assignment;
import dev.runnel.clients.consumer.ConsumerPartitionAssignor.Subscription;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.StreamsConfig;
import dev.runnel.streams.internal.graph.InternalTopologyBuilder;
import dev.runnel.streams.internal.runtime.TopologyMetadata;
import dev.runnel.streams.processor.TaskId;
import dev.runnel.streams.processor.api.Processor;
import dev.runnel.streams.processor.api.ProcessorSupplier;
import dev.runnel.streams.processor.api.Record;
import dev.runnel.streams.processor.assignment.ApplicationState;
import dev.runnel.streams.processor.assignment.KafkaStreamsAssignment.AssignedTask;
import dev.runnel.streams.processor.assignment.ProcessId;
import dev.runnel.streams.processor.assignment.TaskAssignor;
import dev.runnel.streams.state.Stores;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An application of two sub-topologies, each reading a topic of two partitions, for assignment tests: one counts into
 * the logged store {@code counts} (stateful tasks), the other only reads (stateless tasks). Members subscribe with the
 * user data a stream thread sends; changelog end offsets come from {@link #endOffsets}. Not thread-safe.
 */
public final class AssignmentFixture {
    public static final String APPLICATION_ID = "assignment-app";
    public static final String COUNTED = "counted";
    public static final String READ = "read";
    public static final int PARTITIONS = 2;

    /** The changelog end offsets the assignor reads, by partition; a missing one is 0. */
    public final Map<TopicPartition, Long> endOffsets = new HashMap<>();
    /** How often the assignor read end offsets. */
    public final AtomicInteger endOffsetReads = new AtomicInteger();
    /** What reading end offsets throws, if not null. */
    public RuntimeException endOffsetsFailure;
    private final TopologyMetadata topology;
    private final StreamsConfig config;
    private final int countingSubtopology;

    /** Creates the application with {@code num.standby.replicas} = {@code standbyReplicas}. */
    public AssignmentFixture(int standbyReplicas) {
        InternalTopologyBuilder builder = new InternalTopologyBuilder();
        ProcessorSupplier<Object, Object, Object, Object> noop = Noop::new;
        builder.addSource("counted-source", null, null, null, COUNTED);
        builder.addProcessor("counter", noop, "counted-source");
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("counts"), Serdes.String(),
            Serdes.Long()), "counter");
        builder.addSource("read-source", null, null, null, READ);
        builder.addProcessor("reader", noop, "read-source");
        builder.setApplicationId(APPLICATION_ID);
        topology = new TopologyMetadata(builder, APPLICATION_ID);
        countingSubtopology = topology.subtopologies().values().stream()
            .filter(subtopology -> subtopology.sourceTopics().contains(COUNTED)).findFirst().orElseThrow().id();
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, standbyReplicas);
        config = new StreamsConfig(props);
    }

    /** Returns the stateful task of {@code partition}. */
    public TaskId counting(int partition) {
        return new TaskId(countingSubtopology, partition);
    }

    /** Returns the stateless task of {@code partition}. */
    public TaskId reading(int partition) {
        return new TaskId(1 - countingSubtopology, partition);
    }

    /** Returns the changelog partition of the stateful task of {@code partition}. */
    public static TopicPartition changelog(int partition) {
        return new TopicPartition(APPLICATION_ID + "-counts-changelog", partition);
    }

    /** Returns the partition counts of the input topics. */
    public static Map<String, Integer> partitions() {
        return Map.of(COUNTED, PARTITIONS, READ, PARTITIONS);
    }

    /** Returns the assignor of a member of client {@code client} that runs {@code taskAssignor}. */
    public StreamsPartitionAssignor assignor(ProcessId client, TaskAssignor taskAssignor) {
        return new StreamsPartitionAssignor(topology, config, client, taskAssignor, List::of, this::readEndOffsets);
    }

    /**
     * Returns the subscription of a stream thread of {@code client} that owns {@code owned}, keeps the standby tasks
     * {@code standbys} and has the state of the tasks in {@code offsetSums}.
     */
    public static Subscription member(ProcessId client, List<TopicPartition> owned, Set<TaskId> standbys,
        Map<TaskId, Long> offsetSums) {
        return memberWithTags(client, owned, standbys, offsetSums, Map.of());
    }

    /** As {@link #member}, for a client with tags and the application server {@code localhost:7070}. */
    public static Subscription memberWithTags(ProcessId client, List<TopicPartition> owned, Set<TaskId> standbys,
        Map<TaskId, Long> offsetSums, Map<String, String> clientTags) {
        String server = clientTags.isEmpty() ? "" : "localhost:7070";
        return new Subscription(List.of(COUNTED, READ), owned, Optional.empty(),
            new SubscriptionInfo(client, standbys, offsetSums, server, clientTags).encode());
    }

    /** Returns {@code task} assigned as active. */
    public static AssignedTask active(TaskId task) {
        return new AssignedTask(task, AssignedTask.Type.ACTIVE);
    }

    /** Returns {@code task} assigned as standby. */
    public static AssignedTask standby(TaskId task) {
        return new AssignedTask(task, AssignedTask.Type.STANDBY);
    }

    /** Returns partition {@code partition} of {@code topic}. */
    public static TopicPartition tp(String topic, int partition) {
        return new TopicPartition(topic, partition);
    }

    /** Returns the offset sum a stream thread reports for a task it runs. */
    public static long caughtUp() {
        return SubscriptionInfo.CAUGHT_UP;
    }

    /** Returns the state of a rebalance of {@code members}, as {@code assignor} would hand it to its task assignor. */
    public ApplicationState state(Map<String, Subscription> members) {
        StreamsPartitionAssignor assignor = assignor(ProcessId.randomProcessId(), null);
        return assignor.applicationState(assignor.tasks(partitions()), members);
    }

    /** Returns the standby tasks and follow-up rebalance time a member's assignment carries. */
    public static AssignmentInfo info(Assignment assignment) {
        return AssignmentInfo.decode(assignment.userData());
    }

    /** A processor that does nothing; the tests never run one. */
    private static final class Noop implements Processor<Object, Object, Object, Object> {
        @Override
        public void process(Record<Object, Object> record) {
        }
    }

    private Map<TopicPartition, Long> readEndOffsets(Collection<TopicPartition> partitions) {
        endOffsetReads.incrementAndGet();
        if (endOffsetsFailure != null) {
            throw endOffsetsFailure;
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        partitions.forEach(partition -> ends.put(partition, endOffsets.getOrDefault(partition, 0L)));
        return ends;
    }
}
