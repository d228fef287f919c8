package dev.runnel.common.config.internals;

import dev.runnel.common.Configurable;
import dev.runnel.common.config.ConfigException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads Kafka-named configs into typed values, with errors that name the key, the value and the valid range. Used
 * once, where a client or the log parses its configs into a typed settings record. Not thread-safe.
 */
public final class ConfigReader {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigReader.class);

    private final Map<String, Object> values;

    /** Reads {@code values}; keys outside {@code knownKeys} are logged as warnings, as Kafka does. */
    public ConfigReader(Map<String, ?> values, Set<String> knownKeys, String owner) {
        this(values);
        for (String key : values.keySet()) {
            if (!knownKeys.contains(key)) {
                LOG.warn("The {} config '{}' is not a known config; it is ignored", owner, key);
            }
        }
    }

    /** Reads {@code values} without checking for unknown keys. */
    public ConfigReader(Map<String, ?> values) {
        this.values = new HashMap<>(values);
    }

    public static Map<String, Object> toMap(Properties properties) {
        Map<String, Object> map = new HashMap<>();
        for (String name : properties.stringPropertyNames()) {
            map.put(name, properties.getProperty(name));
        }
        properties.forEach((key, value) -> map.put(key.toString(), value));
        return map;
    }

    public Map<String, Object> originals() {
        return Map.copyOf(values);
    }

    public Object raw(String key) {
        return values.get(key);
    }

    public String string(String key, String defaultValue) {
        Object value = values.get(key);
        return value == null ? defaultValue : value.toString().trim();
    }

    public long longValue(String key, long defaultValue, long min, long max) {
        Object raw = values.get(key);
        if (raw == null) {
            return defaultValue;
        }
        long value;
        try {
            value = raw instanceof Number n ? n.longValue() : Long.parseLong(raw.toString().trim());
        } catch (NumberFormatException e) {
            throw invalid(key, raw, "a whole number");
        }
        if (value < min || value > max) {
            throw invalid(key, raw, max == Long.MAX_VALUE ? "[" + min + ",...]" : "[" + min + ",...," + max + "]");
        }
        return value;
    }

    public int intValue(String key, int defaultValue, int min, int max) {
        return (int) longValue(key, defaultValue, min, max);
    }

    /** Returns a number in [min, max], as ratios such as {@code min.cleanable.dirty.ratio} are. */
    public double doubleValue(String key, double defaultValue, double min, double max) {
        Object raw = values.get(key);
        if (raw == null) {
            return defaultValue;
        }
        double value;
        try {
            value = raw instanceof Number n ? n.doubleValue() : Double.parseDouble(raw.toString().trim());
        } catch (NumberFormatException e) {
            throw invalid(key, raw, "a number in [" + min + ",...," + max + "]");
        }
        if (!(value >= min && value <= max)) {
            throw invalid(key, raw, "[" + min + ",...," + max + "]");
        }
        return value;
    }

    public boolean bool(String key, boolean defaultValue) {
        Object raw = values.get(key);
        if (raw == null) {
            return defaultValue;
        }
        String text = raw.toString().trim().toLowerCase(Locale.ROOT);
        if (!text.equals("true") && !text.equals("false")) {
            throw invalid(key, raw, "true or false");
        }
        return Boolean.parseBoolean(text);
    }

    /** Returns the value if it is one of {@code allowed} (ignoring case), lower-cased. */
    public String oneOf(String key, String defaultValue, Set<String> allowed) {
        String value = string(key, defaultValue).toLowerCase(Locale.ROOT);
        if (!allowed.contains(value)) {
            throw invalid(key, value, String.join(", ", new java.util.TreeSet<>(allowed)));
        }
        return value;
    }

    /**
     * Returns an instance for a key whose value is an instance, a {@code Class} or a class name, created with its
     * public no-argument constructor; {@code null} when the key is absent.
     */
    public <T> T instance(String key, Class<T> type) {
        Object raw = values.get(key);
        return raw == null ? null : create(key, raw, type);
    }

    /**
     * Returns an instance per entry of a list-valued key, as {@link #instance} creates them, in order: the value is a
     * {@code List} of instances, classes or class names, or a comma-separated string of class names. Empty when the key
     * is absent.
     */
    public <T> List<T> instances(String key, Class<T> type) {
        Object raw = values.get(key);
        if (raw == null) {
            return List.of();
        }
        Collection<?> entries = raw instanceof Collection<?> c ? c
            : raw instanceof Class<?> ? List.of(raw)
            : Arrays.stream(raw.toString().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        List<T> result = new ArrayList<>(entries.size());
        for (Object entry : entries) {
            result.add(create(key, entry, type));
        }
        return result;
    }

    /** As {@link #instances}, each then configured with all the values read, as Kafka configures its plugins. */
    public <T extends Configurable> List<T> configuredInstances(String key, Class<T> type) {
        List<T> created = instances(key, type);
        created.forEach(plugin -> plugin.configure(values));
        return created;
    }

    private static <T> T create(String key, Object raw, Class<T> type) {
        if (type.isInstance(raw)) {
            return type.cast(raw);
        }
        try {
            Class<?> cls = raw instanceof Class<?> c ? c : Class.forName(raw.toString().trim(), true,
                Thread.currentThread().getContextClassLoader());
            if (!type.isAssignableFrom(cls)) {
                throw invalid(key, raw, "a class implementing " + type.getName());
            }
            return type.cast(cls.getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException e) {
            throw new ConfigException("Invalid value " + raw + " for configuration " + key
                + ": cannot create an instance (" + e + ")");
        }
    }

    /** The error for a bad value: {@code Invalid value V for configuration K: valid values are RANGE}. */
    public static ConfigException invalid(String key, Object value, String validValues) {
        return new ConfigException(String.format(Locale.ROOT,
            "Invalid value %s for configuration %s: valid values are %s", value, key, validValues));
    }
}
