package dev.runnel.common.config.internals;

import dev.runnel.common.config.ConfigException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Reads the embedded log's Kafka-named configs (a topic's, the log's own) into typed values, with errors that name
 * the key, the value and the valid range. The clients parse theirs as Kafka's do, through their {@code ConfigDef}s.
 * Not thread-safe.
 */
public final class ConfigReader {
    private final Map<String, Object> values;

    /** Reads {@code values}. */
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

    /** The error for a bad value: {@code Invalid value V for configuration K: valid values are RANGE}. */
    public static ConfigException invalid(String key, Object value, String validValues) {
        return new ConfigException(String.format(Locale.ROOT,
            "Invalid value %s for configuration %s: valid values are %s", value, key, validValues));
    }
}
