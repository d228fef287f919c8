package dev.runnel.common.metrics;

import dev.runnel.common.MetricName;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes metrics in the platform MBean server as Kafka's {@code JmxReporter} does: one bean per group and tag set,
 * named {@code <prefix>:type=<group>,<tag>=<value>,...}, with one read-only attribute per metric. Kafka's prefixes
 * are {@code kafka.producer}, {@code kafka.consumer}, {@code kafka.admin.client} and {@code kafka.streams}. A bean
 * already registered under the same name (another client with the same {@code client.id}) is replaced, as in Kafka.
 * Every client and Kafka Streams publishes through one already, so listing it in {@code metric.reporters} changes
 * nothing (it is accepted, as in Kafka, where it is the default). Thread-safe.
 */
public final class JmxReporter implements MetricsReporter {
    private static final Logger LOG = LoggerFactory.getLogger(JmxReporter.class);
    /** Tags that come first in a bean's name, in this order, as Kafka names them; any others follow by name. */
    private static final String[] LEADING_TAGS = {"client-id", "thread-id", "task-id", "in-memory-state-id", "topic",
        "partition"};

    private volatile String prefix;
    private final Map<ObjectName, MetricsMBean> beans = new ConcurrentHashMap<>();
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    /** Creates a reporter publishing under the JMX domain {@code prefix}, such as {@code kafka.producer}. */
    public JmxReporter(String prefix) {
        this.prefix = Objects.requireNonNull(prefix, "prefix");
    }

    /** Creates a reporter publishing under the namespace of the registry it is given ({@link #contextChange}). */
    public JmxReporter() {
        this.prefix = null;
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }

    /** Takes the JMX domain from the context's namespace, unless the constructor gave one. */
    @Override
    public void contextChange(MetricsContext metricsContext) {
        if (prefix == null) {
            prefix = metricsContext.contextLabels().get(MetricsContext.NAMESPACE);
        }
    }

    @Override
    public void init(List<KafkaMetric> metrics) {
        metrics.forEach(this::metricChange);
    }

    /** Publishes {@code metric}, replacing one of the same name. */
    @Override
    public void metricChange(KafkaMetric metric) {
        MetricName name = metric.metricName();
        beans.computeIfAbsent(objectName(prefix, name), this::register).put(name.name(), metric);
    }

    /** Withdraws {@code metric}; its bean goes once it has no metric left. */
    @Override
    public void metricRemoval(KafkaMetric metric) {
        MetricName name = metric.metricName();
        ObjectName objectName = objectName(prefix, name);
        beans.computeIfPresent(objectName, (ignored, bean) -> {
            if (!bean.remove(name.name())) {
                return bean;
            }
            unregister(objectName);
            return null;
        });
    }

    private MetricsMBean register(ObjectName objectName) {
        MetricsMBean bean = new MetricsMBean();
        try {
            if (server.isRegistered(objectName)) {
                server.unregisterMBean(objectName);
            }
            server.registerMBean(bean, objectName);
        } catch (JMException e) {
            LOG.warn("Could not register metrics MBean {}: {}", objectName, e.toString());
        }
        return bean;
    }

    private void unregister(ObjectName objectName) {
        try {
            if (server.isRegistered(objectName)) {
                server.unregisterMBean(objectName);
            }
        } catch (JMException e) {
            LOG.warn("Could not unregister metrics MBean {}: {}", objectName, e.toString());
        }
    }

    /** Unregisters every bean this reporter registered. */
    @Override
    public void close() {
        for (ObjectName name : beans.keySet()) {
            unregister(name);
        }
        beans.clear();
    }

    /**
     * Returns the JMX name of a metric's group and tags under {@code prefix}, e.g. {@code
     * kafka.consumer:type=consumer-fetch-manager-metrics,client-id=c1,topic=t,partition=0}.
     */
    public static ObjectName objectName(String prefix, MetricName name) {
        StringBuilder text = new StringBuilder(prefix).append(":type=").append(name.group());
        Map<String, String> others = new TreeMap<>(name.tags());
        for (String tag : LEADING_TAGS) {
            String value = others.remove(tag);
            if (value != null) {
                appendTag(text, tag, value);
            }
        }
        others.forEach((tag, value) -> appendTag(text, tag, value));
        try {
            return new ObjectName(text.toString());
        } catch (JMException e) {
            throw new IllegalArgumentException("Invalid metric name " + name + ": " + e.getMessage(), e);
        }
    }

    private static void appendTag(StringBuilder text, String tag, String value) {
        boolean plain = value.matches("[^,=:\"*?\\n]*");
        text.append(',').append(tag).append('=').append(plain ? value : ObjectName.quote(value));
    }
}
