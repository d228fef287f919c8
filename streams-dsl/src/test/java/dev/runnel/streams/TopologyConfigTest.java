package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.common.config.AbstractConfig;
import dev.runnel.streams.errors.LogAndContinueExceptionHandler;
import dev.runnel.streams.errors.LogAndContinueProcessingExceptionHandler;
import dev.runnel.streams.kstream.Materialized;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** TopologyConfig's public members carry Kafka Streams' values, named topologies' overrides included. */
class TopologyConfigTest {
    private static StreamsConfig config(Object... keysAndValues) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "app");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            props.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return new StreamsConfig(props);
    }

    @Test
    void shouldReadTaskTimeoutExactlyOnceAndNamingFromTheConfigs() {
        TopologyConfig defaults = new TopologyConfig(config());
        assertEquals(300_000L, defaults.taskTimeoutMs);
        assertFalse(defaults.eosEnabled);
        assertFalse(defaults.ensureExplicitInternalResourceNaming);
        assertEquals(Materialized.StoreType.ROCKS_DB, defaults.parseStoreType());

        TopologyConfig set = new TopologyConfig(config(StreamsConfig.TASK_TIMEOUT_MS_CONFIG, "5",
            StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2,
            StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, "true",
            StreamsConfig.DEFAULT_DSL_STORE_CONFIG, StreamsConfig.IN_MEMORY));
        assertEquals(5L, set.taskTimeoutMs);
        assertTrue(set.eosEnabled);
        assertTrue(set.ensureExplicitInternalResourceNaming);
        assertEquals(Materialized.StoreType.IN_MEMORY, set.parseStoreType());
    }

    @Test
    void shouldTakeANamedTopologysOverridesButTheApplicationsProcessingGuarantee() {
        Properties overrides = new Properties();
        overrides.put(StreamsConfig.TASK_TIMEOUT_MS_CONFIG, "7");
        overrides.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        TopologyConfig named = new TopologyConfig("t", config(), overrides);
        assertEquals(7L, named.taskTimeoutMs);
        assertFalse(named.eosEnabled);
    }

    @Test
    void shouldGiveATaskConfigWithNewHandlerAndExtractorInstances() {
        TopologyConfig topology = new TopologyConfig(config(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, "3",
            StreamsConfig.TASK_TIMEOUT_MS_CONFIG, "4", StreamsConfig.BUFFERED_RECORDS_PER_PARTITION_CONFIG, "5",
            StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2,
            StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class,
            StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueProcessingExceptionHandler.class));
        TopologyConfig.TaskConfig task = topology.getTaskConfig();
        assertEquals(3L, task.maxTaskIdleMs);
        assertEquals(4L, task.taskTimeoutMs);
        assertEquals(5, task.maxBufferedSize);
        assertTrue(task.eosEnabled);
        assertInstanceOf(LogAndContinueExceptionHandler.class, task.deserializationExceptionHandler);
        assertInstanceOf(LogAndContinueProcessingExceptionHandler.class, task.processingExceptionHandler);
        assertNotSame(task.processingExceptionHandler, topology.getTaskConfig().processingExceptionHandler);
        assertEquals(topology.getTaskConfig().timestampExtractor.getClass(), task.timestampExtractor.getClass());
    }

    @Test
    void isAnAbstractConfigOfTheConfigsATopologyMayOverride() {
        Properties overrides = new Properties();
        overrides.put(StreamsConfig.BUFFERED_RECORDS_PER_PARTITION_CONFIG, "7");
        AbstractConfig named = new TopologyConfig("t", config(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, "5"), overrides);
        // Parsed from the overrides alone: a key not overridden is unset, but for the four Kafka Streams gives a
        // default (default.dsl.store, dsl.store.suppliers.class, processor.wrapper.class and the naming check).
        assertEquals(7, named.getInt(StreamsConfig.BUFFERED_RECORDS_PER_PARTITION_CONFIG));
        assertNull(named.getLong(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG));
        assertEquals(StreamsConfig.ROCKS_DB, named.getString(StreamsConfig.DEFAULT_DSL_STORE_CONFIG));
        assertFalse(named.getBoolean(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG));
        assertNull(named.typeOf(StreamsConfig.APPLICATION_ID_CONFIG));
        // The application's only topology reads the application's configs.
        AbstractConfig unnamed = new TopologyConfig(config(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, "5"));
        assertEquals(5L, unnamed.getLong(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG));
    }
}
