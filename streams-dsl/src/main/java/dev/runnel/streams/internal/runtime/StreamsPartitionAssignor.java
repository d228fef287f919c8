package dev.runnel.streams.internal.runtime;

import dev.runnel.clients.consumer.ConsumerGroupMetadata;
import dev.runnel.clients.consumer.ConsumerPartitionAssignor;
import dev.runnel.common.TopicPartition;
import dev.runnel.streams.processor.TaskId;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Assigns tasks, not partitions: a task (sub-topology, partition number) takes partition {@code p} of every source
 * topic of its sub-topology, so co-partitioned topics' same-numbered partitions always land on one consumer (one
 * stream thread). Tasks are spread evenly over the members in {@link #MEMBER_ORDER}; a member keeps the tasks it
 * owned (cooperative subscriptions report them) while it has room, else a member holding its standby gets it. A
 * sub-topology's source topics are asked for on every rebalance, as pattern sources may have matched new topics since
 * the last one. With {@code num.standby.replicas} above 0 it also places standby tasks (see {@link StandbyTasks}).
 * Thread-safe: the assignment is a pure function; the member's standby tasks are a volatile field.
 */
public final class StreamsPartitionAssignor implements ConsumerPartitionAssignor {
    /** The assignor's protocol name. */
    public static final String NAME = "runnel-streams";

    private final Function<Collection<String>, Map<Integer, Set<String>>> sourceTopicsBySubtopology;
    private final String processId;
    private final int numStandbyReplicas;
    private final Set<Integer> statefulSubtopologies;
    /** This member's standby tasks; written by its consumer thread, read by the group's coordinator. */
    private volatile Set<TaskId> standbyTasks = Set.of();

    /**
     * Creates the assignor for a topology's sub-topologies: {@code sourceTopicsBySubtopology} returns, given the
     * group's subscribed topics, the (decorated) source topics of each sub-topology by id. {@code processId} tells
     * apart the application instances (a standby never shares one with its active task); the sub-topologies in
     * {@code statefulSubtopologies} get {@code numStandbyReplicas} standby tasks per task.
     */
    public StreamsPartitionAssignor(Function<Collection<String>, Map<Integer, Set<String>>> sourceTopicsBySubtopology,
        String processId, int numStandbyReplicas, Set<Integer> statefulSubtopologies) {
        this.sourceTopicsBySubtopology = sourceTopicsBySubtopology;
        this.processId = processId;
        this.numStandbyReplicas = numStandbyReplicas;
        this.statefulSubtopologies = Set.copyOf(statefulSubtopologies);
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
        assignWithUserData(partitionsPerTopic, subscriptions).forEach((member, assignment) ->
            partitions.put(member, new ArrayList<>(assignment.partitions())));
        return partitions;
    }

    /**
     * Assigns the active tasks, then, with {@code num.standby.replicas} above 0, the standby tasks of the stateful
     * ones, which each member finds in its user data (see {@link StandbyTasks}).
     */
    @Override
    public Map<String, Assignment> assignWithUserData(Map<String, Integer> partitionsPerTopic,
        Map<String, Subscription> subscriptions) {
        Map<TaskId, List<TopicPartition>> tasks = tasks(partitionsPerTopic);
        List<String> members = subscriptions.entrySet().stream().sorted(MEMBER_ORDER).map(Map.Entry::getKey)
            .toList();
        Map<String, StandbyTasks.MemberInfo> infos = new HashMap<>();
        subscriptions.forEach((member, subscription) ->
            infos.put(member, StandbyTasks.MemberInfo.decode(member, subscription.userData())));
        Map<TaskId, String> owners = assignActive(tasks, members, subscriptions, infos);
        Map<String, Set<TaskId>> standbys = StandbyTasks.assign(owners, members, infos, numStandbyReplicas,
            statefulSubtopologies);
        Map<String, Assignment> assignment = new LinkedHashMap<>();
        for (String member : members) {
            List<TopicPartition> partitions = new ArrayList<>();
            owners.forEach((task, owner) -> {
                if (owner.equals(member)) {
                    partitions.addAll(tasks.get(task));
                }
            });
            assignment.put(member, new Assignment(partitions,
                StandbyTasks.encode(standbys.getOrDefault(member, Set.of()))));
        }
        return assignment;
    }

    /**
     * Spreads the active tasks evenly: a task stays with its owner while the owner has room, else goes preferably to
     * a member holding its standby (whose state is caught up), else round-robin. Returns each task's member.
     */
    private static Map<TaskId, String> assignActive(Map<TaskId, List<TopicPartition>> tasks, List<String> members,
        Map<String, Subscription> subscriptions, Map<String, StandbyTasks.MemberInfo> infos) {
        Map<TaskId, String> owners = new LinkedHashMap<>();
        if (members.isEmpty()) {
            return owners;
        }
        Map<String, Integer> load = new HashMap<>();
        members.forEach(member -> load.put(member, 0));
        int capacity = (tasks.size() + members.size() - 1) / members.size();
        Map<TopicPartition, String> previousOwner = new HashMap<>();
        for (Map.Entry<String, Subscription> member : subscriptions.entrySet()) {
            for (TopicPartition tp : member.getValue().ownedPartitions()) {
                previousOwner.put(tp, member.getKey());
            }
        }
        List<TaskId> unassigned = new ArrayList<>();
        for (Map.Entry<TaskId, List<TopicPartition>> task : tasks.entrySet()) {
            String owner = task.getValue().isEmpty() ? null : previousOwner.get(task.getValue().get(0));
            if (owner != null && load.get(owner) < capacity) {
                give(owner, task.getKey(), owners, load);
            } else {
                unassigned.add(task.getKey());
            }
        }
        List<TaskId> remaining = new ArrayList<>();
        for (TaskId task : unassigned) {
            String standby = members.stream().filter(m -> infos.get(m).standbyTasks().contains(task))
                .filter(m -> load.get(m) < capacity).findFirst().orElse(null);
            if (standby != null) {
                give(standby, task, owners, load);
            } else {
                remaining.add(task);
            }
        }
        int next = 0;
        for (TaskId task : remaining) {
            // Round-robin from where the last task went, skipping full members, so partition numbers spread out.
            String member = members.get(next % members.size());
            while (load.get(member) >= capacity) {
                next++;
                member = members.get(next % members.size());
            }
            give(member, task, owners, load);
            next++;
        }
        return owners;
    }

    private static void give(String member, TaskId task, Map<TaskId, String> owners, Map<String, Integer> load) {
        owners.put(task, member);
        load.merge(member, 1, Integer::sum);
    }

    /** Tells the group which process this member runs in and which standby tasks it holds (any thread). */
    @Override
    public ByteBuffer subscriptionUserData(Set<String> topics) {
        return new StandbyTasks.MemberInfo(processId, standbyTasks).encode();
    }

    /** Keeps this member's standby tasks of the completed rebalance, for its stream thread to pick up. */
    @Override
    public void onAssignment(Assignment assignment, ConsumerGroupMetadata metadata) {
        standbyTasks = StandbyTasks.decode(assignment.userData());
    }

    /** Returns the standby tasks of this member's latest assignment. */
    Set<TaskId> standbyTasks() {
        return standbyTasks;
    }

    /** Returns every task with its input partitions, ordered by partition number, then sub-topology. */
    Map<TaskId, List<TopicPartition>> tasks(Map<String, Integer> partitionsPerTopic) {
        Map<TaskId, List<TopicPartition>> tasks = new TreeMap<>((a, b) -> a.partition() != b.partition()
            ? Integer.compare(a.partition(), b.partition()) : Integer.compare(a.subtopology(), b.subtopology()));
        for (Map.Entry<Integer, Set<String>> subtopology
            : sourceTopicsBySubtopology.apply(partitionsPerTopic.keySet()).entrySet()) {
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
}
