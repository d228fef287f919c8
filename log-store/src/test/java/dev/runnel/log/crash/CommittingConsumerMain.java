package dev.runnel.log.crash;

import dev.runnel.clients.consumer.ConsumerRecord;
import dev.runnel.clients.consumer.KafkaConsumer;
import dev.runnel.common.serialization.StringDeserializer;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The child process of {@link GroupCommitKillIT}: a group member of {@code <group>} reading {@code <topic>} in
 * {@code <dataDir>} that commits after every poll and then prints {@code COMMITTED <partition> <offset>} for each
 * partition it committed, so the parent knows what reached {@code __consumer_offsets}. Runs until killed.
 *
 * <p>Usage: {@code CommittingConsumerMain <dataDir> <topic> <group>}
 */
public final class CommittingConsumerMain {
    private CommittingConsumerMain() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.US_ASCII);
        Map<String, Object> config = Map.of("log.dir", args[0], "group.id", args[2], "enable.auto.commit", "false",
            "auto.offset.reset", "earliest", "max.poll.records", 7);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
            new StringDeserializer())) {
            consumer.subscribe(List.of(args[1]));
            while (true) {
                long last = -1;
                int partition = -1;
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    last = record.offset();
                    partition = record.partition();
                }
                if (last >= 0) {
                    consumer.commitSync();
                    out.println("COMMITTED " + partition + " " + (last + 1));
                }
            }
        }
    }
}
