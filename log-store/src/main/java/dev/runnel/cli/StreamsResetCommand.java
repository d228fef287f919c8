package dev.runnel.cli;

import static dev.runnel.cli.TopicsCommand.await;

import dev.runnel.clients.admin.Admin;
import dev.runnel.clients.admin.ConsumerGroupDescription;
import dev.runnel.clients.admin.ConsumerGroupListing;
import dev.runnel.clients.admin.TopicDescription;
import dev.runnel.clients.consumer.OffsetAndMetadata;
import dev.runnel.common.KafkaFuture;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.errors.GroupIdNotFoundException;
import dev.runnel.common.errors.UnknownTopicOrPartitionException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code runnel streams-reset}: Kafka's application reset tool ({@code kafka-streams-application-reset}) for a
 * Kafka Streams application on the embedded log, so that it reprocesses its input from scratch: the application's
 * committed offsets of its input topics move (to the earliest by default), those of its intermediate topics to their
 * end, and its internal topics (repartition and changelog topics, foreign-key join topics) are deleted, which deletes
 * their committed offsets too. Output topics and local state stay: an instance deletes its local state with
 * {@code KafkaStreams.cleanUp()}. Topics named as input or intermediate topics are never deleted, nor those of another
 * application whose id extends this one's ({@code app-2} for {@code app}). Not thread-safe; runs once.
 */
@Command(name = "streams-reset", sortOptions = false,
    description = "Reset a Kafka Streams application so that it reprocesses its input (like "
        + "kafka-streams-application-reset). Stop every instance first; then call KafkaStreams.cleanUp() at its start.")
final class StreamsResetCommand extends RunnelCommand {
    /** Kafka's internal topic names: the application id, a dash, a name the topology made, and one of these ends. */
    private static final Pattern INTERNAL_SUFFIX = Pattern.compile(".*(-changelog|-repartition"
        + "|-SUBSCRIPTION-REGISTRATION-\\d+-topic|-SUBSCRIPTION-RESPONSE-\\d+-topic"
        + "|-subscription-registration-topic|-subscription-response-topic)$");

    @Option(names = "--application-id", required = true, paramLabel = "ID",
        description = "The application's application.id, which is also its consumer group.")
    String applicationId;

    @Option(names = "--input-topics", split = ",", paramLabel = "TOPIC",
        description = "Input topics whose committed offsets move (to the earliest, unless another target is given).")
    List<String> inputTopics = new ArrayList<>();

    @Option(names = "--intermediate-topics", split = ",", paramLabel = "TOPIC",
        description = "Topics the application writes and reads back (through to() and stream()): skipped to the end.")
    List<String> intermediateTopics = new ArrayList<>();

    @Option(names = "--internal-topics", split = ",", paramLabel = "TOPIC",
        description = "Delete only these of the application's internal topics (default: every one found).")
    List<String> internalTopics = new ArrayList<>();

    @Mixin
    OffsetTargetOptions targetOptions = new OffsetTargetOptions();

    @Option(names = "--dry-run", description = "Only print what would be done.")
    boolean dryRun;

    @Option(names = "--force", description = "Accepted for Kafka's scripts; the embedded log keeps no members of "
        + "stopped instances to remove, and refuses while any instance runs.")
    boolean force;

    StreamsResetCommand(StandardStreams io) {
        super(io);
    }

    @Override
    public Integer call() throws InterruptedException {
        OffsetTarget target = targetOptions.target(this, OffsetTarget.earliest());
        checkOptions();
        try (Admin admin = Admin.create(clientConfig())) {
            Map<TopicPartition, OffsetAndMetadata> committed = checkInactive(admin);
            Set<String> existing = await(admin.listTopics().names());
            checkExist(existing);
            List<String> toDelete = internalTopicsToDelete(existing, otherApplications(admin));
            PrintStream out = io.out();
            if (dryRun) {
                out.println("----Dry run: what the reset would do, nothing written----");
            }
            Map<TopicPartition, Long> newOffsets = new LinkedHashMap<>();
            if (!inputTopics.isEmpty()) {
                Map<TopicPartition, Long> inputs = target.newOffsets(admin, applicationId, partitions(admin,
                    inputTopics), committed);
                printOffsets(out, "input", inputs);
                newOffsets.putAll(inputs);
            }
            if (!intermediateTopics.isEmpty()) {
                Map<TopicPartition, Long> intermediates = OffsetTarget.latest().newOffsets(admin, applicationId,
                    partitions(admin, intermediateTopics), committed);
                printOffsets(out, "intermediate", intermediates);
                newOffsets.putAll(intermediates);
            }
            out.println("Deleting internal topics " + toDelete);
            if (!dryRun) {
                commit(admin, newOffsets);
                delete(admin, toDelete);
            }
            out.println("Done. Local state stays: each instance deletes its own with KafkaStreams.cleanUp().");
        }
        return 0;
    }

    private void checkOptions() {
        if (applicationId.isBlank()) {
            throw usageError("--application-id must not be empty");
        }
        for (String topic : inputTopics) {
            if (intermediateTopics.contains(topic)) {
                throw usageError("'" + topic + "' is given as both an input and an intermediate topic; an input "
                    + "topic is reset to the target, an intermediate one skipped to its end");
            }
        }
    }

