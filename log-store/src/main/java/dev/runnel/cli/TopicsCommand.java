package dev.runnel.cli;

import dev.runnel.clients.admin.Admin;
import dev.runnel.clients.admin.AlterConfigOp;
import dev.runnel.clients.admin.Config;
import dev.runnel.clients.admin.ConfigEntry;
import dev.runnel.clients.admin.DeletedRecords;
import dev.runnel.clients.admin.NewPartitions;
import dev.runnel.clients.admin.NewTopic;
import dev.runnel.clients.admin.RecordsToDelete;
import dev.runnel.clients.admin.TopicDescription;
import dev.runnel.common.KafkaFuture;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.config.ConfigResource;
import dev.runnel.common.config.TopicConfig;
import dev.runnel.common.errors.TopicExistsException;
import dev.runnel.common.errors.UnknownTopicOrPartitionException;
import dev.runnel.log.RunnelLog;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code runnel topics}: creates, lists, describes, alters, deletes and compacts topics, printing what Kafka's
 * {@code kafka-topics} prints, and deletes a partition's records as {@code kafka-delete-records} does. Not
 * thread-safe; runs once.
 */
@Command(name = "topics", sortOptions = false,
    description = "Create, list, describe, alter, delete or compact topics (like kafka-topics); delete records.")
final class TopicsCommand extends RunnelCommand {
    @ArgGroup(exclusive = true, multiplicity = "1")
    Action action;

    @Option(names = "--topic", paramLabel = "TOPIC", description = "The topic to act on.")
    String topic;

    @Option(names = "--partitions", paramLabel = "N",
        description = "Partitions of a new topic (default 1), or the new, larger count with --alter.")
    Integer partitions;

    @Option(names = "--replication-factor", paramLabel = "1",
        description = "Accepted for Kafka scripts; the embedded log keeps one replica, so only 1 is valid.")
    Integer replicationFactor;

    @Option(names = "--config", paramLabel = "KEY=VALUE", mapFallbackValue = "",
        description = "A topic config to set with --create or --alter, e.g. cleanup.policy=compact. Repeatable.")
    Map<String, String> configs = new LinkedHashMap<>();

    @Option(names = "--delete-config", paramLabel = "KEY",
        description = "A topic config to reset to its default with --alter. Repeatable.")
    List<String> deleteConfigs = new ArrayList<>();

    @Option(names = "--partition", paramLabel = "P", description = "The partition of --delete-records.")
    Integer partition;

    @Option(names = "--offset", paramLabel = "N",
        description = "With --delete-records: delete the records before this offset; -1 deletes them all.")
    Long offset;

    @Option(names = "--if-not-exists", description = "With --create: do nothing if the topic exists.")
    boolean ifNotExists;

    @Option(names = "--if-exists", description = "With --alter, --delete or --describe: do nothing if the topic "
        + "does not exist.")
    boolean ifExists;

    /** Exactly one of these is given. */
    static final class Action {
        @Option(names = "--create", required = true, description = "Create --topic.")
        boolean create;
        @Option(names = "--list", required = true, description = "List the topics.")
        boolean list;
        @Option(names = "--describe", required = true,
            description = "Describe --topic, or every topic: partitions and overridden configs.")
        boolean describe;
        @Option(names = "--alter", required = true,
            description = "Add partitions to --topic or change its configs.")
        boolean alter;
        @Option(names = "--delete", required = true, description = "Delete --topic and its data.")
        boolean delete;
        @Option(names = "--compact", required = true,
            description = "Compact --topic now (cleanup.policy=compact), whatever its dirty ratio.")
        boolean compact;
        @Option(names = "--delete-records", required = true, description = "Delete the records of --topic's "
            + "--partition before --offset, moving its log start offset (like kafka-delete-records).")
        boolean deleteRecords;
    }

    TopicsCommand(StandardStreams io) {
        super(io);
    }

    @Override
    public Integer call() throws Exception {
        checkOptions();
        if (action.compact) {
            return compact();
        }
        try (Admin admin = Admin.create(clientConfig())) {
            if (action.create) {
                create(admin);
            } else if (action.list) {
                await(admin.listTopics().names()).forEach(io.out()::println);
            } else if (action.describe) {
                describe(admin);
            } else if (action.alter) {
                alter(admin);
            } else if (action.deleteRecords) {
                deleteRecords(admin);
            } else {
                delete(admin);
            }
        }
        return 0;
    }

    private void checkOptions() {
        if (!action.list && topic == null && !action.describe) {
            throw usageError(actionName() + " needs --topic TOPIC");
        }
        if (!action.create && !action.alter) {
            if (partitions != null || !configs.isEmpty()) {
                throw usageError("--partitions and --config go with --create or --alter, not with " + actionName());
            }
        }
        if (!action.alter && !deleteConfigs.isEmpty()) {
            throw usageError("--delete-config goes with --alter, not with " + actionName());
        }
        if (replicationFactor != null && (!action.create || replicationFactor != 1)) {
            throw usageError("--replication-factor must be 1 and goes with --create: the embedded log keeps one "
                + "replica of each partition");
        }
        if (action.deleteRecords ? partition == null || offset == null : partition != null || offset != null) {
            throw usageError("--delete-records needs --partition P and --offset N, and they go with it only");
        }
        if (ifNotExists && !action.create) {
            throw usageError("--if-not-exists goes with --create");
        }
        if (action.alter && partitions == null && configs.isEmpty() && deleteConfigs.isEmpty()) {
            throw usageError("--alter needs --partitions N, --config KEY=VALUE or --delete-config KEY");
        }
        for (Map.Entry<String, String> config : configs.entrySet()) {
            if (config.getValue().isEmpty()) {
                throw usageError("--config " + config.getKey() + " has no value; write it as KEY=VALUE");
            }
        }
    }

