package dev.runnel.streams.kstream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.KeyValue;
import dev.runnel.streams.StreamsBuilder;
import dev.runnel.streams.StreamsConfig;
import dev.runnel.streams.TestInputTopic;
import dev.runnel.streams.TopologyDescription;
import dev.runnel.streams.TopologyTestDriver;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class KTableForeignKeyJoinTest {
    private static JoinFixture fixture(boolean leftJoin) {
        return fixture(leftJoin, new Properties());
    }

    private static JoinFixture fixture(boolean leftJoin, Properties configs) {
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, String> orders = builder.table("orders"); // value "productId|quantity"; no product id: none
        KTable<String, String> products = builder.table("products");
        ValueJoiner<String, String, String> joiner = (order, product) -> order + "/" + product;
        (leftJoin
            ? orders.leftJoin(products, KTableForeignKeyJoinTest::productId, joiner)
            : orders.join(products, KTableForeignKeyJoinTest::productId, joiner))
            .toStream().to("out");
        return new JoinFixture(builder.build(), configs);
    }

    private static String productId(String order) {
        String productId = order.split("\\|")[0];
        return productId.isEmpty() ? null : productId;
    }

    @Test
    void innerJoinFollowsAddsForeignKeyChangesAndDeletesOnBothSides() {
        try (JoinFixture f = fixture(false)) {
            TestInputTopic<String, String> orders = f.input("orders");
            TestInputTopic<String, String> products = f.input("products");
            products.pipeInput("p1", "Apple", 1);
            orders.pipeInput("o1", "p1|2", 2);
            assertEquals(List.of("o1:p1|2/Apple@2"), f.read("out"));
            orders.pipeInput("o2", "p2|1", 3); // no product p2 yet
            assertEquals(List.of(), f.read("out"));
            products.pipeInput("p2", "Banana", 4);
            assertEquals(List.of("o2:p2|1/Banana@4"), f.read("out"));
            products.pipeInput("p1", "Apricot", 5);
            assertEquals(List.of("o1:p1|2/Apricot@5"), f.read("out"));
            orders.pipeInput("o1", "p2|5", 6); // foreign key changes
            assertEquals(List.of("o1:p2|5/Banana@6"), f.read("out"));
            products.pipeInput("p1", "Avocado", 7); // nobody subscribes to p1 any more
            assertEquals(List.of(), f.read("out"));
            products.pipeInput("p2", null, 8); // right delete: both results go
            assertEquals(List.of("o1:null@8", "o2:null@8"), f.read("out"));
            orders.pipeInput("o3", "p1|1", 9);
            assertEquals(List.of("o3:p1|1/Avocado@9"), f.read("out"));
            orders.pipeInput("o3", "p7|1", 10); // moves to a missing product: the result is deleted
            assertEquals(List.of("o3:null@10"), f.read("out"));
            orders.pipeInput("o4", "p1|3", 11);
            orders.pipeInput("o4", null, 12); // left delete
            assertEquals(List.of("o4:p1|3/Avocado@11", "o4:null@12"), f.read("out"));
        }
    }

    @Test
    void leftJoinKeepsOrdersWithoutProduct() {
        try (JoinFixture f = fixture(true)) {
            TestInputTopic<String, String> orders = f.input("orders");
            TestInputTopic<String, String> products = f.input("products");
            orders.pipeInput("o1", "p9|1", 1);
            products.pipeInput("p9", "Kiwi", 2);
            orders.pipeInput("o1", "p8|1", 3);
            orders.pipeInput("o1", null, 4);
            products.pipeInput("p9", "Lime", 5);
            assertEquals(List.of("o1:p9|1/null@1", "o1:p9|1/Kiwi@2", "o1:p8|1/null@3", "o1:null@4"),
                f.read("out"));
            assertEquals(List.of("app-KTABLE-FK-JOIN-SUBSCRIPTION-REGISTRATION-0000000006-topic",
                "app-KTABLE-FK-JOIN-SUBSCRIPTION-RESPONSE-0000000014-topic"),
                f.driver.producedTopicNames().stream().filter(topic -> topic.endsWith("-topic")).sorted().toList());
        }
    }

    /**
     * An inner join's result that goes away because its order lost its product id or was deleted is retracted, as in
     * Kafka, at the later of the order's and the product's times (the retraction passes the product's side); a left
     * join keeps the order (or deletes it) at the order's own time.
     */
    @Test
    void resultsRetractedByTheLeftSideTakeKafkasTimestamps() {
        try (JoinFixture f = fixture(false)) {
            pipeRetractions(f);
            assertEquals(List.of("o1:p1|1/Apple@80", "o1:null@80", "o2:p1|2/Apple@90", "o2:null@80"), f.read("out"));
        }
        try (JoinFixture f = fixture(true)) {
            pipeRetractions(f);
            assertEquals(List.of("o1:p1|1/Apple@80", "o1:|1/null@73", "o2:p1|2/Apple@90", "o2:null@70"),
                f.read("out"));
        }
    }

    /**
     * Without a record cache the products table forwards the tombstone of a product it no longer holds, as Kafka
     * Streams' does; the join answers every order subscribed to that product with no product, as Kafka's does for
     * each change of the foreign table, so an inner join forwards the order's tombstone again and a left join the
     * order joined with null again.
     */
    @Test
    void aRepeatedProductTombstoneAnswersItsSubscribersAgain() {
        Properties noCache = new Properties();
        noCache.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        for (boolean leftJoin : new boolean[] {false, true}) {
            try (JoinFixture f = fixture(leftJoin, noCache)) {
                TestInputTopic<String, String> products = f.input("products");
                products.pipeInput("p1", "Apple", 1);
                f.input("orders").pipeInput("o1", "p1|1", 2);
                products.pipeInput("p1", null, 3);
                products.pipeInput("p1", null, 4);
                assertEquals(leftJoin ? List.of("o1:p1|1/Apple@2", "o1:p1|1/null@3", "o1:p1|1/null@4")
                    : List.of("o1:p1|1/Apple@2", "o1:null@3", "o1:null@4"), f.read("out"));
            }
        }
    }

    /**
     * An order without product id cannot subscribe: an inner join drops it (Kafka's dropped-records metric counts
     * it), retracting the result of its earlier product id if it had one, while a left join joins it with null. A
     * deleted order without product id is no record to drop.
     */
    @Test
    void innerJoinCountsOrdersWithoutProductIdAsDropped() {
        try (JoinFixture f = fixture(false)) {
            f.input("products").pipeInput("p1", "Apple", 1);
            TestInputTopic<String, String> orders = f.input("orders");
            orders.pipeInput("o1", "|1", 2);
            assertEquals(List.of(), f.read("out"));
            assertEquals(1.0, f.droppedRecords());
            orders.pipeInput("o2", "p1|1", 3);
            orders.pipeInput("o2", "|2", 4);
            assertEquals(List.of("o2:p1|1/Apple@3", "o2:null@4"), f.read("out"));
            assertEquals(2.0, f.droppedRecords());
            orders.pipeInput("o2", null, 5);
            assertEquals(List.of(), f.read("out"));
            assertEquals(2.0, f.droppedRecords());
        }
        try (JoinFixture f = fixture(true)) {
            f.input("orders").pipeInput("o1", "|1", 2);
            assertEquals(List.of("o1:|1/null@2"), f.read("out"));
            assertEquals(0.0, f.droppedRecords());
        }
    }

    /**
     * As in Kafka Streams, the join result gets a store only if it is materialized under a name or a later operation
     * reads its values; until then it needs no serdes, so a join of tables read with their own serdes runs without
     * default serdes, and only the two source tables and the subscription store exist.
     */
    @Test
    void unmaterializedResultHasNoStoreAndNeedsNoDefaultSerdes() {
        for (boolean leftJoin : new boolean[] {false, true}) {
            StreamsBuilder builder = new StreamsBuilder();
            Consumed<String, String> strings = Consumed.with(Serdes.String(), Serdes.String());
            KTable<String, String> orders = builder.table("orders", strings);
            KTable<String, String> products = builder.table("products", strings);
            ValueJoiner<String, String, String> joiner = (order, product) -> order + "/" + product;
            (leftJoin ? orders.leftJoin(products, KTableForeignKeyJoinTest::productId, joiner)
                : orders.join(products, KTableForeignKeyJoinTest::productId, joiner))
                .toStream().to("out", Produced.with(Serdes.String(), Serdes.String()));
            Properties props = new Properties();
            props.put(StreamsConfig.APPLICATION_ID_CONFIG, "app");
            try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props)) {
                driver.createInputTopic("products", Serdes.String().serializer(), Serdes.String().serializer())
                    .pipeInput("p1", "Apple");
                driver.createInputTopic("orders", Serdes.String().serializer(), Serdes.String().serializer())
                    .pipeInput("o1", "p1|2");
                assertEquals(List.of(KeyValue.pair("o1", "p1|2/Apple")),
                    driver.createOutputTopic("out", Serdes.String().deserializer(), Serdes.String().deserializer())
                        .readKeyValuesToList());
                assertEquals(Set.of("orders-STATE-STORE-0000000000", "products-STATE-STORE-0000000003",
                    "KTABLE-FK-JOIN-SUBSCRIPTION-STATE-STORE-0000000010"), driver.getAllStateStores().keySet());
            }
        }
    }

    /**
     * A table-table join of the result with the orders reads the result's values, so the result gets its store
     * under its generated name, taken when the join was built (after the output processor's).
     */
    @Test
    void resultReadByALaterJoinIsMaterialized() {
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, String> orders = builder.table("orders");
        KTable<String, String> products = builder.table("products");
        orders.join(products, KTableForeignKeyJoinTest::productId, (order, product) -> product)
            .join(orders, (product, order) -> order + " of " + product)
            .toStream().to("out");
        try (JoinFixture f = new JoinFixture(builder.build())) {
            f.input("products").pipeInput("p1", "Apple", 1);
            f.input("orders").pipeInput("o1", "p1|2", 2);
            assertEquals(List.of("o1:p1|2 of Apple@2"), f.read("out"));
            assertEquals("Apple", f.driver.<String, String>getKeyValueStore(
                "KTABLE-FK-JOIN-OUTPUT-STATE-STORE-0000000019").get("o1"));
        }
    }

    /**
     * As in Kafka Streams, a left join sends an order without product id through the subscription topic too (with a
     * null foreign key, answered with no product), so the resolver reads the response topic only.
     */
    @Test
    void leftJoinSendsOrdersWithoutProductIdThroughTheSubscriptionTopic() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.<String, String>table("orders").leftJoin(builder.<String, String>table("products"),
            KTableForeignKeyJoinTest::productId, (order, product) -> order + "/" + product, TableJoined.as("fk"));
        Map<String, List<String>> successors = new TreeMap<>();
        builder.build().describe().subtopologies().forEach(subtopology -> subtopology.nodes().forEach(
            node -> successors.put(node.name(), node.successors().stream().map(TopologyDescription.Node::name)
                .toList())));
        assertEquals(List.of("fk-subscription-registration-sink"),
            successors.get("fk-subscription-registration-processor"));
        try (JoinFixture f = fixture(true)) {
            f.input("orders").pipeInput("o1", "|1", 1);
            assertEquals(List.of("o1:|1/null@1"), f.read("out"));
            assertEquals(List.of("app-KTABLE-FK-JOIN-SUBSCRIPTION-REGISTRATION-0000000006-topic",
                "app-KTABLE-FK-JOIN-SUBSCRIPTION-RESPONSE-0000000014-topic"),
                f.driver.producedTopicNames().stream().filter(topic -> topic.endsWith("-topic")).sorted().toList());
        }
    }

    /**
     * A join named with TableJoined.as(name) names its nodes name-suffix, as Kafka Streams does, and still takes the
     * indexes its generated names would have had: after the tables' 0-5, the registration topic, processor, sink and
     * source, the subscription store, the subscription receive, join-foreign and foreign-join-subscription
     * processors, the response topic, sink and source, the resolver, the result and its store take 6-19, so the
     * toStream after it is number 20.
     */
    @Test
    void namedJoinNamesItsNodesAsKafkaDoes() {
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, String> orders = builder.table("orders");
        orders.join(builder.<String, String>table("products"), KTableForeignKeyJoinTest::productId,
            (order, product) -> order + "/" + product, TableJoined.as("fk")).toStream().to("out");
        Set<String> nodes = new TreeSet<>();
        builder.build().describe().subtopologies().forEach(
            subtopology -> subtopology.nodes().forEach(node -> nodes.add(node.name())));
        assertEquals(new TreeSet<>(List.of("KSTREAM-SOURCE-0000000001", "KTABLE-SOURCE-0000000002",
            "KSTREAM-SOURCE-0000000004", "KTABLE-SOURCE-0000000005", "fk-subscription-registration-processor",
            "fk-subscription-registration-sink", "fk-subscription-registration-source", "fk-subscription-receive",
            "fk-subscription-join-foreign", "fk-foreign-join-subscription", "fk-subscription-response-sink",
            "fk-subscription-response-source", "fk-subscription-response-resolver", "fk-result",
            "KTABLE-TOSTREAM-0000000020", "KSTREAM-SINK-0000000021")), nodes);
    }

    private static void pipeRetractions(JoinFixture f) {
        f.input("products").pipeInput("p1", "Apple", 80);
        TestInputTopic<String, String> orders = f.input("orders");
        orders.pipeInput("o1", "p1|1", 78); // joined at the later time, the product's 80
        orders.pipeInput("o1", "|1", 73); // the product id goes: inner max(73, 80) = 80, left 73
        orders.pipeInput("o2", "p1|2", 90);
        orders.pipeInput("o2", null, 70); // deleted: inner max(70, 80) = 80, left 70
    }
}
