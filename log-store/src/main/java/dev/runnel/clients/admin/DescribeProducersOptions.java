package dev.runnel.clients.admin;

import java.util.OptionalInt;

/**
 * Options of {@code describeProducers}: the broker to ask (Kafka asks each partition's leader by default). The
 * embedded log is node {@code 0}; asking another node fails each partition with {@code InvalidRequestException}.
 */
public class DescribeProducersOptions extends AbstractOptions<DescribeProducersOptions> {
    private OptionalInt brokerId = OptionalInt.empty();

    public DescribeProducersOptions brokerId(int brokerId) {
        this.brokerId = OptionalInt.of(brokerId);
        return this;
    }

    public OptionalInt brokerId() {
        return brokerId;
    }
}
