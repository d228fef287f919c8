package dev.runnel.cli;

import static dev.runnel.cli.TopicsCommand.await;

import dev.runnel.clients.admin.Admin;
import dev.runnel.clients.admin.ConsumerGroupDescription;
import dev.runnel.clients.admin.MemberDescription;
import dev.runnel.clients.admin.OffsetSpec;
import dev.runnel.clients.consumer.OffsetAndMetadata;
import dev.runnel.common.GroupState;
import dev.runnel.common.Node;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.errors.GroupIdNotFoundException;
import dev.runnel.common.errors.GroupNotEmptyException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code runnel groups}: lists, describes and deletes consumer groups and resets their offsets, printing what Kafka's
 * {@code kafka-consumer-groups} prints. Notes about the group (no active members, rebalancing, dry run) go to stderr,
 * as in Kafka, so that stdout holds only the table. Not thread-safe; runs once.
 */
@Command(name = "groups", sortOptions = false,
    description = "List, describe or delete consumer groups, or reset their offsets (like kafka-consumer-groups).")
final class GroupsCommand extends RunnelCommand {
    static final String MISSING = "-";
    private static final Comparator<TopicPartition> BY_TOPIC_AND_PARTITION =
        Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

    @ArgGroup(exclusive = true, multiplicity = "1")
    Action action;

    @Option(names = "--group", paramLabel = "GROUP", description = "The group to act on.")
    String group;

    @Option(names = "--members", description = "With --describe: list the members and their partitions.")
    boolean members;

    @Option(names = "--state", description = "With --describe: show the group's state, assignor and member count.")
    boolean state;

    @Option(names = "--offsets", description = "With --describe: per partition, the committed offset, log end offset "
        + "and lag (the default).")
    boolean offsets;

    @ArgGroup(exclusive = false, heading = "Reset offsets:%n")
    OffsetReset reset;

    /** Exactly one of these is given. */
    static final class Action {
        @Option(names = "--list", required = true, description = "List the groups, one per line.")
        boolean list;
        @Option(names = "--describe", required = true,
            description = "Describe --group: offsets and lag (default), --members or --state.")
        boolean describe;
        @Option(names = "--delete", required = true, description = "Delete --group and its offsets; refused while "
            + "it has active members.")
        boolean delete;
        @Option(names = "--reset-offsets", required = true, description = "Reset the offsets of --group, which must "
            + "have no active members; a dry run unless --execute is given.")
        boolean resetOffsets;
    }

    GroupsCommand(StandardStreams io) {
        super(io);
    }

    @Override
    public Integer call() throws InterruptedException {
        checkOptions();
        try (Admin admin = Admin.create(clientConfig())) {
            if (action.list) {
                List<String> ids = new ArrayList<>();
                await(admin.listConsumerGroups().all()).forEach(listing -> ids.add(listing.groupId()));
                ids.stream().sorted().forEach(io.out()::println);
            } else if (action.delete) {
                delete(admin);
            } else if (action.resetOffsets) {
                reset.run(admin, group, io);
            } else if (members) {
                describeMembers(describe(admin));
            } else if (state) {
                describeState(describe(admin));
            } else {
                describeOffsets(admin, describe(admin));
            }
        }
        return 0;
    }

    private void checkOptions() {
        String name = action.list ? "--list" : action.describe ? "--describe" : action.delete ? "--delete"
            : "--reset-offsets";
        if (!action.list && group == null) {
            throw usageError(name + " needs --group GROUP");
        }
        if (action.list && group != null) {
            throw usageError("--list lists every group; drop --group, or use --describe --group " + group);
        }
        if ((members || state || offsets) && !action.describe) {
            throw usageError("--members, --state and --offsets go with --describe, not with " + name);
        }
        if ((members ? 1 : 0) + (state ? 1 : 0) + (offsets ? 1 : 0) > 1) {
            throw usageError("give at most one of --members, --state and --offsets");
        }
        if (reset != null && !action.resetOffsets) {
            throw usageError("--topic, --all-topics, --to-*, --shift-by, --dry-run and --execute go with "
                + "--reset-offsets, not with " + name);
        }
        if (action.resetOffsets) {
            if (reset == null) {
                throw usageError(OffsetReset.MISSING_SCOPE);
            }
            reset.check(this);
        }
    }

