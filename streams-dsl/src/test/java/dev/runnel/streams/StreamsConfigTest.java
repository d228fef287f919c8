package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.common.errors.InvalidConfigurationException;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.errors.DefaultProductionExceptionHandler;
import dev.runnel.streams.errors.LogAndFailExceptionHandler;
import dev.runnel.streams.processor.FailOnInvalidTimestamp;
import java.util.Map;
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
            assertThrows(InvalidConfigurationException.class, config::defaultKeySerde).getMessage());
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
            assertThrows(InvalidConfigurationException.class, () -> new StreamsConfig(Map.of())).getMessage());
        assertEquals("Invalid value exactly_twice for configuration processing.guarantee: expected one of",
            assertThrows(InvalidConfigurationException.class, () -> new StreamsConfig(Map.of(
                StreamsConfig.APPLICATION_ID_CONFIG, "app", StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
                "exactly_twice"))).getMessage().substring(0, 83));
        assertEquals("Invalid value 0 for configuration num.stream.threads: expected at least 1",
            assertThrows(InvalidConfigurationException.class, () -> new StreamsConfig(Map.of(
                StreamsConfig.APPLICATION_ID_CONFIG, "app", StreamsConfig.NUM_STREAM_THREADS_CONFIG, "0")))
                .getMessage());
    }
}
