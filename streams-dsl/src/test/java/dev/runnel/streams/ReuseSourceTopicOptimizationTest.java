package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.common.serialization.Serdes;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.internal.graph.InternalTopologyBuilder;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.KTable;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.state.KeyValueStore;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** {@code reuse.ktable.source.topics}: a source table's store takes its topic as changelog, only when enabled. */
class ReuseSourceTopicOptimizationTest {
    private static final String EXPECTED_DESCRIPTION = "Topologies:\n"
        + "   Sub-topology: 0\n"
        + "    Source: KSTREAM-SOURCE-0000000002 (topics: [orders])\n"
        + "      --> KSTREAM-JOIN-0000000003\n"
        + "    Processor: KSTREAM-JOIN-0000000003 (stores: [users-store])\n"
        + "      --> KSTREAM-SINK-0000000004\n"
        + "      <-- KSTREAM-SOURCE-0000000002\n"
        + "    Source: KSTREAM-SOURCE-0000000000 (topics: [users])\n"
        + "      --> KTABLE-SOURCE-0000000001\n"
        + "    Sink: KSTREAM-SINK-0000000004 (topic: enriched)\n"
        + "      <-- KSTREAM-JOIN-0000000003\n"
        + "    Processor: KTABLE-SOURCE-0000000001 (stores: [users-store])\n"
        + "      --> none\n"
        + "      <-- KSTREAM-SOURCE-0000000000\n\n";

    /** The users table (store users-store) joined by the orders stream, written to enriched. */
    static StreamsBuilder usersAndOrders() {
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, String> users = builder.table("users", Consumed.with(Serdes.String(), Serdes.String()),
            Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as("users-store"));
        builder.stream("orders", Consumed.with(Serdes.String(), Serdes.String()))
            .join(users, (order, city) -> order + "@" + city)
            .to("enriched");
        return builder;
    }

    private static Properties optimization(String value) {
        Properties props = new Properties();
        props.put(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, value);
        return props;
    }

    private static Map<String, String> sourceChangelogs(Topology topology) {
        InternalTopologyBuilder internal = topology.internalTopologyBuilder();
        return internal.sourceChangelogTopics();
    }

    @Test
    void shouldUseTheSourceTopicAsChangelogWhenEnabled() {
        for (String value : new String[] {StreamsConfig.OPTIMIZE, StreamsConfig.REUSE_KTABLE_SOURCE_TOPICS,
            StreamsConfig.MERGE_REPARTITION_TOPICS + "," + StreamsConfig.REUSE_KTABLE_SOURCE_TOPICS}) {
            Topology topology = usersAndOrders().build(optimization(value));
            assertEquals(Map.of("users-store", "users"), sourceChangelogs(topology), value);
            assertEquals(EXPECTED_DESCRIPTION, topology.describe().toString(), "describe() is Kafka's, as without");
        }
    }

    @Test
    void shouldKeepTheChangelogTopicOtherwise() {
        for (String value : new String[] {StreamsConfig.NO_OPTIMIZATION, StreamsConfig.MERGE_REPARTITION_TOPICS,
            StreamsConfig.SINGLE_STORE_SELF_JOIN}) {
            Topology topology = usersAndOrders().build(optimization(value));
            assertTrue(sourceChangelogs(topology).isEmpty(), value);
            assertEquals(EXPECTED_DESCRIPTION, topology.describe().toString());
        }
        assertTrue(sourceChangelogs(usersAndOrders().build()).isEmpty(), "build() without properties never optimizes");
        assertTrue(sourceChangelogs(usersAndOrders().build(new Properties())).isEmpty(), "none is the default");
    }
}
