package dev.runnel.clients.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.clients.consumer.KafkaConsumer;
import dev.runnel.clients.consumer.OffsetAndMetadata;
import dev.runnel.clients.producer.KafkaProducer;
import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.common.GroupState;
import dev.runnel.common.GroupType;
import dev.runnel.common.IsolationLevel;
import dev.runnel.common.Node;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.Uuid;
import dev.runnel.common.config.ConfigResource;
import dev.runnel.common.errors.InvalidConfigurationException;
import dev.runnel.common.errors.InvalidPartitionsException;
import dev.runnel.common.errors.TopicExistsException;
import dev.runnel.common.serialization.StringDeserializer;
import dev.runnel.common.serialization.StringSerializer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** The options overloads of the admin calls, listGroups, describeCluster and AdminClient, on a real embedded log. */
class AdminOptionsIT {
    private static final TopicPartition TP = new TopicPartition("orders", 0);

    @TempDir
    Path dataDir;

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.LOG_DIR_CONFIG, dataDir.toString()));
    }

    private static void assertCause(Class<? extends Throwable> expected, Executable call) {
        assertInstanceOf(expected, assertThrows(ExecutionException.class, call).getCause());
    }

    @Test
    void shouldValidateTopicCreationWithoutCreating() throws Exception {
        try (Admin admin = admin()) {
            CreateTopicsOptions validateOnly = new CreateTopicsOptions().validateOnly(true).timeoutMs(1000);
            assertEquals(1000, validateOnly.timeoutMs());
            admin.createTopics(List.of(new NewTopic("orders", 2, (short) 1)), validateOnly).all().get();
            assertEquals(Set.of(), admin.listTopics().names().get());
            assertCause(InvalidConfigurationException.class, () -> admin.createTopics(List.of(new NewTopic("orders", 2,
                (short) 1).configs(Map.of("cleanup.policy", "shred"))), validateOnly).all().get());

            admin.createTopics(List.of(new NewTopic("orders", 2, (short) 1)), new CreateTopicsOptions()).all().get();
            assertCause(TopicExistsException.class,
                () -> admin.createTopics(List.of(new NewTopic("orders", 2, (short) 1)), validateOnly).all().get());
        }
    }

    @Test
    void shouldValidatePartitionAndConfigChangesWithoutApplyingThem() throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic("orders", 2, (short) 1))).all().get();
            admin.createPartitions(Map.of("orders", NewPartitions.increaseTo(4)),
                new CreatePartitionsOptions().validateOnly(true)).all().get();
            assertCause(InvalidPartitionsException.class, () -> admin.createPartitions(Map.of("orders",
                NewPartitions.increaseTo(1)), new CreatePartitionsOptions().validateOnly(true)).all().get());
            assertEquals(2, partitionCount(admin));

            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "orders");
            AlterConfigsOptions validateOnly = new AlterConfigsOptions().validateOnly(true);
            admin.incrementalAlterConfigs(Map.of(topic, List.of(new AlterConfigOp(new ConfigEntry("retention.ms",
                "1000"), AlterConfigOp.OpType.SET))), validateOnly).all().get();
            assertCause(InvalidConfigurationException.class, () -> admin.incrementalAlterConfigs(Map.of(topic,
                List.of(new AlterConfigOp(new ConfigEntry("retention.ms", "soon"), AlterConfigOp.OpType.SET))),
                validateOnly).all().get());
            Config config = admin.describeConfigs(List.of(topic), new DescribeConfigsOptions().includeSynonyms(true))
                .all().get().get(topic);
            assertEquals(ConfigEntry.ConfigSource.DEFAULT_CONFIG, config.get("retention.ms").source());

            admin.deleteTopics(List.of("orders"), new DeleteTopicsOptions().retryOnQuotaViolation(false)).all().get();
            assertEquals(Set.of(), admin.listTopics(new ListTopicsOptions().listInternal(false)).names().get());
        }
    }

    private static int partitionCount(Admin admin) throws Exception {
        return admin.describeTopics(List.of("orders"), new DescribeTopicsOptions()).allTopicNames().get()
            .get("orders").partitions().size();
    }

    @Test
    void shouldListTheLastStableOffsetAsLatestUnderReadCommitted() throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic("orders", 1, (short) 1))).all().get();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("log.dir", dataDir.toString(),
                    "linger.ms", 0, "transactional.id", "tx"), new StringSerializer(), new StringSerializer())) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>("orders", "committed")).get();
                producer.commitTransaction();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>("orders", "open")).get();
                // Offsets: 0 committed record, 1 its commit marker, 2 the open transaction's record.
                assertEquals(3, latest(admin, new ListOffsetsOptions()));
                assertEquals(2, latest(admin, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)));
                producer.commitTransaction();
                assertEquals(4, latest(admin, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)));
            }
        }
    }

    private static long latest(Admin admin, ListOffsetsOptions options) throws Exception {
        return admin.listOffsets(Map.of(TP, OffsetSpec.latest()), options).partitionResult(TP).get().offset();
    }

    @Test
    void shouldFilterConsumerGroupsByStateAndType() throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic("orders", 2, (short) 1))).all().get();
            TopicPartition tp1 = new TopicPartition("orders", 1);
            admin.alterConsumerGroupOffsets("billing", Map.of(TP, new OffsetAndMetadata(0), tp1,
                new OffsetAndMetadata(0)), new AlterConsumerGroupOffsetsOptions()).all().get();
            assertEquals(List.of("billing"), groupIds(admin, new ListConsumerGroupsOptions()
                .inGroupStates(Set.of(GroupState.EMPTY)).withTypes(Set.of(GroupType.CLASSIC))));
            assertEquals(List.of(), groupIds(admin, new ListConsumerGroupsOptions()
                .inGroupStates(Set.of(GroupState.STABLE))));
            assertEquals(List.of(), groupIds(admin, new ListConsumerGroupsOptions()
                .withTypes(Set.of(GroupType.CONSUMER))));
            admin.deleteConsumerGroupOffsets("billing", Set.of(tp1), new DeleteConsumerGroupOffsetsOptions()).all()
                .get();
            assertEquals(Map.of(TP, new OffsetAndMetadata(0)), admin.listConsumerGroupOffsets("billing",
                new ListConsumerGroupOffsetsOptions().requireStable(true)).partitionsToOffsetAndMetadata().get());
            assertEquals(Set.of("billing"), admin.describeConsumerGroups(List.of("billing"),
                new DescribeConsumerGroupsOptions()).all().get().keySet());
            admin.deleteConsumerGroups(List.of("billing"), new DeleteConsumerGroupsOptions()).all().get();
            assertEquals(List.of(), groupIds(admin, new ListConsumerGroupsOptions()));
        }
    }

    private static List<String> groupIds(Admin admin, ListConsumerGroupsOptions options) throws Exception {
        Collection<ConsumerGroupListing> listings = admin.listConsumerGroups(options).all().get();
        return listings.stream().map(ConsumerGroupListing::groupId).toList();
    }

    @Test
    void shouldListGroupsWithTheirProtocolTypeAndFilterThem() throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic("orders", 1, (short) 1))).all().get();
            admin.alterConsumerGroupOffsets("simple", Map.of(TP, new OffsetAndMetadata(0))).all().get();
            try (KafkaConsumer<String, String> member = new KafkaConsumer<>(Map.of("log.dir", dataDir.toString(),
                    "group.id", "joined"), new StringDeserializer(), new StringDeserializer())) {
                member.subscribe(List.of("orders"));
                while (member.assignment().isEmpty()) {
                    member.poll(Duration.ofMillis(100));
                }
                GroupListing simple = new GroupListing("simple", Optional.of(GroupType.CLASSIC), "",
                    Optional.of(GroupState.EMPTY));
                GroupListing joined = new GroupListing("joined", Optional.of(GroupType.CLASSIC), "consumer",
                    Optional.of(GroupState.STABLE));
                assertTrue(simple.isSimpleConsumerGroup());
                assertFalse(joined.isSimpleConsumerGroup());
                assertEquals(Set.of(simple, joined), Set.copyOf(admin.listGroups().all().get()));
                assertEquals(Set.of(simple, joined),
                    Set.copyOf(admin.listGroups(ListGroupsOptions.forConsumerGroups()).all().get()));
                assertEquals(List.of(), List.copyOf(admin.listGroups(ListGroupsOptions.forShareGroups()).all().get()));
                assertEquals(List.of(joined), List.copyOf(admin.listGroups(new ListGroupsOptions()
                    .withProtocolTypes(Set.of("consumer"))).all().get()));
                assertEquals(List.of(simple), List.copyOf(admin.listGroups(new ListGroupsOptions()
                    .inGroupStates(Set.of(GroupState.EMPTY))).all().get()));
            }
        }
    }

    @Test
    void shouldDescribeTheEmbeddedLogAsOneNodeWithAClusterIdThatSurvivesARestart() throws Exception {
        String clusterId;
        try (Admin admin = admin()) {
            DescribeClusterResult cluster = admin.describeCluster();
            assertEquals(List.of(Node.EMBEDDED), List.copyOf(cluster.nodes().get()));
            assertEquals(Node.EMBEDDED, cluster.controller().get());
            clusterId = cluster.clusterId().get();
            assertEquals(clusterId, Uuid.fromString(clusterId).toString());
        }
        assertTrue(Files.exists(dataDir.resolve("meta.properties")));
        Properties properties = new Properties();
        properties.setProperty("log.dir", dataDir.toString());
        try (AdminClient admin = AdminClient.create(properties)) {
            assertInstanceOf(KafkaAdminClient.class, admin);
            assertEquals(clusterId, admin.describeCluster(new DescribeClusterOptions()).clusterId().get());
        }
    }

    @Test
    void shouldRefuseAClientInstanceIdAsKafkaDoesWithoutTelemetry() {
        try (Admin admin = admin()) {
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> admin.clientInstanceId(Duration.ofSeconds(1)));
            assertTrue(refused.getMessage().contains("Telemetry is not enabled"), refused.getMessage());
        }
    }

    @Test
    void shouldGiveEachDataFolderItsOwnClusterId(@TempDir Path otherDir) throws Exception {
        try (Admin admin = admin(); Admin other = Admin.create(Map.of("log.dir", otherDir.toString()))) {
            String id = admin.describeCluster().clusterId().get();
            assertNotEquals(id, other.describeCluster().clusterId().get());
            assertFalse(Uuid.RESERVED.contains(Uuid.fromString(id)));
        }
    }
}