    private String actionName() {
        return action.create ? "--create" : action.list ? "--list" : action.describe ? "--describe"
            : action.alter ? "--alter" : action.delete ? "--delete" : action.compact ? "--compact"
            : "--delete-records";
    }

    private void create(Admin admin) throws InterruptedException {
        NewTopic newTopic = new NewTopic(topic, partitions == null ? 1 : partitions, (short) 1).configs(configs);
        try {
            await(admin.createTopics(List.of(newTopic)).all());
        } catch (TopicExistsException e) {
            if (ifNotExists) {
                return;
            }
            throw new CommandFailedException("Topic '" + topic + "' already exists; choose another name, add "
                + "--if-not-exists, or change it with --alter");
        }
        io.out().println("Created topic " + topic + ".");
    }

    private void describe(Admin admin) throws InterruptedException {
        Collection<String> names = topic != null ? List.of(topic) : await(admin.listTopics().names());
        Map<String, TopicDescription> descriptions;
        try {
            descriptions = await(admin.describeTopics(names).allTopicNames());
        } catch (UnknownTopicOrPartitionException e) {
            if (ifExists) {
                return;
            }
            throw e;
        }
        PrintStream out = io.out();
        for (TopicDescription description : descriptions.values()) {
            String name = description.name();
            int partitionCount = description.partitions().size();
            out.println("Topic: " + name + "\tPartitionCount: " + partitionCount + "\tReplicationFactor: 1\tConfigs: "
                + overriddenConfigs(admin, name));
            for (int p = 0; p < partitionCount; p++) {
                out.println("\tTopic: " + name + "\tPartition: " + p + "\tLeader: 0\tReplicas: 0\tIsr: 0");
            }
        }
    }

    private static String overriddenConfigs(Admin admin, String name) throws InterruptedException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, name);
        Config config = await(admin.describeConfigs(List.of(resource)).all()).get(resource);
        StringJoiner joiner = new StringJoiner(",");
        for (ConfigEntry entry : config.entries()) {
            if (entry.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG) {
                joiner.add(entry.name() + "=" + entry.value());
            }
        }
        return joiner.toString();
    }

    /**
     * Checks the partition count first and applies the configs (validated as a whole) before adding partitions, so
     * that a refused change leaves the topic as it was.
     */
    private void alter(Admin admin) throws InterruptedException {
        int current;
        try {
            current = await(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic).partitions().size();
        } catch (UnknownTopicOrPartitionException e) {
            if (ifExists) {
                return;
            }
            throw e;
        }
        if (partitions != null && partitions <= current) {
            throw new CommandFailedException("Topic '" + topic + "' has " + current + " partition(s); the count can "
                + "only grow, so --partitions " + partitions + " is refused. To have fewer partitions, create a new "
                + "topic and copy the records into it");
        }
        if (!configs.isEmpty() || !deleteConfigs.isEmpty()) {
            List<AlterConfigOp> ops = new ArrayList<>();
            configs.forEach((key, value) ->
                ops.add(new AlterConfigOp(new ConfigEntry(key, value), AlterConfigOp.OpType.SET)));
            deleteConfigs.forEach(key ->
                ops.add(new AlterConfigOp(new ConfigEntry(key, null), AlterConfigOp.OpType.DELETE)));
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            await(admin.incrementalAlterConfigs(Map.of(resource, ops)).all());
            io.out().println("Completed updating config for topic " + topic + ".");
        }
        if (partitions != null) {
            await(admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(partitions))).all());
            io.out().println("Increased the partition count of topic " + topic + " from " + current + " to "
                + partitions + ".");
        }
    }

    private void delete(Admin admin) throws InterruptedException {
        try {
            await(admin.deleteTopics(List.of(topic)).all());
        } catch (UnknownTopicOrPartitionException e) {
            if (ifExists) {
                return;
            }
            throw e;
        }
        io.out().println("Deleted topic " + topic + ".");
    }

    private void deleteRecords(Admin admin) throws InterruptedException {
        TopicPartition tp = new TopicPartition(topic, partition);
        KafkaFuture<DeletedRecords> deleted = admin.deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(offset)))
            .lowWatermarks().get(tp);
        // Awaited first: a refused delete prints only its error, not a completion header.
        long lowWatermark = await(deleted).lowWatermark();
        io.out().println("Records delete operation completed:");
        io.out().println("partition: " + tp + "\tlow_watermark: " + lowWatermark);
    }

    private int compact() {
        try (RunnelLog log = RunnelLog.open(dataDir)) {
            if (!log.topicConfig(topic).compact()) {
                throw new CommandFailedException("Topic '" + topic + "' has " + TopicConfig.CLEANUP_POLICY_CONFIG + "="
                    + log.topicConfig(topic).toMap().get(TopicConfig.CLEANUP_POLICY_CONFIG) + "; only compacted "
                    + "topics are compacted. Set it with: runnel topics --alter --topic " + topic + " --config "
                    + TopicConfig.CLEANUP_POLICY_CONFIG + "=compact");
            }
            int cleaned = log.compact(topic);
            io.out().println("Compacted topic " + topic + ": " + cleaned + " segment(s) cleaned in "
                + log.partitionCount(topic) + " partition(s).");
        }
        return 0;
    }

    /** Waits for an admin call and throws its own, Kafka-named error rather than an {@link ExecutionException}. */
    static <T> T await(KafkaFuture<T> future) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
