package dev.runnel.clients.admin;

import dev.runnel.common.KafkaFuture;
import dev.runnel.common.TopicPartition;
import java.util.List;
import java.util.Map;

/** The result of {@code describeProducers}: one future per partition. */
public class DescribeProducersResult
        extends KeyedResult<TopicPartition, DescribeProducersResult.PartitionProducerState> {
    DescribeProducersResult(Map<TopicPartition, KafkaFuture<PartitionProducerState>> futures) {
        super(futures);
    }

    /** The future of one requested partition; throws {@code IllegalArgumentException} for another partition. */
    public KafkaFuture<PartitionProducerState> partitionResult(TopicPartition partition) {
        KafkaFuture<PartitionProducerState> future = futures.get(partition);
        if (future == null) {
            throw new IllegalArgumentException("Topic partition " + partition + " was not included in the request");
        }
        return future;
    }

    public KafkaFuture<Map<TopicPartition, PartitionProducerState>> all() {
        return allValues();
    }

    /** The producers one partition knows, by producer id. */
    public static class PartitionProducerState {
        private final List<ProducerState> activeProducers;

        public PartitionProducerState(List<ProducerState> activeProducers) {
            this.activeProducers = List.copyOf(activeProducers);
        }

        public List<ProducerState> activeProducers() {
            return activeProducers;
        }

        @Override
        public String toString() {
            return "PartitionProducerState(activeProducers=" + activeProducers + ")";
        }
    }
}
