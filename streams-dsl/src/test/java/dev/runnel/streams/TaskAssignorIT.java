package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.runnel.clients.consumer.ConsumerPartitionAssignor.GroupAssignment;
import dev.runnel.clients.consumer.ConsumerPartitionAssignor.GroupSubscription;
import dev.runnel.clients.consumer.ConsumerRecord;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.kstream.Produced;
import dev.runnel.streams.processor.TaskId;
import dev.runnel.streams.processor.assignment.ApplicationState;
import dev.runnel.streams.processor.assignment.KafkaStreamsAssignment;
import dev.runnel.streams.processor.assignment.KafkaStreamsAssignment.AssignedTask;
import dev.runnel.streams.processor.assignment.KafkaStreamsState;
import dev.runnel.streams.processor.assignment.ProcessId;
import dev.runnel.streams.processor.assignment.TaskAssignmentUtils;
import dev.runnel.streams.processor.assignment.TaskAssignor;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A custom {@code task.assignor.class} decides where two instances' tasks run: it gives every active task to the
 * instance named in its config, and the other one keeps their standbys.
 */
class TaskAssignorIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final Set<TaskId> TASKS = Set.of(new TaskId(0, 0), new TaskId(0, 1));

    @TempDir
    Path dir;

    @Test
    void shouldRunEveryTaskOnTheClientTheTaskAssignorChose() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(dir);
        log.createTopic("input", 2);
        log.createTopic("output", 2);
        AllActiveToOneClient.COMPUTED.clear();
        AllActiveToOneClient.FOLLOWUP_REQUESTED.set(false);
        AllActiveToOneClient.RUNS_AFTER_FOLLOWUP.set(0);
        KafkaStreams alpha = new KafkaStreams(topology(), props(log, "alpha"));
        KafkaStreams beta = new KafkaStreams(topology(), props(log, "beta"));
        try {
            alpha.start();
            beta.start();
            EmbeddedLogFixture.await(() -> beta.activeTaskIds().equals(TASKS) && alpha.activeTaskIds().isEmpty()
                    && EmbeddedLogFixture.standbyTaskIds(alpha).equals(TASKS)
                    && alpha.state() == KafkaStreams.State.RUNNING && beta.state() == KafkaStreams.State.RUNNING,
                TIMEOUT, "beta runs every task, alpha keeps their standbys");
            log.produce("input", List.of(KeyValue.pair("a", "x"), KeyValue.pair("b", "y"), KeyValue.pair("a", "z")),
                Serdes.String().serializer(), Serdes.String().serializer(), 1_000L);
            EmbeddedLogFixture.await(() -> counts(log).equals(Map.of("a", 2L, "b", 1L)), TIMEOUT, "the counts");

            List<Computed> computed = List.copyOf(AllActiveToOneClient.COMPUTED);
            assertFalse(computed.isEmpty(), "onAssignmentComputed was called");
            Computed last = computed.get(computed.size() - 1);
            assertEquals(TaskAssignor.AssignmentError.NONE, last.error());
            assertEquals(Set.of(new TopicPartition("input", 0), new TopicPartition("input", 1)),
                partitionsOf(last.assignment(), "beta-"), "the group assignment the callback saw");
            assertEquals(Set.of(), partitionsOf(last.assignment(), "alpha-"));
            assertEquals(last.assignment().groupAssignment().keySet(), last.subscription().groupSubscription()
                .keySet());
            EmbeddedLogFixture.await(() -> AllActiveToOneClient.RUNS_AFTER_FOLLOWUP.get() > 0, TIMEOUT,
                "the follow-up rebalance the assignor asked for");
        } finally {
            alpha.close();
            beta.close();
        }
    }

    /** What one call of onAssignmentComputed heard. */
    record Computed(GroupAssignment assignment, GroupSubscription subscription, TaskAssignor.AssignmentError error) {
    }

    /**
     * Gives every active task to the client whose {@code client.id} is {@link #TARGET_CONFIG} (to the first client
     * while that one has not joined), and places the standbys as Runnel does by default. The first time no other
     * client has tasks to hand over (so that no cooperative follow-up rebalance is due), it also asks for a follow-up
     * rebalance at once; only that request can cause another rebalance, which it counts.
     */
    public static final class AllActiveToOneClient implements TaskAssignor {
        static final String TARGET_CONFIG = "test.assignor.target.client.id";
        static final ConcurrentLinkedQueue<Computed> COMPUTED = new ConcurrentLinkedQueue<>();
        static final AtomicBoolean FOLLOWUP_REQUESTED = new AtomicBoolean();
        static final AtomicInteger RUNS_AFTER_FOLLOWUP = new AtomicInteger();
        private String target;

        @Override
        public void configure(Map<String, ?> configs) {
            target = (String) configs.get(TARGET_CONFIG);
        }

        @Override
        public TaskAssignment assign(ApplicationState applicationState) {
            Map<ProcessId, KafkaStreamsState> clients = applicationState.kafkaStreamsStates(false);
            ProcessId chosen = clients.values().stream()
                .filter(client -> client.consumerClientIds().stream().anyMatch(id -> id.startsWith(target + "-")))
                .map(KafkaStreamsState::processId).findFirst().orElse(clients.keySet().iterator().next());
            Map<ProcessId, KafkaStreamsAssignment> assignments = new LinkedHashMap<>();
            clients.keySet().forEach(client -> assignments.put(client, KafkaStreamsAssignment.of(client, Set.of())));
            applicationState.allTasks().keySet().forEach(task ->
                assignments.get(chosen).assignTask(new AssignedTask(task, AssignedTask.Type.ACTIVE)));
            TaskAssignmentUtils.defaultStandbyTaskAssignment(applicationState, assignments);
            if (FOLLOWUP_REQUESTED.get()) {
                RUNS_AFTER_FOLLOWUP.incrementAndGet();
            } else if (clients.get(chosen).consumerClientIds().first().startsWith(target + "-")
                && clients.values().stream().allMatch(client -> client.processId().equals(chosen)
                    || client.previousActiveTasks().isEmpty())) {
                FOLLOWUP_REQUESTED.set(true);
                assignments.put(chosen, assignments.get(chosen).withFollowupRebalance(Instant.EPOCH));
            }
            return new TaskAssignment(assignments.values());
        }

        @Override
        public void onAssignmentComputed(GroupAssignment assignment, GroupSubscription subscription,
            AssignmentError error) {
            COMPUTED.add(new Computed(assignment, subscription, error));
        }
    }

    private static Set<TopicPartition> partitionsOf(GroupAssignment assignment, String memberPrefix) {
        Set<TopicPartition> partitions = new HashSet<>();
        assignment.groupAssignment().forEach((member, memberAssignment) -> {
            if (member.startsWith(memberPrefix)) {
                partitions.addAll(memberAssignment.partitions());
            }
        });
        return partitions;
    }

    private static Topology topology() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("input", Consumed.with(Serdes.String(), Serdes.String())).groupByKey()
            .count(Materialized.as("counts")).toStream().to("output", Produced.with(Serdes.String(), Serdes.Long()));
        return builder.build();
    }

    private Properties props(EmbeddedLogFixture log, String clientId) {
        Properties props = log.streamsProps("assignor-app");
        props.put(StreamsConfig.CLIENT_ID_CONFIG, clientId);
        props.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("state-" + clientId).toString());
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1);
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0L);
        props.put(StreamsConfig.TASK_ASSIGNOR_CLASS_CONFIG, AllActiveToOneClient.class.getName());
        props.put(AllActiveToOneClient.TARGET_CONFIG, "beta");
        return props;
    }

    private static Map<String, Long> counts(EmbeddedLogFixture log) {
        Map<String, Long> latest = new HashMap<>();
        for (ConsumerRecord<String, Long> record : log.readAll("output", Serdes.String().deserializer(),
            Serdes.Long().deserializer(), false)) {
            latest.put(record.key(), record.value());
        }
        return latest;
    }
}
