package dev.runnel.common.config;

import dev.runnel.common.config.types.Password;
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
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The definition of a component's configs, as Kafka's {@code ConfigDef}: each key's type, default, validator,
 * importance and documentation, and for generated documentation and UIs its group, order in the group, width,
 * display name, dependents and recommender. {@link #parse(Map)} turns given values (strings or typed) into typed
 * ones, fills in defaults and validates, naming the key, the value and what is allowed on failure, with Kafka's
 * messages; {@link #validateAll(Map)} collects every error instead of failing on the first. {@link #toRst()},
 * {@link #toHtml()} and {@link #toHtmlTable()} print the documentation.
 *
 * <pre>{@code
 * ConfigDef def = new ConfigDef()
 *     .define("num.stream.threads", Type.INT, 1, Range.atLeast(1), Importance.MEDIUM, "Processing threads.");
 * int threads = (Integer) def.parse(Map.of("num.stream.threads", "2")).get("num.stream.threads");
 * }</pre>
 *
 * <p>Parsing is a little more lenient than Kafka's: a whole number of another type is accepted for an {@code INT},
 * {@code SHORT} or {@code LONG} key if it fits, and a list's classes become their names. Not thread-safe while
 * being defined; immutable in use once shared.
 */
public class ConfigDef {
    /** The default of a key that has none: such a key is required. */
    public static final Object NO_DEFAULT_VALUE = new Object();

    private static final Logger LOG = LoggerFactory.getLogger(ConfigDef.class);

    private final Map<String, ConfigKey> configKeys;
    private final List<String> groups;

    /** Creates an empty definition. */
    public ConfigDef() {
        configKeys = new LinkedHashMap<>();
        groups = new ArrayList<>();
    }

    /** Creates a copy of {@code base}, to define more keys on. */
    public ConfigDef(ConfigDef base) {
        configKeys = new LinkedHashMap<>(base.configKeys);
        groups = new ArrayList<>(base.groups);
    }

    /** A config's type, which decides how its values are parsed. */
    public enum Type {
        BOOLEAN, STRING, INT, SHORT, LONG, DOUBLE, LIST, CLASS, PASSWORD;

        /** Returns whether values of this type are secrets: true for {@link #PASSWORD} only. */
        public boolean isSensitive() {
            return this == PASSWORD;
        }
    }

    /** How much a user needs to care about a config. */
    public enum Importance {
        HIGH, MEDIUM, LOW
    }

    /** How wide a UI should show a config's value. */
    public enum Width {
        NONE, SHORT, MEDIUM, LONG
    }

    /** Checks a parsed value; throws {@link ConfigException} if it is not allowed. */
    @FunctionalInterface
    public interface Validator {
        void ensureValid(String name, Object value);
    }

    /** Suggests values for a config, and whether to show it, given the values parsed so far (for UIs). */
    public interface Recommender {
        /** Returns the values {@code name} may take given {@code parsedConfig}. */
        List<Object> validValues(String name, Map<String, Object> parsedConfig);

        /** Returns whether {@code name} matters given {@code parsedConfig}. */
        boolean visible(String name, Map<String, Object> parsedConfig);
    }

    /** One key's definition. Immutable. */
    public static class ConfigKey {
        public final String name;
        public final Type type;
        public final String documentation;
        public final Object defaultValue;
        public final Validator validator;
        public final Importance importance;
        public final String group;
        public final int orderInGroup;
        public final Width width;
        public final String displayName;
        public final List<String> dependents;
        public final Recommender recommender;
        public final boolean internalConfig;
        /** What the HTML documentation shows instead of the default, or {@code null}. */
        public final String alternativeString;

        /**
         * Defines a key; the default, unless {@link #NO_DEFAULT_VALUE}, is parsed as {@code type} and validated.
         *
         * @throws ConfigException if the default is not of {@code type} or not valid
         */
        public ConfigKey(String name, Type type, Object defaultValue, Validator validator, Importance importance,
            String documentation, String group, int orderInGroup, Width width, String displayName,
            List<String> dependents, Recommender recommender, boolean internalConfig) {
            this(name, type, defaultValue, validator, importance, documentation, group, orderInGroup, width,
                displayName, dependents, recommender, internalConfig, null);
        }

        private ConfigKey(String name, Type type, Object defaultValue, Validator validator, Importance importance,
            String documentation, String group, int orderInGroup, Width width, String displayName,
            List<String> dependents, Recommender recommender, boolean internalConfig, String alternativeString) {
            this.name = name;
            this.type = type;
            boolean hasDefault = defaultValue != NO_DEFAULT_VALUE;
            this.defaultValue = hasDefault ? parseType(name, defaultValue, type) : NO_DEFAULT_VALUE;
            this.validator = validator;
            this.importance = importance;
            if (validator != null && hasDefault) {
                validator.ensureValid(name, this.defaultValue);
            }
            this.documentation = documentation;
            this.group = group;
            this.orderInGroup = orderInGroup;
            this.width = width;
            this.displayName = displayName;
            this.dependents = dependents;
            this.recommender = recommender;
            this.internalConfig = internalConfig;
            this.alternativeString = alternativeString;
        }

        /** Returns whether the key has a default (and is therefore optional). */
        public boolean hasDefault() {
            return defaultValue != NO_DEFAULT_VALUE;
        }

        public Type type() {
            return type;
        }
    }

    /**
     * Defines {@code key}; its group, if new, is added to {@link #groups()}.
     *
     * @throws ConfigException if a key of that name is already defined
     */
    public ConfigDef define(ConfigKey key) {
        if (configKeys.containsKey(key.name)) {
            throw new ConfigException("Configuration " + key.name + " is defined twice.");
        }
        if (key.group != null && !groups.contains(key.group)) {
            groups.add(key.group);
        }
        configKeys.put(key.name, key);
        return this;
    }

    /**
     * Defines a key with every attribute; {@code alternativeString} is shown instead of the default in the HTML
     * documentation.
     *
     * @throws ConfigException if the key is already defined, or its default is not of {@code type} or not valid
     */
    public ConfigDef define(String name, Type type, Object defaultValue, Validator validator, Importance importance,
        String documentation, String group, int orderInGroup, Width width, String displayName, List<String> dependents,
        Recommender recommender, String alternativeString) {
        return define(new ConfigKey(name, type, defaultValue, validator, importance, documentation, group,
            orderInGroup, width, displayName, dependents, recommender, false, alternativeString));
    }

    public ConfigDef define(String name, Type type, Object defaultValue, Validator validator, Importance importance,
        String documentation, String group, int orderInGroup, Width width, String displayName, List<String> dependents,
        Recommender recommender) {
        return define(name, type, defaultValue, validator, importance, documentation, group, orderInGroup, width,
            displayName, dependents, recommender, null);
    }

    public ConfigDef define(String name, Type type, Object defaultValue, Validator validator, Importance importance,
        String documentation, String group, int orderInGroup, Width width, String displayName,
        List<String> dependents) {
        return define(name, type, defaultValue, validator, importance, documentation, group, orderInGroup, width,
            displayName, dependents, null);
    }

    public ConfigDef define(String name, Type type, Object defaultValue, Validator validator, Importance importance,
        String documentation, String group, int orderInGroup, Width width, String displayName,
        Recommender recommender) {
        return define(name, type, defaultValue, validator, importance, documentation, group, orderInGroup, width,
            displayName, List.of(), recommender);
    }

    public ConfigDef define(String name, Type type, Object defaultValue, Validator validator, Importance importance,
        String documentation, String group, int orderInGroup, Width width, String displayName) {
        return define(name, type, defaultValue, validator, importance, documentation, group, orderInGroup, width,
            displayName, List.of(), null);
    }

    public ConfigDef define(String name, Type type, Object defaultValue, Importance importance, String documentation,
        String group, int orderInGroup, Width width, String displayName, List<String> dependents,
        Recommender recommender) {
        return define(name, type, defaultValue, null, importance, documentation, group, orderInGroup, width,
            displayName, dependents, recommender);
    }

    public ConfigDef define(String name, Type type, Object defaultValue, Importance importance, String documentation,
        String group, int orderInGroup, Width width, String displayName, List<String> dependents) {
        return define(name, type, defaultValue, null, importance, documentation, group, orderInGroup, width,
            displayName, dependents, null);
    }

    public ConfigDef define(String name, Type type, Object defaultValue, Importance importance, String documentation,
        String group, int orderInGroup, Width width, String displayName, Recommender recommender) {
        return define(name, type, defaultValue, null, importance, documentation, group, orderInGroup, width,
            displayName, List.of(), recommender);
    }

    public ConfigDef define(String name, Type type, Object defaultValue, Importance importance, String documentation,
        String group, int orderInGroup, Width width, String displayName) {
        return define(name, type, defaultValue, null, importance, documentation, group, orderInGroup, width,
            displayName, List.of(), null);
    }

    /** Defines a required key (one without a default), with every other attribute. */
    public ConfigDef define(String name, Type type, Importance importance, String documentation, String group,
        int orderInGroup, Width width, String displayName, List<String> dependents, Recommender recommender) {
        return define(name, type, NO_DEFAULT_VALUE, null, importance, documentation, group, orderInGroup, width,
            displayName, dependents, recommender);
    }

    public ConfigDef define(String name, Type type, Importance importance, String documentation, String group,
        int orderInGroup, Width width, String displayName, List<String> dependents) {
        return define(name, type, NO_DEFAULT_VALUE, null, importance, documentation, group, orderInGroup, width,
            displayName, dependents, null);
    }

    public ConfigDef define(String name, Type type, Importance importance, String documentation, String group,
        int orderInGroup, Width width, String displayName, Recommender recommender) {
        return define(name, type, NO_DEFAULT_VALUE, null, importance, documentation, group, orderInGroup, width,
            displayName, List.of(), recommender);
    }

    public ConfigDef define(String name, Type type, Importance importance, String documentation, String group,
        int orderInGroup, Width width, String displayName) {
        return define(name, type, NO_DEFAULT_VALUE, null, importance, documentation, group, orderInGroup, width,
            displayName, List.of(), null);
    }

    /** Defines a key outside any group, displayed by its name. */
    public ConfigDef define(String name, Type type, Object defaultValue, Validator validator, Importance importance,
        String documentation) {
        return define(name, type, defaultValue, validator, importance, documentation, null, -1, Width.NONE, name);
    }

    /** Defines a key without a validator. */
    public ConfigDef define(String name, Type type, Object defaultValue, Importance importance, String documentation) {
        return define(name, type, defaultValue, null, importance, documentation);
    }

    /** Defines a key without a validator, whose HTML documentation shows {@code alternativeString} as default. */
    public ConfigDef define(String name, Type type, Object defaultValue, Importance importance, String documentation,
        String alternativeString) {
        return define(name, type, defaultValue, null, importance, documentation, null, -1, Width.NONE, name,
            List.of(), null, alternativeString);
    }

    /** Defines a required key: one without a default. */
    public ConfigDef define(String name, Type type, Importance importance, String documentation) {
        return define(name, type, NO_DEFAULT_VALUE, null, importance, documentation);
    }

    /** Defines an internal key: parsed like the others, left out of the documentation and of nonInternalValues. */
    public ConfigDef defineInternal(String name, Type type, Object defaultValue, Importance importance) {
        return defineInternal(name, type, defaultValue, null, importance, "");
    }

    /** Defines an internal key with a validator and documentation. */
    public ConfigDef defineInternal(String name, Type type, Object defaultValue, Validator validator,
        Importance importance, String documentation) {
        return define(new ConfigKey(name, type, defaultValue, validator, importance, documentation, "", -1,
            Width.NONE, name, List.of(), null, true));
    }

    /** Returns the defined keys' names, in definition order. */
    public Set<String> names() {
        return Collections.unmodifiableSet(configKeys.keySet());
    }

    /** Returns the definitions by name, in definition order. */
    public Map<String, ConfigKey> configKeys() {
        return Collections.unmodifiableMap(configKeys);
    }

    /** Returns the groups of the defined keys, in the order their first key was defined. */
    public List<String> groups() {
        return Collections.unmodifiableList(groups);
    }

    /** Returns the default of each key that has one. */
    public Map<String, Object> defaultValues() {
        Map<String, Object> defaults = new HashMap<>();
        for (ConfigKey key : configKeys.values()) {
            if (key.hasDefault()) {
                defaults.put(key.name, key.defaultValue);
            }
        }
        return defaults;
    }

    /**
     * Defines every key of {@code child} again here, named with {@code keyPrefix}, in a group named
     * {@code groupPrefix} (followed by ": " and the key's own group, if it has one), numbered from
     * {@code startingOrd} in {@code child}'s documentation order. Validators and recommenders see the unprefixed
     * names.
     */
    public void embed(String keyPrefix, String groupPrefix, int startingOrd, ConfigDef child) {
        int orderInGroup = startingOrd;
        for (ConfigKey key : ConfigDefDocs.sortedConfigs(child)) {
            define(new ConfigKey(keyPrefix + key.name, key.type, key.defaultValue,
                key.validator == null ? null : new EmbeddedValidator(keyPrefix, key.validator), key.importance,
                key.documentation, groupPrefix + (key.group == null ? "" : ": " + key.group), orderInGroup++,
                key.width, key.displayName,
                key.dependents == null ? null : key.dependents.stream().map(dependent -> keyPrefix + dependent)
                    .toList(),
                key.recommender == null ? null : new EmbeddedRecommender(keyPrefix, key.recommender),
                key.internalConfig));
        }
    }

    /**
     * Parses and validates the defined keys of {@code props} (other keys are ignored), filling in defaults. A list
     * validated by {@link ValidList} loses its duplicates, with a warning.
     *
     * @return every defined key's typed value
     * @throws ConfigException if a dependent is not defined, a required key is missing or a value is of the wrong
     *     type or invalid
     */
    public Map<String, Object> parse(Map<?, ?> props) {
        List<String> undefined = ConfigDefValidation.undefinedDependents(configKeys);
        if (!undefined.isEmpty()) {
            throw new ConfigException("Some configurations in are referred in the dependents, but not defined: "
                + String.join(",", undefined));
        }
        Map<String, Object> values = new HashMap<>();
        for (ConfigKey key : configKeys.values()) {
            values.put(key.name, parseValue(key, props.get(key.name), props.containsKey(key.name)));
        }
        return values;
    }

    /** Parses one key's value, or its default if {@code isSet} is false, and validates it. */
    Object parseValue(ConfigKey key, Object value, boolean isSet) {
        Object parsed;
        if (isSet) {
            parsed = parseType(key.name, value, key.type);
        } else if (!key.hasDefault()) {
            throw new ConfigException(ConfigDefValidation.missingMessage(key));
        } else {
            parsed = key.defaultValue;
        }
        if (key.validator instanceof ValidList && parsed instanceof List<?> list) {
            List<?> distinct = list.stream().distinct().toList();
            if (distinct.size() != list.size()) {
                LOG.warn("Configuration key \"{}\" contains duplicate values. Duplicates will be removed. The original"
                    + " value is: {}, the updated value is: {}", key.name, list, distinct);
                parsed = distinct;
            }
        }
        if (key.validator != null) {
            key.validator.ensureValid(key.name, parsed);
        }
        return parsed;
    }

    /** As {@link #validateAll(Map)}, the outcomes only. */
    public List<ConfigValue> validate(Map<String, String> props) {
        return new ArrayList<>(validateAll(props).values());
    }

    /**
     * Parses and validates {@code props} as {@link #parse} does, but records every error in the key's
     * {@link ConfigValue} instead of throwing, and asks each key's recommender for its valid values and visibility.
     * A dependent that is not defined gets a value of its own, invisible, with an error.
     *
     * @return an outcome per defined key (and per undefined dependent), by name
     */
    public Map<String, ConfigValue> validateAll(Map<String, String> props) {
        return new ConfigDefValidation(configKeys).validateAll(props);
    }

    /**
     * Parses {@code value} as {@code type}: strings are trimmed and converted, values already of the type kept;
     * {@code null} stays {@code null}. A {@code PASSWORD} becomes a {@link Password}.
     *
     * @throws ConfigException if the value cannot be converted, with Kafka's message
     */
    public static Object parseType(String name, Object value, Type type) {
        return ConfigTypeParser.parse(name, value, type);
    }

    /** Returns {@code value} as a config string: a list comma-separated, a class by name; {@code null} as is. */
    public static String convertToString(Object value, Type type) {
        if (value == null) {
            return null;
        }
        if (type == Type.LIST) {
            return ((List<?>) value).stream().map(Object::toString).collect(Collectors.joining(","));
        }
        if (type == Type.CLASS) {
            return ((Class<?>) value).getName();
        }
        return value.toString();
    }

    /** Returns each non-null value of {@code configs} as a config string, a {@link Password} as its secret. */
    public static Map<String, String> convertToStringMapWithPasswordValues(Map<String, ?> configs) {
        Map<String, String> strings = new HashMap<>();
        configs.forEach((name, value) -> {
            String string = value instanceof Password password ? password.value()
                : value instanceof List ? convertToString(value, Type.LIST)
                : value instanceof Class ? convertToString(value, Type.CLASS)
                : convertToString(value, null);
            if (string != null) {
                strings.put(name, string);
            }
        });
        return strings;
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

    /** Returns the columns of the documentation tables, in order. Subclasses may add their own. */
    protected List<String> headers() {
        return List.of("Name", "Description", "Type", "Default", "Valid Values", "Importance");
    }

    /**
     * Returns what the documentation shows for {@code key} in the column {@code headerName}: a default as a config
     * string ({@code ""} if empty), followed for a {@code .bytes} or {@code .ms} key by its size or duration in
     * words, "(1 mebibyte)" or "(90 seconds)", when it is a whole number of them.
     */
    protected String getConfigValue(ConfigKey key, String headerName) {
        return switch (headerName) {
            case "Name" -> key.name;
            case "Description" -> key.documentation;
            case "Type" -> key.type.toString().toLowerCase(Locale.ROOT);
            case "Default" -> ConfigDefDocs.defaultValue(key);
            case "Valid Values" -> key.validator == null ? "" : key.validator.toString();
            case "Importance" -> key.importance.toString().toLowerCase(Locale.ROOT);
            default -> throw new IllegalArgumentException("Can't find value for header '" + headerName + "' in "
                + key.name);
        };
    }

    /** Returns the documentation as an HTML table, a row per key that is not internal. */
    public String toHtmlTable() {
        return toHtmlTable(Map.of());
    }

    /** As {@link #toHtmlTable()}, with a last column "Dynamic Update Mode" from {@code dynamicUpdateModes}. */
    public String toHtmlTable(Map<String, String> dynamicUpdateModes) {
        return new ConfigDefDocs(this).htmlTable(dynamicUpdateModes);
    }

    /** Returns the documentation as reStructuredText: per key its name, documentation, type, default and so on. */
    public String toRst() {
        return new ConfigDefDocs(this).rst(false);
    }

    /** As {@link #toRst()}, with a heading per group and each key's dependents. */
    public String toEnrichedRst() {
        return new ConfigDefDocs(this).rst(true);
    }

    /** Returns the documentation as an HTML list, with {@code h4} headings anchored at the keys' names. */
    public String toHtml() {
        return toHtml(Map.of());
    }

    /** As {@link #toHtml()}, with headings of {@code headerDepth} anchored at {@code idGenerator}'s ids. */
    public String toHtml(int headerDepth, Function<String, String> idGenerator) {
        return toHtml(headerDepth, idGenerator, Map.of());
    }

    /** As {@link #toHtml()}, with each key's "Update Mode" from {@code dynamicUpdateModes}. */
    public String toHtml(Map<String, String> dynamicUpdateModes) {
        return toHtml(4, Function.identity(), dynamicUpdateModes);
    }

    /** Returns the documentation as an HTML list; see the other overloads. */
    public String toHtml(int headerDepth, Function<String, String> idGenerator,
        Map<String, String> dynamicUpdateModes) {
        return new ConfigDefDocs(this).html(headerDepth, idGenerator, dynamicUpdateModes);
    }

    /** Formats a key's definition for a listing, as {@code name (type, default): documentation}. */
    public static String describe(ConfigKey key) {
        return String.format(Locale.ROOT, "%s (%s, default %s): %s", key.name, key.type.name().toLowerCase(
            Locale.ROOT), key.hasDefault() ? key.defaultValue : "none", key.documentation);
    }

    /** An embedded key's validator: checks the value under the key's name in the embedded definition. */
    private record EmbeddedValidator(String keyPrefix, Validator base) implements Validator {
        @Override
        public void ensureValid(String name, Object value) {
            base.ensureValid(name.substring(keyPrefix.length()), value);
        }

        @Override
        public String toString() {
            return base.toString();
        }
    }

    /** An embedded key's recommender: sees the names and values as the embedded definition names them. */
    private record EmbeddedRecommender(String keyPrefix, Recommender base) implements Recommender {
        @Override
        public List<Object> validValues(String name, Map<String, Object> parsedConfig) {
            return base.validValues(unprefixed(name), unprefixed(parsedConfig));
        }

        @Override
        public boolean visible(String name, Map<String, Object> parsedConfig) {
            return base.visible(unprefixed(name), unprefixed(parsedConfig));
        }

        private String unprefixed(String name) {
            return name.substring(keyPrefix.length());
        }

        private Map<String, Object> unprefixed(Map<String, Object> parsedConfig) {
            Map<String, Object> values = new HashMap<>();
            parsedConfig.forEach((name, value) -> {
                if (name.startsWith(keyPrefix)) {
                    values.put(unprefixed(name), value);
                }
            });
            return values;
        }
    }

    /** A numeric range, bounds inclusive; {@code null} fails. */
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
                throw new ConfigException(name, null, "Value must be non-null");
            }
            double number = ((Number) value).doubleValue();
            if (min != null && number < min.doubleValue()) {
                throw new ConfigException(name, value, "Value must be at least " + min);
            }
            if (max != null && number > max.doubleValue()) {
                throw new ConfigException(name, value, "Value must be no more than " + max);
            }
        }

        /** Prints as {@code [min,...,max]}, {@code [min,...]}, {@code [...,max]} or {@code [...]}. */
        @Override
        public String toString() {
            return "[" + (min == null ? "" : min + ",") + "..." + (max == null ? "" : "," + max) + "]";
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
            throw new ConfigException(name, value, "String must be one of"
                + (caseSensitive ? "" : " (case insensitive)") + ": " + joined(validStrings));
        }

        @Override
        public String toString() {
            return "[" + joined(validStrings) + "]";
        }
    }

    private static String joined(Iterable<?> values) {
        List<String> strings = new ArrayList<>();
        values.forEach(value -> strings.add(String.valueOf(value)));
        return String.join(", ", strings);
    }

    /**
     * One of a set of strings in any case, as Kafka's {@code CaseInsensitiveValidString}; {@code null} fails. The
     * strings are kept, and listed on failure, upper-cased in a hash set's order, as Kafka lists them.
     */
    public static final class CaseInsensitiveValidString implements Validator {
        private final Set<String> validStrings;

        private CaseInsensitiveValidString(Set<String> validStrings) {
            this.validStrings = validStrings;
        }

        /** Allows the given strings in any case. */
        public static CaseInsensitiveValidString in(String... validStrings) {
            return new CaseInsensitiveValidString(Arrays.stream(validStrings)
                .map(valid -> valid.toUpperCase(Locale.ROOT)).collect(Collectors.toCollection(HashSet::new)));
        }

        @Override
        public void ensureValid(String name, Object value) {
            String string = (String) value;
            if (string == null || !validStrings.contains(string.toUpperCase(Locale.ROOT))) {
                throw new ConfigException(name, value, "String must be one of (case insensitive): "
                    + joined(validStrings));
            }
        }

        @Override
        public String toString() {
            return "(case insensitive) [" + joined(validStrings) + "]";
        }
    }

    /**
     * A list of strings, as Kafka's {@code ValidList}: not null and without duplicates or empty strings, each one of
     * the listed strings if any are listed; empty only where allowed.
     */
    public static final class ValidList implements Validator {
        private final ValidString validString;
        private final boolean isEmptyAllowed;
        private final boolean isNullAllowed;

        private ValidList(List<String> validStrings, boolean isEmptyAllowed, boolean isNullAllowed) {
            this.validString = new ValidString(validStrings, true);
            this.isEmptyAllowed = isEmptyAllowed;
            this.isNullAllowed = isNullAllowed;
        }

        /** Allows any list of distinct, non-empty strings; empty and null lists as given. */
        public static ValidList anyNonDuplicateValues(boolean isEmptyAllowed, boolean isNullAllowed) {
            return new ValidList(List.of(), isEmptyAllowed, isNullAllowed);
        }

        /** Allows lists, empty ones included, of distinct strings among {@code validStrings}. */
        public static ValidList in(String... validStrings) {
            return new ValidList(List.of(validStrings), true, false);
        }

        /**
         * Allows lists of distinct strings among {@code validStrings}, empty ones only if {@code isEmptyAllowed}.
         *
         * @throws IllegalArgumentException if neither empty lists nor any string is allowed
         */
        public static ValidList in(boolean isEmptyAllowed, String... validStrings) {
            if (!isEmptyAllowed && validStrings.length == 0) {
                throw new IllegalArgumentException(
                    "At least one valid string must be provided when empty values are not allowed");
            }
            return new ValidList(List.of(validStrings), isEmptyAllowed, false);
        }

        @Override
        public void ensureValid(String name, Object value) {
            if (value == null) {
                if (isNullAllowed) {
                    return;
                }
                throw new ConfigException("Configuration '" + name + "' values must not be null.");
            }
            List<?> values = (List<?>) value;
            if (!isEmptyAllowed && values.isEmpty()) {
                String valid = validString.validStrings.isEmpty() ? "any non-empty value" : validString.toString();
                throw new ConfigException("Configuration '" + name + "' must not be empty. Valid values include: "
                    + valid);
            }
            if (new HashSet<>(values).size() != values.size()) {
                throw new ConfigException("Configuration '" + name + "' values must not be duplicated.");
            }
            for (Object element : values) {
                if (element instanceof String string) {
                    if (string.isEmpty()) {
                        throw new ConfigException("Configuration '" + name + "' values must not be empty.");
                    }
                    if (!validString.validStrings.isEmpty()) {
                        validString.ensureValid(name, string);
                    }
                }
            }
        }

        @Override
        public String toString() {
            return validString.validStrings.isEmpty() ? "" : validString.toString();
        }
    }

    /** A string that is not empty; {@code null} passes. */
    public static class NonEmptyString implements Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value != null && ((String) value).isEmpty()) {
                throw new ConfigException(name, value, "String must be non-empty");
            }
        }

        @Override
        public String toString() {
            return "non-empty string";
        }
    }

    /** A string that is neither empty nor holds ISO control characters; {@code null} passes. */
    public static class NonEmptyStringWithoutControlChars implements Validator {
        /** Returns a new instance. */
        public static NonEmptyStringWithoutControlChars nonEmptyStringWithoutControlChars() {
            return new NonEmptyStringWithoutControlChars();
        }

        @Override
        public void ensureValid(String name, Object value) {
            String string = (String) value;
            if (string == null) {
                return;
            }
            if (string.isEmpty()) {
                throw new ConfigException(name, value, "String may not be empty");
            }
            List<Integer> controlChars = new ArrayList<>();
            for (int i = 0; i < string.length(); i++) {
                if (Character.isISOControl(string.codePointAt(i))) {
                    controlChars.add(string.codePointAt(i));
                }
            }
            if (!controlChars.isEmpty()) {
                throw new ConfigException(name, value, "String may not contain control sequences but had the following"
                    + " ASCII chars: " + joined(controlChars));
            }
        }

        @Override
        public String toString() {
            return "non-empty string without ISO control characters";
        }
    }

    /** A value that is not {@code null}. */
    public static class NonNullValidator implements Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value == null) {
                throw new ConfigException(name, "null", "entry must be non null");
            }
        }

        @Override
        public String toString() {
            return "non-null string";
        }
    }

    /** Runs several validators in order; the first to fail decides. */
    public static final class CompositeValidator implements Validator {
        private final List<Validator> validators;

        private CompositeValidator(List<Validator> validators) {
            this.validators = validators;
        }

        /** Returns a validator running {@code validators} in order. */
        public static CompositeValidator of(Validator... validators) {
            return new CompositeValidator(List.of(validators));
        }

        @Override
        public void ensureValid(String name, Object value) {
            for (Validator validator : validators) {
                validator.ensureValid(name, value);
            }
        }

        @Override
        public String toString() {
            return joined(validators);
        }
    }

    /** A validator made of a check and a description, for the documentation. */
    public static final class LambdaValidator implements Validator {
        private final BiConsumer<String, Object> ensureValid;
        private final Supplier<String> toStringFunction;

        private LambdaValidator(BiConsumer<String, Object> ensureValid, Supplier<String> toStringFunction) {
            this.ensureValid = ensureValid;
            this.toStringFunction = toStringFunction;
        }

        /** Returns a validator running {@code ensureValid}, described by {@code toStringFunction}. */
        public static LambdaValidator with(BiConsumer<String, Object> ensureValid, Supplier<String> toStringFunction) {
            return new LambdaValidator(ensureValid, toStringFunction);
        }

        @Override
        public void ensureValid(String name, Object value) {
            ensureValid.accept(name, value);
        }

        @Override
        public String toString() {
            return toStringFunction.get();
        }
    }

    /** A list of at most a given size. */
    public static final class ListSize implements Validator {
        private final int maxSize;

        private ListSize(int maxSize) {
            this.maxSize = maxSize;
        }

        /** Allows lists of at most {@code maxSize} elements. */
        public static ListSize atMostOfSize(int maxSize) {
            return new ListSize(maxSize);
        }

        @Override
        public void ensureValid(String name, Object value) {
            if (((List<?>) value).size() > maxSize) {
                throw new ConfigException(name, value, "exceeds maximum list size of [" + maxSize + "].");
            }
        }

        @Override
        public String toString() {
            return "List containing maximum of " + maxSize + " elements";
        }
    }
}
