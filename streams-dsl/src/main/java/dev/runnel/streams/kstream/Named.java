package dev.runnel.streams.kstream;

import java.util.Objects;

/**
 * The name of the processor an operation creates, instead of the generated {@code KSTREAM-FILTER-0000000001}. Names
 * appear in {@code Topology.describe()} and in internal topic and store names. Immutable.
 */
public class Named implements NamedOperation<Named> {
    private static final int MAX_NAME_LENGTH = 249;

    /** The name, or {@code null} for a generated one. */
    protected final String name;

    /** Creates a copy of {@code named}; {@code null} gives an instance without a name. */
    protected Named(Named named) {
        this(named == null ? null : named.name);
    }

    /** Creates a name; {@code null} means generated. */
    protected Named(String name) {
        if (name != null) {
            validate(name);
        }
        this.name = name;
    }

    /**
     * Returns the given name.
     *
     * @throws dev.runnel.streams.errors.TopologyException if the name is empty, longer than 249 characters, "." or
     *     "..", or has characters other than ASCII letters, digits, '.', '_' and '-'
     */
    public static Named as(String name) {
        return new Named(Objects.requireNonNull(name, "name cannot be null"));
    }

    /** Returns a new instance with the given name. */
    @Override
    public Named withName(String name) {
        return new Named(Objects.requireNonNull(name, "name cannot be null"));
    }

    /**
     * Checks a name given to an operation or a store.
     *
     * @throws dev.runnel.streams.errors.TopologyException if the name is illegal
     */
    protected static void validate(String name) {
        if (name.isEmpty()) {
            throw new dev.runnel.streams.errors.TopologyException("Name is illegal, it can't be empty");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new dev.runnel.streams.errors.TopologyException("Name is illegal, it can't be longer than "
                + MAX_NAME_LENGTH + " characters, name: " + name);
        }
        if (name.equals(".") || name.equals("..")) {
            throw new dev.runnel.streams.errors.TopologyException("Name cannot be \".\" or \"..\"");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean legal = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.'
                || c == '_' || c == '-';
            if (!legal) {
                throw new dev.runnel.streams.errors.TopologyException("Name \"" + name + "\" is illegal, it contains a"
                    + " character other than ASCII alphanumerics, '.', '_' and '-'");
            }
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Named that && getClass() == that.getClass() && Objects.equals(name, that.name);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(name);
    }

    @Override
    public String toString() {
        return "Named{name=" + name + "}";
    }
}