    /** Describes {@link #group}, or fails naming it when it does not exist. */
    private ConsumerGroupDescription describe(Admin admin) throws InterruptedException {
        try {
            return await(admin.describeConsumerGroups(List.of(group)).all()).get(group);
        } catch (GroupIdNotFoundException e) {
            throw unknownGroup(group);
        }
    }

    static CommandFailedException unknownGroup(String group) {
        return new CommandFailedException("Consumer group '" + group + "' does not exist; see the groups with "
            + "`runnel groups --list`");
    }

    /**
     * Prints Kafka's note for a group that is not stable on stderr; returns false if there is nothing more to print.
     */
    private boolean noteState(ConsumerGroupDescription description, int rows) {
        GroupState groupState = description.groupState();
        if (groupState == GroupState.EMPTY) {
            io.err().println("Consumer group '" + group + "' has no active members.");
        } else if (groupState != GroupState.STABLE) {
            io.err().println("Warning: Consumer group '" + group + "' is rebalancing.");
        }
        return rows > 0;
    }

    /**
     * Kafka's default {@code --describe}: one row per assigned partition, members with the most partitions first,
     * then the partitions with a committed offset that no member owns.
     */
    private void describeOffsets(Admin admin, ConsumerGroupDescription description) throws InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> committed =
            await(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
        List<MemberDescription> sortedMembers = new ArrayList<>(description.members());
        sortedMembers.sort(Comparator.<MemberDescription>comparingInt(m -> -m.assignment().topicPartitions().size())
            .thenComparing(MemberDescription::memberId));
        Set<TopicPartition> all = new HashSet<>(committed.keySet());
        sortedMembers.forEach(m -> all.addAll(m.assignment().topicPartitions()));
        Map<TopicPartition, Long> logEnd = logEndOffsets(admin, all);

        TextTable table = new TextTable(new int[] {15, 15, 10, 15, 15, 15, 15, 15, 0}, "GROUP", "TOPIC",
            "PARTITION", "CURRENT-OFFSET", "LOG-END-OFFSET", "LAG", "CONSUMER-ID", "HOST", "CLIENT-ID");
        Set<TopicPartition> unassigned = new TreeSet<>(BY_TOPIC_AND_PARTITION);
        unassigned.addAll(committed.keySet());
        for (MemberDescription member : sortedMembers) {
            Set<TopicPartition> owned = new TreeSet<>(BY_TOPIC_AND_PARTITION);
            owned.addAll(member.assignment().topicPartitions());
            unassigned.removeAll(owned);
            if (owned.isEmpty()) {
                table.add(group, MISSING, MISSING, MISSING, MISSING, MISSING, member.memberId(), member.host(),
                    member.clientId());
            }
            for (TopicPartition tp : owned) {
                addOffsetRow(table, tp, committed.get(tp), logEnd.get(tp), member.memberId(), member.host(),
                    member.clientId());
            }
        }
        for (TopicPartition tp : unassigned) {
            addOffsetRow(table, tp, committed.get(tp), logEnd.get(tp), MISSING, MISSING, MISSING);
        }
        if (noteState(description, table.size())) {
            table.print(io.out());
        }
    }

    private void addOffsetRow(TextTable table, TopicPartition tp, OffsetAndMetadata committed, Long logEnd,
                              String consumerId, String host, String clientId) {
        String current = committed == null ? MISSING : Long.toString(committed.offset());
        String end = logEnd == null ? MISSING : Long.toString(logEnd);
        String lag = committed == null || logEnd == null ? MISSING : Long.toString(logEnd - committed.offset());
        table.add(group, tp.topic(), tp.partition(), current, end, lag, consumerId, host, clientId);
    }

    /** The log end offset of each partition that still exists; a deleted topic's partitions are left out. */
    private static Map<TopicPartition, Long> logEndOffsets(Admin admin, Set<TopicPartition> partitions)
        throws InterruptedException {
        Set<String> existing = await(admin.listTopics().names());
        Map<TopicPartition, OffsetSpec> specs = new TreeMap<>(BY_TOPIC_AND_PARTITION);
        partitions.stream().filter(tp -> existing.contains(tp.topic()))
            .forEach(tp -> specs.put(tp, OffsetSpec.latest()));
        Map<TopicPartition, Long> offsets = new TreeMap<>(BY_TOPIC_AND_PARTITION);
        await(admin.listOffsets(specs).all()).forEach((tp, info) -> offsets.put(tp, info.offset()));
        return offsets;
    }

