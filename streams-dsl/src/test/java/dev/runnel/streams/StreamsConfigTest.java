package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.clients.consumer.ConsumerConfig;
import dev.runnel.clients.producer.ProducerConfig;
import dev.runnel.common.Configurable;
import dev.runnel.common.config.AbstractConfig;
import dev.runnel.common.config.ConfigDef;
import dev.runnel.common.config.ConfigException;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.errors.DefaultProductionExceptionHandler;
import dev.runnel.streams.errors.LogAndContinueExceptionHandler;
import dev.runnel.streams.errors.LogAndFailExceptionHandler;
import dev.runnel.streams.processor.FailOnInvalidTimestamp;
import dev.runnel.streams.processor.assignment.TaskAssignor;
import dev.runnel.streams.processor.assignment.assignors.StickyTaskAssignor;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Kafka's keys and defaults, validated once. */
class StreamsConfigTest {
    @Test
    void shouldApplyKafkaDefaults() {
        StreamsConfig config = new StreamsConfig(Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "app"));
        assertEquals(30_000L, config.getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG));
        assertEquals(10_485_760L, config.getLong(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG));
        assertEquals(1, config.getInt(StreamsConfig.NUM_STREAM_THREADS_CONFIG));
        assertEquals("at_least_once", config.getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
        assertEquals("none", config.getString(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG));
        assertEquals(-1, config.getInt(StreamsConfig.REPLICATION_FACTOR_CONFIG));
        assertNull(config.getString(StreamsConfig.LOG_DIR_CONFIG));
        assertTrue(config.defaultTimestampExtractor() instanceof FailOnInvalidTimestamp);
        assertTrue(config.deserializationExceptionHandler() instanceof LogAndFailExceptionHandler);
        assertTrue(config.productionExceptionHandler() instanceof DefaultProductionExceptionHandler);
        assertEquals("Please specify a key serde or set one through StreamsConfig#DEFAULT_KEY_SERDE_CLASS_CONFIG",
            assertThrows(ConfigException.class, config::defaultKeySerde).getMessage());
    }

    @Test
    void shouldCommitEvery100MsUnderExactlyOnce() {
        for (String guarantee : new String[] {StreamsConfig.EXACTLY_ONCE_V2, StreamsConfig.EXACTLY_ONCE}) {
            StreamsConfig config = new StreamsConfig(Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "app",
                StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee));
            assertEquals(100L, config.getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG), guarantee);
        }
    }

    @Test
    void shouldCreateConfiguredSerdesFromClassesOrNames() {
        StreamsConfig config = new StreamsConfig(Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "app",
            StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class,
            StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.LongSerde.class.getName(),
            StreamsConfig.LOG_DIR_CONFIG, "data"));
        assertTrue(config.defaultKeySerde() instanceof Serdes.StringSerde);
        assertTrue(config.defaultValueSerde() instanceof Serdes.LongSerde);
        assertEquals("data", config.getString(StreamsConfig.LOG_DIR_CONFIG));
    }

    @Test
    void shouldRejectBadValuesNamingKeyAndValue() {
        assertEquals("Missing required configuration \"application.id\" which has no default value.",
            assertThrows(ConfigException.class, () -> new StreamsConfig(Map.of())).getMessage());
        assertEquals("Invalid value exactly_twice for configuration processing.guarantee: String must be one of:"
            + " at_least_once, exactly_once_v2, exactly_once",
            assertThrows(ConfigException.class, () -> new StreamsConfig(Map.of(
                StreamsConfig.APPLICATION_ID_CONFIG, "app", StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
                "exactly_twice"))).getMessage());
        assertEquals("Invalid value 0 for configuration num.stream.threads: Value must be at least 1",
            assertThrows(ConfigException.class, () -> new StreamsConfig(Map.of(
                StreamsConfig.APPLICATION_ID_CONFIG, "app", StreamsConfig.NUM_STREAM_THREADS_CONFIG, "0")))
                .getMessage());
    }

    @Test
    void shouldAcceptKafkasOtherKeysWithKafkasDefaults() {
        StreamsConfig config = config(Map.of());
        assertEquals(10_000L, config.getLong(StreamsConfig.ACCEPTABLE_RECOVERY_LAG_CONFIG));
        assertEquals(2, config.getInt(StreamsConfig.MAX_WARMUP_REPLICAS_CONFIG));
        assertEquals(600_000L, config.getLong(StreamsConfig.PROBING_REBALANCE_INTERVAL_MS_CONFIG));
        assertEquals(300_000L, config.getLong(StreamsConfig.TASK_TIMEOUT_MS_CONFIG));
        assertEquals(600_000L, config.getLong(StreamsConfig.STATE_CLEANUP_DELAY_MS_CONFIG));
        assertEquals(86_400_000L, config.getLong(StreamsConfig.WINDOW_STORE_CHANGE_LOG_ADDITIONAL_RETENTION_MS_CONFIG));
        assertEquals(StreamsConfig.METRICS_LATEST, config.getString(StreamsConfig.BUILT_IN_METRICS_VERSION_CONFIG));
        assertEquals("classic", config.getString(StreamsConfig.GROUP_PROTOCOL_CONFIG));
        assertEquals(List.of(), config.values().get(StreamsConfig.METRIC_REPORTER_CLASSES_CONFIG));
        assertEquals(true, config.values().get(StreamsConfig.ENABLE_METRICS_PUSH_CONFIG));
        assertNull(config.getString(StreamsConfig.UPGRADE_FROM_CONFIG));
        assertTrue(StreamsConfig.configDef().names().containsAll(List.of(StreamsConfig.APPLICATION_ID_CONFIG,
            StreamsConfig.TASK_TIMEOUT_MS_CONFIG, StreamsConfig.CACHE_MAX_BYTES_BUFFERING_CONFIG)));
    }

    @Test
    void shouldValidateKafkasOtherKeysAsKafkaDoes() {
        assertEquals("Invalid value 59999 for configuration probing.rebalance.interval.ms: Value must be at least"
            + " 60000", rejected(StreamsConfig.PROBING_REBALANCE_INTERVAL_MS_CONFIG, 59_999L));
        assertEquals("Invalid value 0 for configuration max.warmup.replicas: Value must be at least 1",
            rejected(StreamsConfig.MAX_WARMUP_REPLICAS_CONFIG, "0"));
        assertEquals("Invalid value 1.9 for configuration upgrade.from: String must be one of: null, 2.4, 2.5, 2.6,"
            + " 2.7, 2.8, 3.0, 3.1, 3.2, 3.3, 3.4, 3.5, 3.6, 3.7, 3.8, 3.9, 4.0, 4.1, 4.2",
            rejected(StreamsConfig.UPGRADE_FROM_CONFIG, "1.9"));
        assertEquals("Invalid value maybe for configuration enable.metrics.push: Expected value to be either true or"
            + " false", rejected(StreamsConfig.ENABLE_METRICS_PUSH_CONFIG, "maybe"));
        rejected(StreamsConfig.RACK_AWARE_ASSIGNMENT_STRATEGY_CONFIG, "nearest");
        rejected(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, "no.such.Setter");
        assertEquals("sasl_ssl", config(Map.of(StreamsConfig.SECURITY_PROTOCOL_CONFIG, "sasl_ssl"))
            .getString(StreamsConfig.SECURITY_PROTOCOL_CONFIG));
    }

    @Test
    void shouldValidateClientTagsAndTheRackAwareTagsNamingThem() {
        StreamsConfig config = config(Map.of(StreamsConfig.clientTagPrefix("zone"), "eu-1",
            StreamsConfig.RACK_AWARE_ASSIGNMENT_TAGS_CONFIG, "zone"));
        assertEquals(Map.of("zone", "eu-1"), config.getClientTags());
        assertEquals("Invalid value rack for configuration rack.aware.assignment.tags: it is not a client tag; set"
            + " client.tag.rack", rejected(StreamsConfig.RACK_AWARE_ASSIGNMENT_TAGS_CONFIG, "rack"));
        assertThrows(ConfigException.class, () -> config(Map.of(
            StreamsConfig.clientTagPrefix("zone"), "x".repeat(StreamsConfig.MAX_RACK_AWARE_ASSIGNMENT_TAG_VALUE_LENGTH
                + 1))));
    }

    @Test
    void shouldUseTheDeprecatedNamesOnlyWhereTheirSuccessorsAreUnset() {
        assertEquals(0L, config(Map.of(StreamsConfig.CACHE_MAX_BYTES_BUFFERING_CONFIG, "0"))
            .getLong(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG));
        assertEquals(5L, config(Map.of(StreamsConfig.CACHE_MAX_BYTES_BUFFERING_CONFIG, "0",
            StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 5L))
            .getLong(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG));
        assertTrue(config(Map.of(StreamsConfig.DEFAULT_DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
            LogAndContinueExceptionHandler.class)).defaultDeserializationExceptionHandler()
            instanceof LogAndContinueExceptionHandler);
    }

    @Test
    void shouldLayerClientConfigsFromGeneralToSpecificPrefix() {
        StreamsConfig config = config(Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10,
            StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 20,
            StreamsConfig.mainConsumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 30,
            StreamsConfig.globalConsumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 40,
            ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "member"));
        Map<String, Object> main = config.getMainConsumerConfigs("group", "app-consumer", 2);
        assertEquals(30, main.get(ConsumerConfig.MAX_POLL_RECORDS_CONFIG));
        assertEquals("group", main.get(ConsumerConfig.GROUP_ID_CONFIG));
        assertEquals("member-2", main.get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG));
        Map<String, Object> restore = config.getRestoreConsumerConfigs("app-restore-consumer");
        assertEquals(20, restore.get(ConsumerConfig.MAX_POLL_RECORDS_CONFIG));
        assertNull(restore.get(ConsumerConfig.GROUP_ID_CONFIG));
        assertEquals(40, config.getGlobalConsumerConfigs("app-global").get(ConsumerConfig.MAX_POLL_RECORDS_CONFIG));
        assertEquals("app-producer", config.getProducerConfigs("app-producer").get(ProducerConfig.CLIENT_ID_CONFIG));
    }

    @Test
    void shouldKeepTheStreamsGroupProtocolFromItsConsumers() {
        StreamsConfig config = config(Map.of(StreamsConfig.GROUP_PROTOCOL_CONFIG, "streams"));
        assertNull(config.getMainConsumerConfigs("group", "app-consumer", 1).get(ConsumerConfig.GROUP_PROTOCOL_CONFIG));
        assertNull(config.getRestoreConsumerConfigs("app-restore").get(ConsumerConfig.GROUP_PROTOCOL_CONFIG));
    }

    /**
     * As in Kafka Streams: group.protocol is classic or streams in any case, and the streams protocol refuses static
     * membership of the main consumer (whose instance id gets the thread index appended, so even an empty one counts).
     */
    @Test
    void shouldAcceptTheGroupProtocolsAndRefuseStaticMembershipUnderStreams() {
        assertEquals("Invalid value foo for configuration group.protocol: String must be one of (case insensitive):"
            + " STREAMS, CLASSIC", rejected(StreamsConfig.GROUP_PROTOCOL_CONFIG, "foo"));
        assertEquals("STREAMS", config(Map.of(StreamsConfig.GROUP_PROTOCOL_CONFIG, "STREAMS"))
            .getString(StreamsConfig.GROUP_PROTOCOL_CONFIG));
        String staticMembers = "Streams rebalance protocol does not support static membership. Please set"
            + " group.protocol=classic or remove group.instance.id from the configuration.";
        for (String key : List.of(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
            StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG))) {
            for (String instanceId : List.of("i", "")) {
                assertEquals(staticMembers, assertThrows(ConfigException.class, () -> config(Map.of(
                    StreamsConfig.GROUP_PROTOCOL_CONFIG, "streams", key, instanceId))).getMessage(), key);
            }
        }
        config(Map.of(StreamsConfig.GROUP_PROTOCOL_CONFIG, "classic", ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "i"));
        config(Map.of(StreamsConfig.GROUP_PROTOCOL_CONFIG, "streams",
            StreamsConfig.restoreConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), "i"));
        assertEquals(GroupProtocol.STREAMS, GroupProtocol.of("streams"));
        assertEquals("CLASSIC", GroupProtocol.CLASSIC.name);
        assertEquals(StreamsConfig.DEFAULT_GROUP_PROTOCOL, GroupProtocol.CLASSIC.name.toLowerCase(Locale.ROOT));
        assertEquals(DslStoreFormat.HEADERS, DslStoreFormat.of("headers"));
        assertEquals("TIMESTAMPED", DslStoreFormat.TIMESTAMPED.name);
    }

    @Test
    void shouldVerifyTopologyOptimizations() {
        assertEquals(Set.of(), StreamsConfig.verifyTopologyOptimizationConfigs(StreamsConfig.NO_OPTIMIZATION));
        assertEquals(Set.of(StreamsConfig.REUSE_KTABLE_SOURCE_TOPICS, StreamsConfig.MERGE_REPARTITION_TOPICS,
            StreamsConfig.SINGLE_STORE_SELF_JOIN), StreamsConfig.verifyTopologyOptimizationConfigs("all"));
        assertEquals(Set.of(StreamsConfig.MERGE_REPARTITION_TOPICS, StreamsConfig.SINGLE_STORE_SELF_JOIN),
            StreamsConfig.verifyTopologyOptimizationConfigs("merge.repartition.topics, single.store.self.join"));
        assertThrows(ConfigException.class,
            () -> StreamsConfig.verifyTopologyOptimizationConfigs("all,merge.repartition.topics"));
        assertThrows(ConfigException.class, () -> StreamsConfig.verifyTopologyOptimizationConfigs("x"));
    }

    @Test
    void shouldRefuseATaskAssignorClassThatIsMissingOrNoTaskAssignor() {
        String missing = rejected(StreamsConfig.TASK_ASSIGNOR_CLASS_CONFIG, "com.example.NoSuchAssignor");
        assertTrue(missing.contains("com.example.NoSuchAssignor") && missing.contains(TaskAssignor.class.getName()),
            missing);
        String notAnAssignor = rejected(StreamsConfig.TASK_ASSIGNOR_CLASS_CONFIG, String.class.getName());
        assertTrue(notAnAssignor.contains(String.class.getName()) && notAnAssignor.contains(
            TaskAssignor.class.getName()), notAnAssignor);
        assertEquals(StickyTaskAssignor.class.getName(), config(Map.of(StreamsConfig.TASK_ASSIGNOR_CLASS_CONFIG,
            StickyTaskAssignor.class.getName())).getString(StreamsConfig.TASK_ASSIGNOR_CLASS_CONFIG));
    }

    /** A plugin that keeps the configs it was configured with. */
    public static class RecordingPlugin implements Configurable {
        Map<String, ?> configs;

        @Override
        public void configure(Map<String, ?> configs) {
            this.configs = configs;
        }
    }

    /** An application's own config class, as Kafka Streams' StreamsConfig may be extended. */
    static final class AppStreamsConfig extends StreamsConfig {
        AppStreamsConfig(Map<?, ?> props) {
            super(props);
        }
    }

    @Test
    void isAnAbstractConfigThatApplicationsMayExtend() {
        AbstractConfig config = new AppStreamsConfig(Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "app",
            StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2,
            StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), "5",
            StreamsConfig.METRIC_REPORTER_CLASSES_CONFIG, RecordingPlugin.class.getName()));
        assertEquals(1, config.getInt(StreamsConfig.NUM_STREAM_THREADS_CONFIG));
        // Exactly-once's commit interval is derived after parsing, and read through the inherited getter.
        assertEquals(100L, config.getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG));
        assertEquals(ConfigDef.Type.INT, config.typeOf(StreamsConfig.NUM_STREAM_THREADS_CONFIG));
        assertEquals(Map.of(ProducerConfig.LINGER_MS_CONFIG, "5"), config.originalsWithPrefix("producer."));
        // Listed plugins are created and, being Configurable, configured with the configs as given.
        List<Configurable> plugins = config.getConfiguredInstances(StreamsConfig.METRIC_REPORTER_CLASSES_CONFIG,
            Configurable.class);
        assertEquals("app", ((RecordingPlugin) plugins.get(0)).configs.get(StreamsConfig.APPLICATION_ID_CONFIG));
        assertEquals(config, new AppStreamsConfig(config.originals()));
        assertTrue(StreamsConfig.configDef().toRst().contains("``application.id``\n"));
    }

    @Test
    void documentsItsValidatorsAsKafkaStreamsDoes() {
        ConfigDef def = StreamsConfig.configDef();
        // The documentation shows each validator's description, never a lambda's identity.
        assertFalse(def.toRst().contains("Lambda"));
        assertEquals("[all, none, reuse.ktable.source.topics, merge.repartition.topics, single.store.self.join]",
            def.configKeys().get(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG).validator.toString());
        // Kafka Streams caps the tags with ListSize: six tags exceed five.
        assertEquals("List containing maximum of 5 elements",
            def.configKeys().get(StreamsConfig.RACK_AWARE_ASSIGNMENT_TAGS_CONFIG).validator.toString());
        assertEquals("Invalid value [a, b, c, d, e, f] for configuration rack.aware.assignment.tags: exceeds maximum"
            + " list size of [5].", rejected(StreamsConfig.RACK_AWARE_ASSIGNMENT_TAGS_CONFIG, "a,b,c,d,e,f"));
    }

    private static StreamsConfig config(Map<String, Object> extra) {
        Map<String, Object> configs = new HashMap<>(extra);
        configs.put(StreamsConfig.APPLICATION_ID_CONFIG, "app");
        return new StreamsConfig(configs);
    }

    private static String rejected(String key, Object value) {
        return assertThrows(ConfigException.class, () -> config(Map.of(key, value))).getMessage();
    }
}
