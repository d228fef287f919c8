package dev.runnel.common.metrics;

import dev.runnel.common.Metric;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;

/** One JMX bean: the metrics of one group and tag set, one read-only attribute each. Thread-safe. */
final class MetricsMBean implements DynamicMBean {
    private final Map<String, Metric> metrics = new ConcurrentHashMap<>();

    void put(String attribute, Metric metric) {
        metrics.put(attribute, metric);
    }

    /** Removes an attribute; returns whether the bean has none left. */
    boolean remove(String attribute) {
        metrics.remove(attribute);
        return metrics.isEmpty();
    }

    @Override
    public Object getAttribute(String attribute) throws AttributeNotFoundException {
        Metric metric = metrics.get(attribute);
        if (metric == null) {
            throw new AttributeNotFoundException("No metric " + attribute);
        }
        return metric.metricValue();
    }

    @Override
    public void setAttribute(Attribute attribute) {
        throw new UnsupportedOperationException("Metrics are read-only");
    }

    @Override
    public AttributeList getAttributes(String[] attributes) {
        AttributeList list = new AttributeList();
        for (String name : attributes) {
            Metric metric = metrics.get(name);
            if (metric != null) {
                list.add(new Attribute(name, metric.metricValue()));
            }
        }
        return list;
    }

    @Override
    public AttributeList setAttributes(AttributeList attributes) {
        return new AttributeList();
    }

    @Override
    public Object invoke(String actionName, Object[] params, String[] signature) {
        throw new UnsupportedOperationException("No operations");
    }

    @Override
    public MBeanInfo getMBeanInfo() {
        MBeanAttributeInfo[] attributes = metrics.entrySet().stream()
            .map(e -> new MBeanAttributeInfo(e.getKey(), Object.class.getName(),
                e.getValue().metricName().description(), true, false, false))
            .toArray(MBeanAttributeInfo[]::new);
        return new MBeanInfo(getClass().getName(), "Runnel metrics", attributes, null,
            new MBeanOperationInfo[0], null);
    }
}
