package dev.runnel.cli;

import static dev.runnel.cli.TopicsCommand.await;

import dev.runnel.clients.admin.Admin;
import dev.runnel.clients.admin.ConsumerGroupDescription;
import dev.runnel.clients.consumer.OffsetAndMetadata;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.errors.GroupIdNotFoundException;
import dev.runnel.common.errors.UnknownMemberIdException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * The {@code --reset-offsets} options of {@code runnel groups} and what they do: which partitions (the scope), where
 * to move them (the {@link OffsetTarget}) and whether to write the result; a dry run, the default, only prints them.
 * Not thread-safe; runs once.
 */
final class OffsetReset {
    static final String MISSING_SCOPE = "--reset-offsets needs --topic TOPIC[:P,...] or --all-topics, and one of "
        + "--to-earliest, --to-latest, --to-offset N, --to-datetime DATETIME, --by-duration DURATION or --shift-by N";

    @Option(names = "--topic", paramLabel = "TOPIC[:P,...]",
        description = "Reset this topic's partitions (all of them, or the listed ones). Repeatable.")
    List<String> topics = new ArrayList<>();

    @Option(names = "--all-topics", description = "Reset every partition the group has an offset for.")
    boolean allTopics;

    /** Null when none of its options is given (picocli makes a group only for options it sees). */
    @ArgGroup(exclusive = false)
    OffsetTargetOptions targetOptions;

    @Option(names = "--dry-run", description = "Only print the new offsets (the default).")
    boolean dryRun;

    @Option(names = "--execute", description = "Write the new offsets.")
    boolean execute;

    private OffsetTarget target;
    private final List<Scope> scopes = new ArrayList<>();

    /** Rejects incomplete or conflicting options through the command's usage errors. */
    void check(RunnelCommand command) {
        if (topics.isEmpty() == !allTopics) {
            throw command.usageError(topics.isEmpty() ? MISSING_SCOPE : "give --topic or --all-topics, not both");
        }
        if (targetOptions == null || targetOptions.given() == 0) {
            throw command.usageError(MISSING_SCOPE);
        }
        if (dryRun && execute) {
            throw command.usageError("give --dry-run or --execute, not both");
        }
        target = targetOptions.target(command, null);
        for (String topic : topics) {
            scopes.add(parseScope(command, topic));
        }
    }

    /** A {@code --topic} value: the topic, and the listed partitions (empty for all of them). */
    private record Scope(String topic, List<Integer> partitions) {
    }

    private static Scope parseScope(RunnelCommand command, String value) {
        int colon = value.indexOf(':');
        if (colon < 0) {
            return new Scope(value, List.of());
        }
        List<Integer> partitions = new ArrayList<>();
        try {
            for (String p : value.substring(colon + 1).split(",", -1)) {
                partitions.add(Integer.parseInt(p.trim()));
            }
        } catch (NumberFormatException e) {
            throw command.usageError("--topic " + value + " is not TOPIC or TOPIC:P,P,...; partitions are numbers");
        }
        return new Scope(value.substring(0, colon), partitions);
    }

    /** Computes, prints and (with {@code --execute}) writes the new offsets of {@code group}. */
    void run(Admin admin, String group, StandardStreams io) throws InterruptedException {
        boolean exists = checkInactive(admin, group);
        if (allTopics && !exists) {
            throw GroupsCommand.unknownGroup(group);
        }
        Map<TopicPartition, OffsetAndMetadata> committed = exists
            ? await(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()) : Map.of();
        Set<TopicPartition> partitions = allTopics ? committed.keySet() : partitions(admin);
        Map<TopicPartition, Long> newOffsets = target.newOffsets(admin, group, partitions, committed);
        GroupsCommand.printNewOffsets(io.out(), group, newOffsets);
        if (!execute) {
            if (!dryRun) {
                io.err().println("WARN: No action was performed as the --execute option is missing; add --execute "
                    + "to write these offsets, or --dry-run to only print them without this warning.");
            }
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> commits = new LinkedHashMap<>();
        newOffsets.forEach((tp, offset) -> commits.put(tp, new OffsetAndMetadata(offset)));
        try {
            await(admin.alterConsumerGroupOffsets(group, commits).all());
        } catch (UnknownMemberIdException e) {
            checkInactive(admin, group); // A consumer joined since the check: report it the same way.
            throw e;
        }
    }

    /** Returns whether the group exists; refuses, as Kafka does, a group with active members. */
    private static boolean checkInactive(Admin admin, String group) throws InterruptedException {
        ConsumerGroupDescription description;
        try {
            description = await(admin.describeConsumerGroups(List.of(group)).all()).get(group);
        } catch (GroupIdNotFoundException e) {
            return false;
        }
        if (!description.members().isEmpty()) {
            throw new CommandFailedException("Assignments can only be reset if the group '" + group + "' is "
                + "inactive, but the current state is " + description.groupState() + " with "
                + description.members().size() + " active member(s); stop its consumers and retry");
        }
        return true;
    }

    /** The partitions named by {@code --topic}; an unknown topic or partition fails. */
    private Set<TopicPartition> partitions(Admin admin) throws InterruptedException {
        Set<TopicPartition> result = new LinkedHashSet<>();
        for (Scope scope : scopes) {
            int count = await(admin.describeTopics(List.of(scope.topic())).allTopicNames()).get(scope.topic())
                .partitions().size();
            if (scope.partitions().isEmpty()) {
                for (int p = 0; p < count; p++) {
                    result.add(new TopicPartition(scope.topic(), p));
                }
            }
            for (int p : scope.partitions()) {
                if (p < 0 || p >= count) {
                    throw new CommandFailedException("Topic '" + scope.topic() + "' has " + count + " partition(s), "
                        + "0 to " + (count - 1) + "; partition " + p + " does not exist");
                }
                result.add(new TopicPartition(scope.topic(), p));
            }
        }
        return result;
    }
}