    private void commit(Admin admin, Map<TopicPartition, Long> newOffsets) throws InterruptedException {
        if (newOffsets.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> commits = new LinkedHashMap<>();
        newOffsets.forEach((tp, offset) -> commits.put(tp, new OffsetAndMetadata(offset)));
        await(admin.alterConsumerGroupOffsets(applicationId, commits).all());
        io.out().println("Committed the new offsets of " + commits.size() + " partition(s).");
    }

    /** Deletes the topics one by one; a failure names what was deleted and what is left, after trying them all. */
    private void delete(Admin admin, List<String> topics) throws InterruptedException {
        Map<String, String> failed = new LinkedHashMap<>();
        for (Map.Entry<String, KafkaFuture<Void>> deletion : admin.deleteTopics(topics).topicNameValues()
            .entrySet()) {
            try {
                await(deletion.getValue());
            } catch (RuntimeException e) {
                failed.put(deletion.getKey(), e.getMessage());
            }
        }
        if (!failed.isEmpty()) {
            throw new CommandFailedException("Could not delete " + failed + " (the rest of the reset is done); "
                + "delete them with 'runnel topics --delete --topic TOPIC'");
        }
    }

    /** Returns the group's committed offsets (none for a group that never committed); refuses a group with members. */
    private Map<TopicPartition, OffsetAndMetadata> checkInactive(Admin admin) throws InterruptedException {
        ConsumerGroupDescription description;
        try {
            description = await(admin.describeConsumerGroups(List.of(applicationId)).all()).get(applicationId);
        } catch (GroupIdNotFoundException e) {
            return Map.of();
        }
        if (!description.members().isEmpty()) {
            throw new CommandFailedException("Consumer group '" + applicationId + "' is still active with "
                + description.members().size() + " member(s); stop every instance of the application and retry");
        }
        return await(admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata());
    }

    private void checkExist(Set<String> existing) {
        List<String> missing = new ArrayList<>();
        for (String topic : inputTopics) {
            if (!existing.contains(topic)) {
                missing.add("input '" + topic + "'");
            }
        }
        for (String topic : intermediateTopics) {
            if (!existing.contains(topic)) {
                missing.add("intermediate '" + topic + "'");
            }
        }
        if (!missing.isEmpty()) {
            throw new CommandFailedException("Unknown topics: " + String.join(", ", missing) + "; check the names "
                + "with 'runnel topics --list'");
        }
    }

    /** The groups of other applications whose ids extend this one's: {@code app-2} for {@code app}. */
    private List<String> otherApplications(Admin admin) throws InterruptedException {
        List<String> others = new ArrayList<>();
        for (ConsumerGroupListing listing : await(admin.listConsumerGroups().all())) {
            if (listing.groupId().startsWith(applicationId + "-")) {
                others.add(listing.groupId());
            }
        }
        return others;
    }

    /**
     * The application's internal topics, or those of them {@code --internal-topics} names; an unknown one fails. Input
     * and intermediate topics are never internal ones, whatever their names (as in Kafka since KAFKA-7930), nor are
     * the topics of {@code otherApplications}, which are skipped with a warning.
     */
    private List<String> internalTopicsToDelete(Set<String> existing, List<String> otherApplications) {
        Set<String> found = new TreeSet<>();
        Set<String> others = new TreeSet<>();
        for (String topic : existing) {
            if (!topic.startsWith(applicationId + "-") || !INTERNAL_SUFFIX.matcher(topic).matches()
                || inputTopics.contains(topic) || intermediateTopics.contains(topic)) {
                continue;
            }
            if (otherApplications.stream().anyMatch(other -> topic.startsWith(other + "-"))) {
                others.add(topic);
            } else {
                found.add(topic);
            }
        }
        if (internalTopics.isEmpty()) {
            if (!others.isEmpty()) {
                io.err().println("WARN: Keeping " + others + ", which belong to other applications ("
                    + otherApplications + "), whose ids extend '" + applicationId + "'; name them with "
                    + "--internal-topics to delete them.");
            }
            return List.copyOf(found);
        }
        found.addAll(others);
        for (String topic : internalTopics) {
            if (!found.contains(topic)) {
                throw new CommandFailedException("'" + topic + "' is not an internal topic of application '"
                    + applicationId + "'; its internal topics are " + found);
            }
        }
        return List.copyOf(new LinkedHashSet<>(internalTopics));
    }

    private static Set<TopicPartition> partitions(Admin admin, List<String> topics) throws InterruptedException {
        Set<TopicPartition> partitions = new LinkedHashSet<>();
        Map<String, TopicDescription> descriptions;
        try {
            descriptions = await(admin.describeTopics(topics).allTopicNames());
        } catch (UnknownTopicOrPartitionException e) {
            throw new CommandFailedException(e.getMessage());
        }
        for (String topic : topics) {
            for (int p = 0; p < descriptions.get(topic).partitions().size(); p++) {
                partitions.add(new TopicPartition(topic, p));
            }
        }
        return partitions;
    }

    private void printOffsets(PrintStream out, String kind, Map<TopicPartition, Long> offsets) {
        out.println("Reset offsets of " + kind + " topics (consumer group " + applicationId + "):");
        GroupsCommand.printNewOffsets(out, applicationId, offsets);
    }
}
