package dev.runnel.streams.internal.assignment;

import dev.runnel.clients.consumer.ConsumerGroupMetadata;
import dev.runnel.clients.consumer.ConsumerPartitionAssignor;
import dev.runnel.common.TopicPartition;
import dev.runnel.streams.StreamsConfig;
import dev.runnel.streams.errors.StreamsException;
import dev.runnel.streams.errors.TaskAssignmentException;
import dev.runnel.streams.internal.runtime.StoreChangelogPosition;
import dev.runnel.streams.internal.runtime.TopologyMetadata;
import dev.runnel.streams.processor.TaskId;
import dev.runnel.streams.processor.assignment.AssignmentConfigs;
import dev.runnel.streams.processor.assignment.KafkaStreamsAssignment;
import dev.runnel.streams.processor.assignment.ProcessId;
import dev.runnel.streams.processor.assignment.TaskAssignmentUtils;
import dev.runnel.streams.processor.assignment.TaskAssignor;
import dev.runnel.streams.processor.assignment.TaskAssignor.AssignmentError;
import dev.runnel.streams.processor.assignment.TaskAssignor.TaskAssignment;
import dev.runnel.streams.processor.assignment.assignors.StickyTaskAssignor;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assigns tasks, not partitions: a task (sub-topology, partition number) takes partition {@code p} of every source
 * topic of its sub-topology, so co-partitioned topics' same-numbered partitions always land on one consumer (one
 * stream thread). A sub-topology's source topics are asked for on every rebalance, as pattern sources may have matched
 * new topics since the last one.
 *
 * <p>Each rebalance, the group runs the oldest member's instance: it gathers the members' subscriptions into an
 * {@link dev.runnel.streams.processor.assignment.ApplicationState} (clients by process id, the tasks each thread had,
 * their state's offset sums), asks the {@link TaskAssignor} ({@code task.assignor.class}, by default
 * {@link StickyTaskAssignor}) for each client's active and standby tasks, checks the result, spreads each client's
 * tasks over its threads ({@link ConsumerTaskDistribution}) and tells the task assignor the outcome. Thread-safe: the
 * assignment runs on the thread completing the rebalance; this member's latest assignment and a failure of the
 * assignment it ran are volatile fields, read by its own stream thread.
 */
public final class StreamsPartitionAssignor implements ConsumerPartitionAssignor {
    /** The assignor's protocol name. */
    public static final String NAME = "runnel-streams";
    private static final Logger LOG = LoggerFactory.getLogger(StreamsPartitionAssignor.class);

    /*
     * Implementation notes: what an assignment that goes wrong does, as KIP-924 specifies for Kafka Streams. Here the
     * group runs the assignor in-process on whichever thread completes the rebalance, so nothing may be thrown at the
     * group: the members get their previous tasks instead, and the failure is kept for this member's own stream
     * thread, which throws it from onAssignment (the thread of Kafka's group leader fails the same way).
     * - assign() throws TaskAssignmentException: previous tasks, and every client asks for a rebalance at once.
     * - assign() throws anything else: previous tasks; this member's thread fails; no onAssignmentComputed.
     * - the assignment is invalid: previous tasks; onAssignmentComputed gets the error; this member's thread fails.
     */

    private final TopologyMetadata topology;
    private final ProcessId processId;
    private final TaskAssignor taskAssignor;
    private final AssignmentConfigs configs;
    private final String applicationServer;
    private final Map<String, String> clientTags;
    private final Supplier<List<StoreChangelogPosition>> storePositions;
    private final Function<Collection<TopicPartition>, Map<TopicPartition, Long>> endOffsets;
    /** This member's assignment of the latest rebalance; written by its consumer thread, read by the group's. */
    private volatile AssignmentInfo assignment = AssignmentInfo.EMPTY;
    /** The failure of the last assignment this instance ran, for this member's stream thread to throw. */
    private volatile StreamsException assignmentFailure;

    /**
     * Creates the assignor of one stream thread of the client {@code processId}: {@code storePositions} tells where
     * the thread's stores stand on their changelogs (any thread), {@code endOffsets} reads changelogs' end offsets
     * (for lags, any thread).
     */
    public StreamsPartitionAssignor(TopologyMetadata topology, StreamsConfig config, ProcessId processId,
        TaskAssignor taskAssignor, Supplier<List<StoreChangelogPosition>> storePositions,
        Function<Collection<TopicPartition>, Map<TopicPartition, Long>> endOffsets) {
        this.topology = topology;
        this.processId = processId;
        this.taskAssignor = taskAssignor;
        this.configs = AssignmentConfigs.of(config);
        this.applicationServer = config.getString(StreamsConfig.APPLICATION_SERVER_CONFIG);
        this.clientTags = Map.copyOf(config.getClientTags());
        this.storePositions = storePositions;
        this.endOffsets = endOffsets;
    }

