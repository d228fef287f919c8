package dev.runnel.common.metrics;

/** A bound on a metric's value, upper or lower, as Kafka's {@code Quota}. Immutable. */
public final class Quota {
    private final double bound;
    private final boolean upper;

    public Quota(double bound, boolean upper) {
        this.bound = bound;
        this.upper = upper;
    }

    /** Returns a quota the value must not exceed. */
    public static Quota upperBound(double upperBound) {
        return new Quota(upperBound, true);
    }

    /** Returns a quota the value must not fall below. */
    public static Quota lowerBound(double lowerBound) {
        return new Quota(lowerBound, false);
    }

    public boolean isUpperBound() {
        return upper;
    }

    public double bound() {
        return bound;
    }

    /** Returns whether {@code value} is within the bound; a value equal to it is. */
    public boolean acceptable(double value) {
        return upper ? value <= bound : value >= bound;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Quota that && Double.compare(bound, that.bound) == 0 && upper == that.upper;
    }

    @Override
    public int hashCode() {
        return 31 * (31 + (int) bound) + (upper ? 1 : 0);
    }

    @Override
    public String toString() {
        return (upper ? "upper=" : "lower=") + bound;
    }
}
