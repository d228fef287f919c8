package dev.runnel.common.metrics;

import dev.runnel.common.MetricName;
import java.util.List;
import java.util.Objects;

/**
 * A stat recorded once and published as several metrics, as Kafka's {@code CompoundStat}: a {@code Meter}'s rate
 * and total, or one metric per percentile of a {@code Percentiles}.
 */
public interface CompoundStat extends Stat {
    /** Returns the metrics this stat publishes. */
    List<NamedMeasurable> stats();

    /** One metric of a compound stat: its name and what measures it. */
    class NamedMeasurable {
        private final MetricName name;
        private final Measurable stat;

        public NamedMeasurable(MetricName name, Measurable stat) {
            this.name = Objects.requireNonNull(name, "name");
            this.stat = Objects.requireNonNull(stat, "stat");
        }

        public MetricName name() {
            return name;
        }

        public Measurable stat() {
            return stat;
        }
    }
}
