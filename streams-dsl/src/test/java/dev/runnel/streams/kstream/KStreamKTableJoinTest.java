package dev.runnel.streams.kstream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runnel.streams.StreamsBuilder;
import dev.runnel.streams.TestInputTopic;
import dev.runnel.streams.TopologyDescription;
import java.util.List;
import org.junit.jupiter.api.Test;

class KStreamKTableJoinTest {
    private static JoinFixture fixture(boolean leftJoin) {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> stream = builder.stream("stream");
        KTable<String, String> table = builder.table("table");
        (leftJoin ? stream.leftJoin(table, (s, t) -> s + "+" + t) : stream.join(table, (s, t) -> s + "+" + t))
            .to("out");
        return new JoinFixture(builder.build());
    }

    @Test
    void innerJoinUsesTheCurrentTableValueAndDropsRecordsWithoutOne() {
        try (JoinFixture f = fixture(false)) {
            TestInputTopic<String, String> stream = f.input("stream");
            TestInputTopic<String, String> table = f.input("table");
            table.pipeInput("A", "t1", 0);
            stream.pipeInput("A", "s1", 10);
            stream.pipeInput("B", "s2", 11);
            table.pipeInput("A", "t2", 12); // table updates produce nothing
            stream.pipeInput("A", "s3", 13);
            table.pipeInput("A", null, 14);
            stream.pipeInput("A", "s4", 15);
            assertEquals(List.of("A:s1+t1@10", "A:s3+t2@13"), f.read("out"));
        }
    }

    @Test
    void leftJoinJoinsRecordsWithoutTableValueWithNull() {
        try (JoinFixture f = fixture(true)) {
            TestInputTopic<String, String> stream = f.input("stream");
            TestInputTopic<String, String> table = f.input("table");
            table.pipeInput("A", "t1", 0);
            stream.pipeInput("A", "s1", 10);
            stream.pipeInput("B", "s2", 11);
            table.pipeInput("A", null, 14);
            stream.pipeInput("A", "s4", 15);
            stream.pipeInput(null, "s5", 16); // a null key joins nothing, but the record is kept (KIP-962)
            stream.pipeInput("B", null, 17); // a null value is no record: ignored
            assertEquals(List.of("A:s1+t1@10", "B:s2+null@11", "A:s4+null@15", "null:s5+null@16"), f.read("out"));
        }
    }

    @Test
    void streamGlobalTableJoinLooksUpTheMappedKey() {
        StreamsBuilder builder = new StreamsBuilder();
        GlobalKTable<String, String> products = builder.globalTable("products");
        KStream<String, String> orders = builder.stream("orders");
        orders.join(products, (orderId, productId) -> productId, (productId, name) -> productId + "=" + name)
            .to("inner");
        orders.leftJoin(products, (orderId, productId) -> productId, (productId, name) -> productId + "=" + name)
            .to("left");
        try (JoinFixture f = new JoinFixture(builder.build())) {
            f.input("products").pipeInput("p1", "Apple", 0);
            f.input("orders").pipeInput("o1", "p1", 5);
            f.input("orders").pipeInput("o2", "p2", 6);
            f.input("products").pipeInput("p2", "Banana", 7);
            f.input("orders").pipeInput("o3", null, 8); // a null value is no record: ignored by both
            assertEquals(List.of("o1:p1=Apple@5"), f.read("inner"));
            assertEquals(List.of("o1:p1=Apple@5", "o2:p2=null@6"), f.read("left"));
        }
    }

    /** As in Kafka Streams, a stream-global table join is named KSTREAM-LEFTJOIN- whether it is inner or left. */
    @Test
    void streamGlobalTableJoinsAreNamedLeftJoinAsInKafka() {
        StreamsBuilder builder = new StreamsBuilder();
        GlobalKTable<String, String> products = builder.globalTable("products");
        KStream<String, String> orders = builder.stream("orders");
        orders.join(products, (orderId, productId) -> productId, (productId, name) -> name);
        orders.leftJoin(products, (orderId, productId) -> productId, (productId, name) -> name);
        // The global table takes 0-2 (store, source, processor) and the stream's source 3.
        assertEquals(List.of("KSTREAM-LEFTJOIN-0000000004", "KSTREAM-LEFTJOIN-0000000005"),
            builder.build().describe().subtopologies().iterator().next().nodes().stream()
                .map(TopologyDescription.Node::name).filter(name -> name.contains("JOIN")).sorted().toList());
    }

    /**
     * As in Kafka Streams, the unnamed joins of a stream whose key changed read one repartition topic, named after
     * the stream and added by the first join; each later join still takes the indexes of its nodes' generated names.
     */
    @Test
    void unnamedJoinsOfARekeyedStreamShareItsRepartitionTopic() {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> orders = builder.<String, String>stream("orders").selectKey((id, product) -> product);
        KTable<String, String> names = builder.table("names");
        KTable<String, String> prices = builder.table("prices");
        orders.join(names, (product, name) -> name).to("named");
        orders.leftJoin(prices, (product, price) -> product + "@" + price).to("priced");
        String description = builder.build().describe().toString();
        assertEquals(1, description.split("\\(topic: KSTREAM-KEY-SELECT-0000000001-repartition\\)", -1).length - 1,
            description);
        try (JoinFixture f = new JoinFixture(builder.build())) {
            f.input("names").pipeInput("p1", "Apple", 1);
            f.input("orders").pipeInput("o1", "p1", 2);
            assertEquals(List.of("p1:Apple@2"), f.read("named"));
            assertEquals(List.of("p1:p1@null@2"), f.read("priced"));
        }
    }
}
