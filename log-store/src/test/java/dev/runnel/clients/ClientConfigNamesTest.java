package dev.runnel.clients;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.clients.admin.AdminClientConfig;
import dev.runnel.clients.consumer.ConsumerConfig;
import dev.runnel.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

/** Each client lists the configs it knows, as Kafka's do, so that a ported application can filter its own by them. */
class ClientConfigNamesTest {
    @Test
    void eachClientListsTheConfigsItKnows() {
        assertTrue(ProducerConfig.configNames().contains(ProducerConfig.LINGER_MS_CONFIG));
        assertTrue(ConsumerConfig.configNames().contains(ConsumerConfig.GROUP_ID_CONFIG));
        assertTrue(AdminClientConfig.configNames().contains(AdminClientConfig.CLIENT_ID_CONFIG));
    }
}
