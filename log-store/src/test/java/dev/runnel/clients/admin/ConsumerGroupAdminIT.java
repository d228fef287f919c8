package dev.runnel.clients.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.clients.consumer.ConsumerRecords;
import dev.runnel.clients.consumer.KafkaConsumer;
import dev.runnel.clients.consumer.OffsetAndMetadata;
import dev.runnel.clients.producer.KafkaProducer;
import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.common.GroupState;
import dev.runnel.common.Node;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.errors.GroupIdNotFoundException;
import dev.runnel.common.errors.GroupNotEmptyException;
import dev.runnel.common.errors.GroupSubscribedToTopicException;
import dev.runnel.common.errors.UnknownMemberIdException;
import dev.runnel.common.serialization.StringDeserializer;
import dev.runnel.common.serialization.StringSerializer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin client's consumer-group calls, including the refusals while a group has members. */
class ConsumerGroupAdminIT {
    private static final TopicPartition P0 = new TopicPartition("orders", 0);
    private static final TopicPartition P1 = new TopicPartition("orders", 1);

    @TempDir
    Path dataDir;
    private Admin admin;

    @BeforeEach
    void createTopic() throws Exception {
        admin = Admin.create(Map.of("log.dir", dataDir.toString()));
        admin.createTopics(List.of(new NewTopic("orders", 2, (short) 1))).all().get();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("log.dir", dataDir.toString()),
            new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 20; i++) {
                producer.send(new ProducerRecord<>("orders", i % 2, null, "o" + i));
            }
        }
    }

    @AfterEach
    void closeAdmin() {
        admin.close();
    }

    private KafkaConsumer<String, String> member(String instanceId) {
        Map<String, Object> config = new HashMap<>();
        config.put("log.dir", dataDir.toString());
        config.put("group.id", "billing");
        config.put("client.id", "billing-client");
        config.put("auto.offset.reset", "earliest");
        config.put("enable.auto.commit", "false");
        if (instanceId != null) {
            config.put("group.instance.id", instanceId);
        }
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    private static Throwable cause(ExecutionException e) {
        return e.getCause();
    }

    @Test
    void shouldDescribeListAndRefuseChangesWhileTheGroupHasMembers() throws Exception {
        try (KafkaConsumer<String, String> consumer = member("billing-1")) {
            consumer.subscribe(List.of("orders"));
            int read = 0;
            while (read < 20) {
                read += consumer.poll(Duration.ofMillis(100)).count();
            }
            consumer.commitSync();

            ConsumerGroupListing listing = admin.listConsumerGroups().all().get().iterator().next();
            assertEquals("billing", listing.groupId());
            assertEquals(Optional.of(GroupState.STABLE), listing.groupState());

            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of("billing")).all().get()
                .get("billing");
            assertEquals(GroupState.STABLE, description.groupState());
            assertEquals("range", description.partitionAssignor());
            assertEquals(Node.EMBEDDED, description.coordinator());
            MemberDescription member = description.members().iterator().next();
            assertEquals(consumer.groupMetadata().memberId(), member.memberId());
            assertEquals(Optional.of("billing-1"), member.groupInstanceId());
            assertEquals("billing-client", member.clientId());
            assertEquals("/embedded", member.host());
            assertEquals(Set.of(P0, P1), member.assignment().topicPartitions());

            assertEquals(Map.of(P0, new OffsetAndMetadata(10), P1, new OffsetAndMetadata(10)),
                admin.listConsumerGroupOffsets("billing").partitionsToOffsetAndMetadata().get());

            ExecutionException delete = assertThrows(ExecutionException.class,
                () -> admin.deleteConsumerGroups(List.of("billing")).all().get());
            assertInstanceOf(GroupNotEmptyException.class, cause(delete));
            ExecutionException alter = assertThrows(ExecutionException.class,
                () -> admin.alterConsumerGroupOffsets("billing", Map.of(P0, new OffsetAndMetadata(0))).all().get());
            assertInstanceOf(UnknownMemberIdException.class, cause(alter));
            ExecutionException deleteOffsets = assertThrows(ExecutionException.class,
                () -> admin.deleteConsumerGroupOffsets("billing", Set.of(P0)).partitionResult(P0).get());
            assertInstanceOf(GroupSubscribedToTopicException.class, cause(deleteOffsets));
        }
    }

    @Test
    void shouldAlterDeleteOffsetsAndDeleteAnEmptyGroup() throws Exception {
        admin.alterConsumerGroupOffsets("billing", Map.of(P0, new OffsetAndMetadata(7), P1,
            new OffsetAndMetadata(3))).all().get();
        try (KafkaConsumer<String, String> consumer = member(null)) {
            consumer.assign(List.of(P0));
            ConsumerRecords<String, String> records = ConsumerRecords.empty();
            while (records.isEmpty()) {
                records = consumer.poll(Duration.ofMillis(100));
            }
            assertEquals(7, records.iterator().next().offset(), "starts at the altered offset");
        }
        admin.deleteConsumerGroupOffsets("billing", Set.of(P1)).all().get();
        assertEquals(Map.of(P0, new OffsetAndMetadata(7)),
            admin.listConsumerGroupOffsets("billing").partitionsToOffsetAndMetadata().get());
        GroupState state = admin.describeConsumerGroups(List.of("billing")).all().get().get("billing").groupState();
        assertEquals(GroupState.EMPTY, state);

        admin.deleteConsumerGroups(List.of("billing")).all().get();
        assertEquals(Map.of(), admin.listConsumerGroupOffsets("billing").partitionsToOffsetAndMetadata().get());
        assertTrue(admin.listConsumerGroups().all().get().isEmpty());
        ExecutionException missing = assertThrows(ExecutionException.class,
            () -> admin.describeConsumerGroups(List.of("billing")).all().get());
        assertInstanceOf(GroupIdNotFoundException.class, cause(missing));
        ExecutionException deleteMissing = assertThrows(ExecutionException.class,
            () -> admin.deleteConsumerGroups(List.of("billing")).all().get());
        assertInstanceOf(GroupIdNotFoundException.class, cause(deleteMissing));
    }

    @Test
    void shouldKeepDeletedGroupsDeletedAcrossRestart() throws Exception {
        admin.alterConsumerGroupOffsets("gone", Map.of(P0, new OffsetAndMetadata(1))).all().get();
        admin.alterConsumerGroupOffsets("kept", Map.of(P0, new OffsetAndMetadata(2))).all().get();
        admin.deleteConsumerGroups(List.of("gone")).all().get();
        admin.close();
        admin = Admin.create(Map.of("log.dir", dataDir.toString()));
        assertEquals(List.of("kept"), admin.listConsumerGroups().all().get().stream()
            .map(ConsumerGroupListing::groupId).toList());
        assertEquals(Map.of(P0, new OffsetAndMetadata(2)),
            admin.listConsumerGroupOffsets("kept").partitionsToOffsetAndMetadata().get());
    }
}
