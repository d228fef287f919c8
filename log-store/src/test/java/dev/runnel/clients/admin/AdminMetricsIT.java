package dev.runnel.clients.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.common.MetricName;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin client's metrics: one request per operation, Kafka's names, and JMX until closed. */
class AdminMetricsIT {
    private static final MetricName REQUEST_TOTAL = new MetricName("request-total", "admin-client-metrics", "",
        Map.of("client-id", "a1"));

    @TempDir
    Path dataDir;

    @Test
    void shouldCountEachOperationAsARequest() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName bean = new ObjectName("kafka.admin.client:type=admin-client-metrics,client-id=a1");
        try (Admin admin = Admin.create(Map.of("log.dir", dataDir.toString(), "client.id", "a1"))) {
            assertEquals(0.0, admin.metrics().get(REQUEST_TOTAL).metricValue());

            admin.createTopics(List.of(new NewTopic("t", 1, (short) 1))).all().get();
            admin.listTopics().names().get();

            assertEquals(2.0, admin.metrics().get(REQUEST_TOTAL).metricValue());
            assertTrue((Double) admin.metrics().get(new MetricName("request-rate", "admin-client-metrics", "",
                Map.of("client-id", "a1"))).metricValue() > 0);
            assertEquals(2.0, server.getAttribute(bean, "request-total"));
        }
        assertFalse(server.isRegistered(bean));
    }

    @Test
    void shouldNameAnAdminClientWithoutClientIdAsKafkaDoes() {
        try (Admin admin = Admin.create(Map.of("log.dir", dataDir.toString()))) {
            for (MetricName name : admin.metrics().keySet()) {
                assertTrue(name.tags().get("client-id").matches("adminclient-\\d+"), name::toString);
            }
            // request-total, request-rate and, as in every Kafka client, kafka-metrics-count's count.
            assertEquals(3, admin.metrics().size());
        }
    }
}