    /**
     * Returns a new instance of {@code task.assignor.class}, or of {@link StickyTaskAssignor} if it is unset,
     * configured with the application's configs.
     */
    public static TaskAssignor taskAssignor(StreamsConfig config) {
        // A task assignor is Configurable: getConfiguredInstance configures a custom one.
        TaskAssignor configured = config.getConfiguredInstance(StreamsConfig.TASK_ASSIGNOR_CLASS_CONFIG,
            TaskAssignor.class);
        if (configured != null) {
            return configured;
        }
        TaskAssignor sticky = new StickyTaskAssignor();
        sticky.configure(config.originals());
        return sticky;
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Cooperative first, as Kafka Streams rebalances: a member revokes only the tasks that move (the group withholds
     * them from their new owner until a follow-up rebalance), and keeps running the others.
     */
    @Override
    public List<RebalanceProtocol> supportedProtocols() {
        return List.of(RebalanceProtocol.COOPERATIVE, RebalanceProtocol.EAGER);
    }

    @Override
    public Map<String, List<TopicPartition>> assign(Map<String, Integer> partitionsPerTopic,
        Map<String, Subscription> subscriptions) {
        Map<String, List<TopicPartition>> partitions = new LinkedHashMap<>();
        assignWithUserData(partitionsPerTopic, subscriptions).forEach((member, memberAssignment) ->
            partitions.put(member, new ArrayList<>(memberAssignment.partitions())));
        return partitions;
    }

    /** Assigns the tasks; each member's user data carries its standby tasks and follow-up rebalance time. */
    @Override
    public Map<String, Assignment> assignWithUserData(Map<String, Integer> partitionsPerTopic,
        Map<String, Subscription> subscriptions) {
        Map<TaskId, List<TopicPartition>> tasks = tasks(partitionsPerTopic);
        ApplicationStateImpl state = applicationState(tasks, subscriptions);
        TaskAssignment computed;
        try {
            computed = taskAssignor.assign(state);
        } catch (TaskAssignmentException e) {
            LOG.warn("Task assignor {} could not assign the tasks ({}); every client keeps its tasks and the group"
                + " rebalances again", assignorName(), e.getMessage());
            return memberAssignments(state, tasks, previousAssignment(state, Instant.EPOCH));
        } catch (RuntimeException e) {
            fail(new StreamsException("Task assignment with " + assignorName() + " failed: " + e, e));
            return memberAssignments(state, tasks, previousAssignment(state, null));
        }
        AssignmentError error = TaskAssignmentUtils.validateTaskAssignment(state, computed);
        Map<String, Assignment> result = memberAssignments(state, tasks, error == AssignmentError.NONE
            ? computed.assignment() : previousAssignment(state, null));
        if (error != AssignmentError.NONE) {
            fail(new StreamsException("Task assignment with " + assignorName() + " failed with error " + error
                + "; every client keeps its previous tasks"));
        }
        try {
            taskAssignor.onAssignmentComputed(new GroupAssignment(result), new GroupSubscription(subscriptions), error);
        } catch (RuntimeException e) {
            fail(new StreamsException(assignorName() + ".onAssignmentComputed failed: " + e, e));
        }
        return result;
    }

    /** Tells this member what the group needs for the assignment: its client, standby tasks and state (any thread). */
    @Override
    public ByteBuffer subscriptionUserData(Set<String> topics) {
        return new SubscriptionInfo(processId, assignment.standbyTasks(), taskOffsetSums(), applicationServer,
            clientTags).encode();
    }

    /**
     * Keeps this member's assignment of the completed rebalance, for its stream thread to pick up.
     *
     * @throws StreamsException if the assignment this instance ran last failed: the stream thread fails with it
     */
    @Override
    public void onAssignment(Assignment memberAssignment, ConsumerGroupMetadata metadata) {
        assignment = AssignmentInfo.decode(memberAssignment.userData());
        StreamsException failure = assignmentFailure;
        if (failure != null) {
            assignmentFailure = null;
            throw failure;
        }
    }

    /** Returns this member's assignment of the latest rebalance: its standby tasks and follow-up rebalance time. */
    public AssignmentInfo assignment() {
        return assignment;
    }

    /** Returns every task with its input partitions, ordered by partition number, then sub-topology. */
    Map<TaskId, List<TopicPartition>> tasks(Map<String, Integer> partitionsPerTopic) {
        Map<TaskId, List<TopicPartition>> tasks = new TreeMap<>((a, b) -> a.partition() != b.partition()
            ? Integer.compare(a.partition(), b.partition()) : Integer.compare(a.subtopology(), b.subtopology()));
        for (Map.Entry<Integer, Set<String>> subtopology
            : topology.sourceTopicsBySubtopology(partitionsPerTopic.keySet()).entrySet()) {
            for (String topic : subtopology.getValue()) {
                int count = partitionsPerTopic.getOrDefault(topic, 0);
                for (int p = 0; p < count; p++) {
                    tasks.computeIfAbsent(new TaskId(subtopology.getKey(), p), id -> new ArrayList<>())
                        .add(new TopicPartition(topic, p));
                }
            }
        }
        return tasks;
    }

    /**
     * Returns the state of the rebalance: the tasks with their partitions and changelogs, and the members grouped into
     * clients, in the group's member order, each member's previous active tasks those of the partitions it owns.
     */
    ApplicationStateImpl applicationState(Map<TaskId, List<TopicPartition>> tasks,
        Map<String, Subscription> subscriptions) {
        Map<TaskId, TaskInfoImpl> taskInfos = new LinkedHashMap<>();
        Map<TopicPartition, TaskId> taskOfPartition = new HashMap<>();
        tasks.forEach((task, partitions) -> {
            taskInfos.put(task, TaskInfoImpl.of(task, partitions, topology.changelogsOf(task)));
            partitions.forEach(partition -> taskOfPartition.put(partition, task));
        });
        List<String> members = subscriptions.entrySet().stream().sorted(MEMBER_ORDER).map(Map.Entry::getKey)
            .toList();
        Map<String, SubscriptionInfo> infos = new HashMap<>();
        Map<String, Set<TaskId>> previousActive = new HashMap<>();
        subscriptions.forEach((member, subscription) -> {
            infos.put(member, SubscriptionInfo.decode(member, subscription.userData()));
            Set<TaskId> owned = new LinkedHashSet<>();
            subscription.ownedPartitions().stream().map(taskOfPartition::get).filter(Objects::nonNull)
                .forEach(owned::add);
            previousActive.put(member, owned);
        });
        return new ApplicationStateImpl(taskInfos, ClientSubscription.group(members, infos, previousActive), configs,
            endOffsets);
    }

    /** Returns every client's previous tasks, each asking for a rebalance at {@code followup} if it is not null. */
    private static Collection<KafkaStreamsAssignment> previousAssignment(ApplicationStateImpl state,
        Instant followup) {
        Collection<KafkaStreamsAssignment> previous = TaskAssignmentUtils.identityAssignment(state).values();
        return followup == null ? previous
            : previous.stream().map(client -> client.withFollowupRebalance(followup)).toList();
    }

    /** Returns each member's partitions (those of its active tasks) and user data, in member order. */
    private static Map<String, Assignment> memberAssignments(ApplicationStateImpl state,
        Map<TaskId, List<TopicPartition>> tasks, Collection<KafkaStreamsAssignment> clients) {
        Map<String, Assignment> assignments = new LinkedHashMap<>();
        ConsumerTaskDistribution.distribute(state.clients(), clients).forEach((member, consumerTasks) -> {
            List<TopicPartition> partitions = new ArrayList<>();
            consumerTasks.active().forEach(task -> partitions.addAll(tasks.get(task)));
            assignments.put(member, new Assignment(partitions,
                new AssignmentInfo(consumerTasks.standby(), consumerTasks.followupRebalanceMs()).encode()));
        });
        return assignments;
    }

    /**
     * Returns the offset sum of each task whose stores this member's thread has: {@link SubscriptionInfo#CAUGHT_UP}
     * for the tasks it runs, else the sum of the changelog offsets its stores have reached.
     */
    private Map<TaskId, Long> taskOffsetSums() {
        Map<TaskId, Long> sums = new TreeMap<>();
        for (StoreChangelogPosition position : storePositions.get()) {
            TaskId task = topology.taskOfChangelog(position.changelog());
            if (task != null) {
                long offset = position.restoredOffset().orElse(SubscriptionInfo.CAUGHT_UP);
                sums.merge(task, offset, (a, b) -> a == SubscriptionInfo.CAUGHT_UP || b == SubscriptionInfo.CAUGHT_UP
                    ? SubscriptionInfo.CAUGHT_UP : a + b);
            }
        }
        return sums;
    }

    private void fail(StreamsException failure) {
        LOG.error("{}; the stream thread of this assignor fails", failure.getMessage(), failure.getCause());
        assignmentFailure = failure;
    }

    private String assignorName() {
        return taskAssignor.getClass().getName();
    }
}
