package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.errors.TopologyException;
import dev.runnel.streams.internal.graph.InternalTopologyBuilder;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.Grouped;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.kstream.Produced;
import dev.runnel.streams.processor.api.Processor;
import dev.runnel.streams.processor.api.Record;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Sources that read topics by regular expression: matching, validation, reset policies and description. */
class PatternSourceTest {
    private static final Pattern ORDERS = Pattern.compile("orders-.*");

    private static final class Noop implements Processor<Object, Object, Object, Object> {
        @Override
        public void process(Record<Object, Object> record) {
        }
    }

    @Test
    void shouldReadEveryTopicWhoseWholeNameMatches() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(ORDERS, Consumed.with(Serdes.String(), Serdes.String()))
            .mapValues(value -> "seen:" + value)
            .to("out", Produced.with(Serdes.String(), Serdes.String()));
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
            for (String topic : List.of("orders-eu", "orders-us")) {
                driver.createInputTopic(topic, Serdes.String().serializer(), Serdes.String().serializer())
                    .pipeInput("k", topic);
            }
            TestOutputTopic<String, String> out =
                driver.createOutputTopic("out", Serdes.String().deserializer(), Serdes.String().deserializer());
            assertEquals(List.of("seen:orders-eu", "seen:orders-us"), out.readValuesToList());
            TestInputTopic<String, String> partial = driver.createInputTopic("my-orders-eu",
                Serdes.String().serializer(), Serdes.String().serializer());
            assertThrows(IllegalArgumentException.class, () -> partial.pipeInput("k", "v"),
                "a pattern must match the whole name");
        }
    }

    @Test
    void shouldNeverFeedTheApplicationsInternalTopicsToAPattern() {
        // The application id makes the repartition topic and the changelog match the pattern by name.
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(Pattern.compile("in-.*"), Consumed.with(Serdes.String(), Serdes.String()))
            .groupBy((key, value) -> value, Grouped.with(Serdes.String(), Serdes.String()))
            .count(Materialized.as("counts"))
            .toStream()
            .to("counted", Produced.with(Serdes.String(), Serdes.Long()));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "in-app");
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props)) {
            TestInputTopic<String, String> input =
                driver.createInputTopic("in-clicks", Serdes.String().serializer(), Serdes.String().serializer());
            input.pipeInput("a", "home");
            input.pipeInput("b", "home");
            TestOutputTopic<String, Long> counted =
                driver.createOutputTopic("counted", Serdes.String().deserializer(), Serdes.Long().deserializer());
            assertEquals(List.of(KeyValue.pair("home", 1L), KeyValue.pair("home", 2L)), counted.readKeyValuesToList());
            assertTrue(driver.producedTopicNames().contains("in-app-counts-changelog"),
                "the changelog matches the pattern by name: " + driver.producedTopicNames());
        }
    }

    @Test
    void shouldRejectAPatternAndANamedSourceReadingTheSameTopic() {
        // As in Kafka Streams, the DSL's clashes fail the build, and the processor API's the call.
        StreamsBuilder namedFirst = new StreamsBuilder();
        namedFirst.stream("orders-eu");
        namedFirst.stream(ORDERS);
        TopologyException patternAfter = assertThrows(TopologyException.class, namedFirst::build);
        assertTrue(patternAfter.getMessage().startsWith("Invalid topology: Pattern orders-.*"),
            patternAfter.getMessage());

        StreamsBuilder patternFirst = new StreamsBuilder();
        patternFirst.stream(ORDERS);
        patternFirst.stream("orders-us");
        TopologyException namedAfter = assertThrows(TopologyException.class, patternFirst::build);
        assertEquals("Invalid topology: Topic orders-us matches a Pattern already registered by another source.",
            namedAfter.getMessage());

        Topology topology = new Topology().addSource("first", ORDERS);
        assertThrows(TopologyException.class, () -> topology.addSource("second", Pattern.compile("orders-.*")));
    }

    @Test
    void shouldRejectATopicThatTwoPatternsMatchWhenItIsSeen() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(ORDERS, Consumed.with(Serdes.String(), Serdes.String())).to("out");
        builder.stream(Pattern.compile(".*-eu"), Consumed.with(Serdes.String(), Serdes.String())).to("out");
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
            TestInputTopic<String, String> both =
                driver.createInputTopic("orders-eu", Serdes.String().serializer(), Serdes.String().serializer());
            TopologyException error = assertThrows(TopologyException.class, () -> both.pipeInput("k", "v"));
            assertTrue(error.getMessage().contains("Topic orders-eu is matched by pattern orders-.*"),
                error.getMessage());
        }
    }

    @Test
    void shouldStartAPatternTopicAsItsSourcesResetPolicySays() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(ORDERS, Consumed.<String, String>with(AutoOffsetReset.latest()))
            .groupByKey()
            .count(Materialized.as("order-counts"));
        builder.stream(Pattern.compile("audit-.*")).to("audit");
        InternalTopologyBuilder internal = builder.build().internalTopologyBuilder();
        internal.setApplicationId("app");
        assertEquals(Optional.of(AutoOffsetReset.latest()), internal.offsetResetPolicy("orders-eu"));
        assertEquals(Optional.empty(), internal.offsetResetPolicy("audit-eu"), "no policy of its own: the config");
        assertEquals(Optional.empty(), internal.offsetResetPolicy("unrelated"));
    }

    @Test
    void shouldDescribeAPatternSourceAsKafkaStreamsDoes() {
        Topology topology = new Topology()
            .addSource("orders", ORDERS)
            .addProcessor("noop", Noop::new, "orders");
        TopologyDescription.Source source = (TopologyDescription.Source) topology.describe().subtopologies()
            .iterator().next().nodes().stream().filter(node -> node.name().equals("orders")).findFirst().orElseThrow();
        assertEquals(ORDERS.pattern(), source.topicPattern().pattern());
        assertNull(source.topicSet());
        assertTrue(topology.describe().toString().contains("Source: orders (topics: orders-.*)\n"),
            topology.describe().toString());
    }
}
