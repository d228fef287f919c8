package dev.runnel.common.config;

import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The definition of a component's configs, as Kafka's {@code ConfigDef}: each key's type, default, validator,
 * importance and documentation. {@link #parse(Map)} turns given values (strings or typed) into typed ones, fills in
 * defaults and validates, naming the key, the value and what is allowed on failure.
 *
 * <pre>{@code
 * ConfigDef def = new ConfigDef()
 *     .define("num.stream.threads", Type.INT, 1, Range.atLeast(1), Importance.MEDIUM, "Processing threads.");
 * int threads = (Integer) def.parse(Map.of("num.stream.threads", "2")).get("num.stream.threads");
 * }</pre>
 *
 * <p>Not thread-safe while being defined; immutable in use once shared.
 */
public class ConfigDef {
    /** The default of a key that has none: such a key is required. */
    public static final Object NO_DEFAULT_VALUE = new Object();

    private final Map<String, ConfigKey> keys = new LinkedHashMap<>();

    /** Creates an empty definition. */
    public ConfigDef() {
    }

    /** Creates a copy of {@code base}, to define more keys on. */
    public ConfigDef(ConfigDef base) {
        keys.putAll(base.keys);
    }

    /** A config's type, which decides how its values are parsed. */
    public enum Type {
        BOOLEAN, STRING, INT, SHORT, LONG, DOUBLE, LIST, CLASS, PASSWORD
    }

    /** How much a user needs to care about a config. */
    public enum Importance {
        HIGH, MEDIUM, LOW
    }

    /** Checks a parsed value; throws {@link ConfigException} if it is not allowed. */
    @FunctionalInterface
    public interface Validator {
        void ensureValid(String name, Object value);
    }

    /** One key's definition. Immutable. */
    public static class ConfigKey {
        public final String name;
        public final Type type;
        public final String documentation;
        public final Object defaultValue;
        public final Validator validator;
        public final Importance importance;

        ConfigKey(String name, Type type, Object defaultValue, Validator validator, Importance importance,
            String documentation) {
            this.name = name;
            this.type = type;
            this.defaultValue = defaultValue == NO_DEFAULT_VALUE ? NO_DEFAULT_VALUE
                : parseType(name, defaultValue, type);
            this.validator = validator;
            this.importance = importance;
            this.documentation = documentation;
            if (validator != null && this.defaultValue != NO_DEFAULT_VALUE) {
                validator.ensureValid(name, this.defaultValue);
            }
        }

        /** Returns whether the key has a default (and is therefore optional). */
        public boolean hasDefault() {
            return defaultValue != NO_DEFAULT_VALUE;
        }
    }

    /**
     * Defines a key.
     *
     * @throws IllegalArgumentException if the key is already defined
     * @throws ConfigException if the default is not of {@code type} or not valid
     */
    public ConfigDef define(String name, Type type, Object defaultValue, Validator validator, Importance importance,
        String documentation) {
        if (keys.containsKey(name)) {
            throw new IllegalArgumentException("Configuration " + name + " is defined twice.");
        }
        keys.put(name, new ConfigKey(name, type, defaultValue, validator, importance, documentation));
        return this;
    }

    /** Defines a key without a validator. */
    public ConfigDef define(String name, Type type, Object defaultValue, Importance importance, String documentation) {
        return define(name, type, defaultValue, null, importance, documentation);
    }

    /** Defines a required key: one without a default. */
    public ConfigDef define(String name, Type type, Importance importance, String documentation) {
        return define(name, type, NO_DEFAULT_VALUE, null, importance, documentation);
    }

    /** Returns the defined keys' names, in definition order. */
    public Set<String> names() {
        return Collections.unmodifiableSet(keys.keySet());
    }

    /** Returns the definitions by name, in definition order. */
    public Map<String, ConfigKey> configKeys() {
        return Collections.unmodifiableMap(keys);
    }

    /** Returns the default of each key that has one. */
    public Map<String, Object> defaultValues() {
        Map<String, Object> defaults = new HashMap<>();
        for (ConfigKey key : keys.values()) {
            if (key.hasDefault()) {
                defaults.put(key.name, key.defaultValue);
            }
        }
        return defaults;
    }

    /**
     * Parses and validates the defined keys of {@code props} (other keys are ignored), filling in defaults.
     *
     * @return every defined key's typed value
     * @throws ConfigException if a required key is missing or a value is of the wrong type or invalid
     */
    public Map<String, Object> parse(Map<?, ?> props) {
        Map<String, Object> values = new HashMap<>();
        for (ConfigKey key : keys.values()) {
            Object value;
            if (props.containsKey(key.name)) {
                value = parseType(key.name, props.get(key.name), key.type);
            } else if (key.hasDefault()) {
                value = key.defaultValue;
            } else {
                throw new ConfigException("Missing required configuration \"" + key.name
                    + "\" which has no default value.");
            }
            if (key.validator != null) {
                key.validator.ensureValid(key.name, value);
            }
            values.put(key.name, value);
        }
        return values;
    }

    /**
     * Parses {@code value} as {@code type}: strings are converted, values already of the type kept; {@code null}
     * stays {@code null}.
     *
     * @throws ConfigException if the value cannot be converted
     */
    public static Object parseType(String name, Object value, Type type) {
        if (value == null) {
            return null;
        }
        String text = value instanceof String string ? string.trim() : null;
        try {
            return switch (type) {
                case BOOLEAN -> parseBoolean(name, value, text);
                case STRING, PASSWORD -> text != null ? text : requireType(name, value, String.class, type);
                case INT -> value instanceof Integer ? value : text != null ? (Object) Integer.parseInt(text)
                    : Math.toIntExact(requireWhole(name, value, type));
                case SHORT -> value instanceof Short ? value : text != null ? (Object) Short.parseShort(text)
                    : (short) Math.toIntExact(requireWhole(name, value, type));
                case LONG -> value instanceof Long ? value : text != null ? (Object) Long.parseLong(text)
                    : requireWhole(name, value, type);
                case DOUBLE -> value instanceof Number number ? (Object) number.doubleValue()
                    : Double.parseDouble(requireText(name, value, text, type));
                case LIST -> parseList(name, value, text);
                case CLASS -> parseClass(name, value, text);
            };
        } catch (NumberFormatException | ArithmeticException e) {
            throw new ConfigException("Invalid value " + value + " for configuration " + name
                + ": Not a number of type " + type, e);
        }
    }

    /**
     * Returns a new instance of the class {@code value} names (a {@code Class} or a class name), created through its
     * public no-argument constructor; {@code null} if {@code value} is.
     *
     * @throws ConfigException if the class is missing, does not implement {@code type} or cannot be
     *     created
     */
    public static <T> T newInstance(String name, Object value, Class<T> type) {
        Class<?> clazz = (Class<?>) parseType(name, value, Type.CLASS);
        if (clazz == null) {
            return null;
        }
        if (!type.isAssignableFrom(clazz)) {
            throw new ConfigException("Invalid value " + clazz.getName() + " for configuration " + name
                + ": expected a class implementing " + type.getName());
        }
        try {
            return type.cast(clazz.getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException | RuntimeException e) {
            Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
            throw new ConfigException("Could not create an instance of " + clazz.getName()
                + " for configuration " + name + "; it needs a public no-argument constructor", cause);
        }
    }

    private static Object parseBoolean(String name, Object value, String text) {
        if (value instanceof Boolean) {
            return value;
        }
        if ("true".equalsIgnoreCase(text) || "false".equalsIgnoreCase(text)) {
            return Boolean.parseBoolean(text);
        }
        throw new ConfigException("Invalid value " + value + " for configuration " + name
            + ": Expected value to be either true or false");
    }

    private static long requireWhole(String name, Object value, Type type) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        throw wrongType(name, value, type);
    }

    private static String requireText(String name, Object value, String text, Type type) {
        if (text == null) {
            throw wrongType(name, value, type);
        }
        return text;
    }

    private static Object requireType(String name, Object value, Class<?> clazz, Type type) {
        if (!clazz.isInstance(value)) {
            throw wrongType(name, value, type);
        }
        return value;
    }

    private static ConfigException wrongType(String name, Object value, Type type) {
        return new ConfigException("Invalid value " + value + " for configuration " + name
            + ": Expected value to be of type " + type + ", but was " + value.getClass().getName());
    }

    private static List<String> parseList(String name, Object value, String text) {
        if (value instanceof List<?> list) {
            List<String> strings = new ArrayList<>();
            for (Object element : list) {
                strings.add(element instanceof Class<?> clazz ? clazz.getName() : String.valueOf(element).trim());
            }
            return List.copyOf(strings);
        }
        String csv = requireText(name, value, text, Type.LIST);
        return csv.isEmpty() ? List.of() : Arrays.stream(csv.split("\\s*,\\s*", -1)).toList();
    }

    private static Class<?> parseClass(String name, Object value, String text) {
        if (value instanceof Class<?> clazz) {
            return clazz;
        }
        String className = requireText(name, value, text, Type.CLASS);
        try {
            return Class.forName(className, true, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException e) {
            throw new ConfigException("Invalid value " + value + " for configuration " + name
                + ": Class " + className + " could not be found.", e);
        }
    }

    /** A numeric range, bounds inclusive; {@code null} passes (a key that is unset on purpose). */
    public static final class Range implements Validator {
        private final Number min;
        private final Number max;

        private Range(Number min, Number max) {
            this.min = min;
            this.max = max;
        }

        /** Allows values of at least {@code min}. */
        public static Range atLeast(Number min) {
            return new Range(min, null);
        }

        /** Allows values from {@code min} to {@code max}. */
        public static Range between(Number min, Number max) {
            return new Range(min, max);
        }

        @Override
        public void ensureValid(String name, Object value) {
            if (value == null) {
                return;
            }
            double number = ((Number) value).doubleValue();
            if (min != null && number < min.doubleValue()) {
                throw new ConfigException("Invalid value " + value + " for configuration " + name
                    + ": Value must be at least " + min);
            }
            if (max != null && number > max.doubleValue()) {
                throw new ConfigException("Invalid value " + value + " for configuration " + name
                    + ": Value must be no more than " + max);
            }
        }

        @Override
        public String toString() {
            return "[" + (min == null ? "..." : min) + ",...," + (max == null ? "" : max) + "]";
        }
    }

    /** One of a set of strings, case-sensitive or not; {@code null} passes only if listed. */
    public static final class ValidString implements Validator {
        private final List<String> validStrings;
        private final boolean caseSensitive;

        private ValidString(List<String> validStrings, boolean caseSensitive) {
            this.validStrings = validStrings;
            this.caseSensitive = caseSensitive;
        }

        /** Allows exactly the given strings ({@code null} among them allows an unset key). */
        public static ValidString in(String... validStrings) {
            return new ValidString(Arrays.asList(validStrings), true);
        }

        /**
         * Allows the given strings in any case. A refusal lists them upper case, in the order of a hash set of them,
         * as Kafka's ConfigDef lists them.
         */
        public static ValidString caseInsensitiveIn(String... validStrings) {
            Set<String> upperCase = new HashSet<>();
            for (String valid : validStrings) {
                upperCase.add(valid.toUpperCase(Locale.ROOT));
            }
            return new ValidString(List.copyOf(upperCase), false);
        }

        @Override
        public void ensureValid(String name, Object value) {
            String string = (String) value;
            for (String valid : validStrings) {
                if (valid == null ? string == null
                    : string != null && (caseSensitive ? valid.equals(string) : valid.equalsIgnoreCase(string))) {
                    return;
                }
            }
            throw new ConfigException("Invalid value " + value + " for configuration " + name
                + ": String must be one of" + (caseSensitive ? "" : " (case insensitive)") + ": "
                + String.join(", ", validStrings.stream().map(String::valueOf).toList()));
        }

        @Override
        public String toString() {
            return "[" + String.join(", ", validStrings.stream().map(String::valueOf).toList()) + "]";
        }
    }

    /** Formats a key's definition for a listing, as {@code name (type, default): documentation}. */
    public static String describe(ConfigKey key) {
        return String.format(Locale.ROOT, "%s (%s, default %s): %s", key.name, key.type.name().toLowerCase(
            Locale.ROOT), key.hasDefault() ? key.defaultValue : "none", key.documentation);
    }
}
