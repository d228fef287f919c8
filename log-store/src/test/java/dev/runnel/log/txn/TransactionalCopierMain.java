package dev.runnel.log.txn;

import dev.runnel.clients.consumer.ConsumerGroupMetadata;
import dev.runnel.clients.consumer.ConsumerRecord;
import dev.runnel.clients.consumer.ConsumerRecords;
import dev.runnel.clients.consumer.KafkaConsumer;
import dev.runnel.clients.consumer.OffsetAndMetadata;
import dev.runnel.clients.producer.KafkaProducer;
import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.serialization.StringDeserializer;
import dev.runnel.common.serialization.StringSerializer;
import dev.runnel.log.RunnelLog;
import dev.runnel.log.RunnelLogConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The child JVM of {@link TransactionalProducerKillIT}. Arguments: {@code dataDir mode seed}.
 * <ul>
 * <li>{@code hang}: opens a transaction on "out", writes records, prints {@code OPEN} and waits to be killed.</li>
 * <li>{@code copy}: a read-process-write loop from "in" to "out": resumes from the input positions committed with
 *     its last transaction, copies polled records in transactions of random size, and commits the next input
 *     positions with each through sendOffsetsToTransaction; prints {@code COMMIT} after each and {@code DONE} (then
 *     exits) once the input is consumed.</li>
 * </ul>
 */
public final class TransactionalCopierMain {
    static final String GROUP = "copier-group";
    static final List<TopicPartition> INPUT = List.of(new TopicPartition("in", 0), new TopicPartition("in", 1));

    private TransactionalCopierMain() {
    }

    public static void main(String[] args) throws Exception {
        String dataDir = args[0];
        String mode = args[1];
        SplittableRandom random = new SplittableRandom(Long.parseLong(args[2]));
        Map<String, Object> config = new HashMap<>(Map.of("log.dir", dataDir, "linger.ms", 0,
            "transactional.id", mode.equals("copy") ? "copier" : "hanging",
            "transaction.timeout.ms", mode.equals("copy") ? 60_000 : 3000));
        try (RunnelLog log = RunnelLog.open(RunnelLogConfig.parse(config));
             KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                 new StringSerializer())) {
            producer.initTransactions();
            if (mode.equals("hang")) {
                hang(producer);
            } else {
                copy(log, producer, random);
            }
        }
    }

    private static void hang(KafkaProducer<String, String> producer) throws InterruptedException {
        producer.beginTransaction();
        for (int i = 0; i < 10; i++) {
            producer.send(new ProducerRecord<>("out", i % 2, null, "crashed-" + i));
        }
        producer.flush();
        System.out.println("OPEN");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    private static void copy(RunnelLog log, KafkaProducer<String, String> producer, SplittableRandom random) {
        // After initTransactions: a transaction the previous run left open is aborted, so its offsets are not read.
        Map<TopicPartition, Long> committed = GroupOffsets.committed(log.dataDir().toString(), GROUP);
        Map<String, Object> consumerConfig = Map.of("log.dir", log.dataDir().toString(), "isolation.level",
            "read_committed", "max.poll.records", 1 + random.nextInt(40));
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
            new StringDeserializer())) {
            consumer.assign(INPUT);
            for (TopicPartition tp : INPUT) {
                consumer.seek(tp, committed.getOrDefault(tp, 0L));
            }
            Map<TopicPartition, Long> end = consumer.endOffsets(INPUT);
            ConsumerGroupMetadata group = new ConsumerGroupMetadata(GROUP);
            while (true) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(20));
                if (records.isEmpty()) {
                    if (INPUT.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp))) {
                        System.out.println("DONE");
                        return;
                    }
                    continue;
                }
                producer.beginTransaction();
                for (ConsumerRecord<String, String> record : records) {
                    producer.send(new ProducerRecord<>("out", record.partition(), null, record.value()));
                }
                Map<TopicPartition, OffsetAndMetadata> positions = new HashMap<>();
                for (TopicPartition tp : INPUT) {
                    positions.put(tp, new OffsetAndMetadata(consumer.position(tp)));
                }
                producer.sendOffsetsToTransaction(positions, group);
                producer.commitTransaction();
                System.out.println("COMMIT " + records.count());
            }
        }
    }
}