    /** Kafka's {@code --describe --members}, with the assignment (Kafka's {@code --verbose} column) always shown. */
    private void describeMembers(ConsumerGroupDescription description) {
        boolean withInstanceIds = description.members().stream().anyMatch(m -> m.groupInstanceId().isPresent());
        TextTable table = withInstanceIds
            ? new TextTable(new int[] {15, 15, 17, 15, 15, 15, 0}, "GROUP", "CONSUMER-ID", "GROUP-INSTANCE-ID", "HOST",
                "CLIENT-ID", "#PARTITIONS", "ASSIGNMENT")
            : new TextTable(new int[] {15, 15, 15, 15, 15, 0}, "GROUP", "CONSUMER-ID", "HOST", "CLIENT-ID",
                "#PARTITIONS", "ASSIGNMENT");
        List<MemberDescription> sorted = new ArrayList<>(description.members());
        sorted.sort(Comparator.comparing(MemberDescription::memberId));
        for (MemberDescription m : sorted) {
            Set<TopicPartition> owned = m.assignment().topicPartitions();
            String assignment = owned.isEmpty() ? MISSING : assignmentString(owned);
            if (withInstanceIds) {
                table.add(group, m.memberId(), m.groupInstanceId().orElse(MISSING), m.host(), m.clientId(),
                    owned.size(), assignment);
            } else {
                table.add(group, m.memberId(), m.host(), m.clientId(), owned.size(), assignment);
            }
        }
        if (noteState(description, table.size())) {
            table.print(io.out());
        }
    }

    /** Kafka's assignment string: {@code topic:0,1;other:2}, topics and partitions sorted. */
    static String assignmentString(Set<TopicPartition> partitions) {
        Map<String, List<Integer>> byTopic = new TreeMap<>();
        partitions.forEach(tp -> byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>()).add(tp.partition()));
        return byTopic.entrySet().stream()
            .map(e -> e.getKey() + ":" + e.getValue().stream().sorted().map(String::valueOf)
                .collect(Collectors.joining(",")))
            .collect(Collectors.joining(";"));
    }

    /** Kafka's {@code --describe --state}. */
    private void describeState(ConsumerGroupDescription description) {
        Node coordinator = description.coordinator();
        String assignor = description.partitionAssignor().isEmpty() ? MISSING : description.partitionAssignor();
        TextTable table = new TextTable(new int[] {15, 25, 20, 20, 0}, "GROUP", "COORDINATOR (ID)",
            "ASSIGNMENT-STRATEGY", "STATE", "#MEMBERS");
        table.add(group, coordinator.host() + ":" + coordinator.port() + "  (" + coordinator.idString() + ")",
            assignor, description.groupState(), description.members().size());
        table.print(io.out());
    }

    private void delete(Admin admin) throws InterruptedException {
        try {
            await(admin.deleteConsumerGroups(List.of(group)).all());
        } catch (GroupIdNotFoundException e) {
            throw unknownGroup(group);
        } catch (GroupNotEmptyException e) {
            int count = describe(admin).members().size();
            throw new CommandFailedException("Consumer group '" + group + "' has " + count + " active member(s) and "
                + "cannot be deleted; stop its consumers first");
        }
        io.out().println("Deletion of requested consumer groups ('" + group + "') was successful.");
    }

    /** Kafka's reset table: one row per partition, sorted by topic and partition. */
    static void printNewOffsets(PrintStream out, String group, Map<TopicPartition, Long> newOffsets) {
        TextTable table = new TextTable(new int[] {30, 30, 10, 0}, "GROUP", "TOPIC", "PARTITION", "NEW-OFFSET");
        Map<TopicPartition, Long> sorted = new TreeMap<>(BY_TOPIC_AND_PARTITION);
        sorted.putAll(newOffsets);
        sorted.forEach((tp, offset) -> table.add(group, tp.topic(), tp.partition(), offset));
        table.print(out);
    }
}
