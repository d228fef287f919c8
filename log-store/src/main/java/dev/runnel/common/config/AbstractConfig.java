package dev.runnel.common.config;

import dev.runnel.common.Configurable;
import dev.runnel.common.KafkaException;
import dev.runnel.common.config.types.Password;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A component's configuration parsed against a {@link ConfigDef}, as Kafka's {@code AbstractConfig}: the values as
 * given ({@link #originals()}) and parsed ({@link #values()}), typed getters, prefixed views, and plugins created
 * from class-valued keys. Applications define their own settings by extending it:
 *
 * <pre>{@code
 * class AppConfig extends AbstractConfig {
 *     static final ConfigDef CONFIG = new ConfigDef()
 *         .define("app.batch.size", Type.INT, 5, Range.atLeast(1), Importance.HIGH, "Records per batch.");
 *
 *     AppConfig(Map<?, ?> props) {
 *         super(CONFIG, props);
 *     }
 * }
 * int batchSize = new AppConfig(props).getInt("app.batch.size");
 * }</pre>
 *
 * <p>Config providers are not supported: {@code config.providers} is accepted and ignored, and
 * {@code ${provider:path:key}} references in values stay as they are. The getters record which keys were read, for
 * {@link #unused()}; that record is thread-safe, the rest immutable after construction.
 */
public class AbstractConfig {
    /** {@code config.providers}: accepted for compatibility and ignored; Runnel resolves no config providers. */
    public static final String CONFIG_PROVIDERS_CONFIG = "config.providers";
    /** The documentation of {@link #CONFIG_PROVIDERS_CONFIG}. */
    public static final String CONFIG_PROVIDERS_DOC = "Names of config providers to load secrets from. Accepted and"
        + " ignored in Runnel, which resolves no config providers.";

    private static final Logger LOG = LoggerFactory.getLogger(AbstractConfig.class);

    private final Set<String> used = ConcurrentHashMap.newKeySet();
    private final Map<String, ?> originals;
    private final Map<String, Object> values;
    private final ConfigDef definition;

    /**
     * Parses {@code originals} against {@code definition}; if {@code doLog}, logs the parsed values at INFO (a
     * {@link Password} shows as {@value Password#HIDDEN}). {@code configProviderProps} is ignored.
     *
     * @throws ConfigException if a key is not a string, or a value is missing, of the wrong type or invalid
     */
    public AbstractConfig(ConfigDef definition, Map<?, ?> originals, Map<String, ?> configProviderProps,
        boolean doLog) {
        this.originals = preProcessParsedConfig(Collections.unmodifiableMap(stringKeys(originals)));
        this.values = definition.parse(this.originals);
        Map<String, Object> updates = postProcessParsedConfig(Collections.unmodifiableMap(values));
        values.putAll(updates);
        // The updates are validated as the given values were.
        definition.parse(values);
        this.definition = definition;
        if (doLog) {
            logAll();
        }
    }

    /** As {@link #AbstractConfig(ConfigDef, Map, Map, boolean)}, logging the values. */
    public AbstractConfig(ConfigDef definition, Map<?, ?> originals) {
        this(definition, originals, Map.of(), true);
    }

    /** As {@link #AbstractConfig(ConfigDef, Map, Map, boolean)}. */
    public AbstractConfig(ConfigDef definition, Map<?, ?> originals, boolean doLog) {
        this(definition, originals, Map.of(), doLog);
    }

    private static Map<String, Object> stringKeys(Map<?, ?> originals) {
        Map<String, Object> copy = new HashMap<>();
        originals.forEach((key, value) -> {
            if (!(key instanceof String name)) {
                throw new ConfigException(String.valueOf(key), value, "Key must be a string.");
            }
            copy.put(name, value);
        });
        return copy;
    }

    /** Returns the given configs to parse, {@code originals} unless a subclass adjusts them before parsing. */
    protected Map<String, Object> preProcessParsedConfig(Map<String, Object> originals) {
        return originals;
    }

    /** Returns values to set over the parsed ones (they are validated again); none unless a subclass adds some. */
    protected Map<String, Object> postProcessParsedConfig(Map<String, Object> parsedValues) {
        return Map.of();
    }

    /**
     * Returns the parsed value of {@code key} and records it as used.
     *
     * @throws ConfigException if {@code key} has no value: it is not defined
     */
    protected Object get(String key) {
        if (!values.containsKey(key)) {
            throw new ConfigException("Unknown configuration '" + key + "'");
        }
        used.add(key);
        return values.get(key);
    }

    /** Records {@code key} as used, so that {@link #unused()} leaves it out. */
    public void ignore(String key) {
        used.add(key);
    }

    public Short getShort(String key) {
        return (Short) get(key);
    }

    public Integer getInt(String key) {
        return (Integer) get(key);
    }

    public Long getLong(String key) {
        return (Long) get(key);
    }

    public Double getDouble(String key) {
        return (Double) get(key);
    }

    @SuppressWarnings("unchecked")
    public List<String> getList(String key) {
        return (List<String>) get(key);
    }

    public Boolean getBoolean(String key) {
        return (Boolean) get(key);
    }

    public String getString(String key) {
        return (String) get(key);
    }

    public Password getPassword(String key) {
        return (Password) get(key);
    }

    public Class<?> getClass(String key) {
        return (Class<?>) get(key);
    }

    /** Returns the type {@code key} is defined with, or {@code null} if it is not defined. */
    public ConfigDef.Type typeOf(String key) {
        ConfigDef.ConfigKey configKey = definition.configKeys().get(key);
        return configKey == null ? null : configKey.type;
    }

    /** Returns the documentation of {@code key}, or {@code null} if it is not defined. */
    public String documentationOf(String key) {
        ConfigDef.ConfigKey configKey = definition.configKeys().get(key);
        return configKey == null ? null : configKey.documentation;
    }

    /** Returns the given keys that no getter has read (and that were not {@linkplain #ignore ignored}). */
    public Set<String> unused() {
        Set<String> keys = new HashSet<>(originals.keySet());
        keys.removeAll(used);
        return keys;
    }

    /** Returns a copy of the configs as given; reading a key from it marks the key used. */
    public Map<String, Object> originals() {
        Map<String, Object> copy = new RecordingMap<>();
        copy.putAll(originals);
        return copy;
    }

    /** As {@link #originals()}, with {@code configOverrides} over them. */
    public Map<String, Object> originals(Map<String, Object> configOverrides) {
        Map<String, Object> copy = originals();
        copy.putAll(configOverrides);
        return copy;
    }

    /**
     * Returns the configs as given, each value a string.
     *
     * @throws ClassCastException if a value is not a string
     */
    public Map<String, String> originalsStrings() {
        Map<String, String> copy = new RecordingMap<>();
        originals.forEach((key, value) -> {
            if (!(value instanceof String string)) {
                throw new ClassCastException("Non-string value found in original settings for key " + key + ": "
                    + (value == null ? null : value.getClass().getName()));
            }
            copy.put(key, string);
        });
        return copy;
    }

    /** Returns the given configs whose key starts with (and is longer than) {@code prefix}, the prefix removed. */
    public Map<String, Object> originalsWithPrefix(String prefix) {
        return originalsWithPrefix(prefix, true);
    }

    /** As {@link #originalsWithPrefix(String)}, the prefix removed only if {@code strip}. */
    public Map<String, Object> originalsWithPrefix(String prefix, boolean strip) {
        Map<String, Object> result = new RecordingMap<>(prefix, false);
        originals.forEach((key, value) -> {
            if (key.startsWith(prefix) && key.length() > prefix.length()) {
                result.put(strip ? key.substring(prefix.length()) : key, value);
            }
        });
        return result;
    }

    /**
     * Returns the parsed values, each defined key given with {@code prefix} overriding its unprefixed value (parsed
     * and validated as that key); prefixed keys that are not defined are left out.
     */
    public Map<String, Object> valuesWithPrefixOverride(String prefix) {
        Map<String, Object> result = new RecordingMap<>(values(), prefix, true);
        originals.forEach((key, value) -> {
            if (key.startsWith(prefix) && key.length() > prefix.length()) {
                String unprefixed = key.substring(prefix.length());
                ConfigDef.ConfigKey configKey = definition.configKeys().get(unprefixed);
                if (configKey != null) {
                    result.put(unprefixed, definition.parseValue(configKey, value, true));
                }
            }
        });
        return result;
    }

    /**
     * Returns the parsed values if no key is given with {@code prefix}; otherwise only the defined keys given with
     * the prefix, parsed, without it: none of the unprefixed values.
     */
    public Map<String, Object> valuesWithPrefixAllOrNothing(String prefix) {
        Map<String, Object> withPrefix = originalsWithPrefix(prefix, true);
        if (withPrefix.isEmpty()) {
            return new RecordingMap<>(values(), "", true);
        }
        Map<String, Object> result = new RecordingMap<>(prefix, true);
        withPrefix.forEach((key, value) -> {
            ConfigDef.ConfigKey configKey = definition.configKeys().get(key);
            if (configKey != null) {
                result.put(key, definition.parseValue(configKey, value, true));
            }
        });
        return result;
    }

    /** Returns a copy of the parsed values; reading a key from it marks the key used. */
    public Map<String, ?> values() {
        return new RecordingMap<>(values);
    }

    /** As {@link #values()}, without the keys defined as internal. */
    public Map<String, ?> nonInternalValues() {
        Map<String, Object> result = new RecordingMap<>();
        values.forEach((key, value) -> {
            ConfigDef.ConfigKey configKey = definition.configKeys().get(key);
            if (configKey == null || !configKey.internalConfig) {
                result.put(key, value);
            }
        });
        return result;
    }

    private void logAll() {
        StringBuilder text = new StringBuilder(getClass().getSimpleName()).append(" values: \n");
        // Only defined keys: a subclass may keep other given configs among its values, and those may be secrets.
        new TreeMap<>(definition.configKeys()).forEach((key, configKey) ->
            text.append('\t').append(key).append(" = ").append(values.get(key)).append('\n'));
        LOG.info(text.toString());
    }

    /** Logs, at INFO, the given keys that no getter has read. */
    public void logUnused() {
        Set<String> unused = unused();
        if (!unused.isEmpty()) {
            LOG.info("These configurations '{}' were supplied but are not used yet.", unused);
        }
    }

    /**
     * Returns a new instance of the class under {@code key} (a {@code Class} or a class name), created through its
     * public no-argument constructor and, if it is {@link Configurable}, configured with {@link #originals()};
     * {@code null} if the key's value is.
     *
     * @throws KafkaException if the class cannot be found or created, or is not a {@code t}
     */
    public <T> T getConfiguredInstance(String key, Class<T> t) {
        return getConfiguredInstance(key, t, Map.of());
    }

    /** As {@link #getConfiguredInstance(String, Class)}, configured with {@code configOverrides} over the originals. */
    public <T> T getConfiguredInstance(String key, Class<T> t, Map<String, Object> configOverrides) {
        return getConfiguredInstance(get(key), t, originals(configOverrides));
    }

    /** As {@link #getConfiguredInstance(String, Class)}, an instance per class listed under {@code key}, in order. */
    public <T> List<T> getConfiguredInstances(String key, Class<T> t) {
        return getConfiguredInstances(key, t, Map.of());
    }

    /** As {@link #getConfiguredInstances(String, Class)}, configured with {@code configOverrides} over originals. */
    public <T> List<T> getConfiguredInstances(String key, Class<T> t, Map<String, Object> configOverrides) {
        return getConfiguredInstances(getList(key), t, configOverrides);
    }

    /**
     * Returns an instance per class named in {@code classNames}, in order, each configured as
     * {@link #getConfiguredInstance(String, Class)} does; empty if {@code classNames} is {@code null}. If one fails,
     * those already created are closed.
     */
    public <T> List<T> getConfiguredInstances(List<String> classNames, Class<T> t,
        Map<String, Object> configOverrides) {
        List<T> instances = new ArrayList<>();
        if (classNames == null) {
            return instances;
        }
        Map<String, Object> configs = originals(configOverrides);
        try {
            for (Object className : classNames) {
                instances.add(getConfiguredInstance(className, t, configs));
            }
        } catch (RuntimeException e) {
            instances.forEach(AbstractConfig::closeQuietly);
            throw e;
        }
        return instances;
    }

    private static <T> T getConfiguredInstance(Object klass, Class<T> t, Map<String, Object> configs) {
        if (klass == null) {
            return null;
        }
        Object instance;
        if (klass instanceof String className) {
            try {
                instance = newInstance(Class.forName(className.trim(), true,
                    Thread.currentThread().getContextClassLoader()));
            } catch (ClassNotFoundException e) {
                throw new KafkaException("Class " + klass + " cannot be found", e);
            }
        } else if (klass instanceof Class<?> clazz) {
            instance = newInstance(clazz);
        } else {
            throw new KafkaException("Unexpected element of type " + klass.getClass().getName()
                + ", expected String or Class");
        }
        try {
            if (!t.isInstance(instance)) {
                throw new KafkaException(klass + " is not an instance of " + t.getName());
            }
            if (instance instanceof Configurable configurable) {
                configurable.configure(configs);
            }
        } catch (RuntimeException e) {
            closeQuietly(instance);
            throw e;
        }
        return t.cast(instance);
    }

    private static Object newInstance(Class<?> clazz) {
        try {
            return clazz.getDeclaredConstructor().newInstance();
        } catch (NoSuchMethodException e) {
            throw new KafkaException("Could not find a public no-argument constructor for " + clazz.getName(), e);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new KafkaException("Could not instantiate class " + clazz.getName(), e);
        }
    }

    private static void closeQuietly(Object instance) {
        if (instance instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("Failed to close {}, created for a failed getConfiguredInstance(s)", instance, e);
            }
        }
    }

    /** Two configs are equal if they are of the same class and were given the same configs. */
    @Override
    public boolean equals(Object other) {
        return other != null && getClass() == other.getClass() && originals.equals(((AbstractConfig) other).originals);
    }

    @Override
    public int hashCode() {
        return originals.hashCode();
    }

    /**
     * A copy of configs whose reads mark keys used: a key read from it is marked under {@code prefix} + key and, if
     * {@code withIgnoreFallback}, also unprefixed.
     */
    private class RecordingMap<V> extends HashMap<String, V> {
        private final String prefix;
        private final boolean withIgnoreFallback;

        RecordingMap() {
            this("", false);
        }

        RecordingMap(String prefix, boolean withIgnoreFallback) {
            this.prefix = prefix;
            this.withIgnoreFallback = withIgnoreFallback;
        }

        RecordingMap(Map<String, ? extends V> values) {
            this(values, "", false);
        }

        RecordingMap(Map<String, ? extends V> values, String prefix, boolean withIgnoreFallback) {
            super(values);
            this.prefix = prefix;
            this.withIgnoreFallback = withIgnoreFallback;
        }

        @Override
        public V get(Object key) {
            if (key instanceof String name) {
                ignore(prefix + name);
                if (withIgnoreFallback) {
                    ignore(name);
                }
            }
            return super.get(key);
        }
    }
}
