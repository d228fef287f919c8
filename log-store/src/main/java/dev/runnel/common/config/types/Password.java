package dev.runnel.common.config.types;

/**
 * The value of a {@code PASSWORD} config, as Kafka's {@code Password}: {@link #toString()} prints {@value #HIDDEN},
 * so that logging a config's values does not leak it; {@link #value()} returns the secret. Immutable.
 */
public class Password {
    /** What a password prints as. */
    public static final String HIDDEN = "[hidden]";

    private final String value;

    /** Wraps {@code value}, the secret. */
    public Password(String value) {
        this.value = value;
    }

    /** Returns the secret. */
    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Password password && value.equals(password.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return HIDDEN;
    }
}
