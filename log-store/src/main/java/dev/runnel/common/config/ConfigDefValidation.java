package dev.runnel.common.config;

import dev.runnel.common.config.ConfigDef.ConfigKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates given configs against a definition's keys as {@link ConfigDef#validateAll(Map)} does: every error is
 * recorded in its key's {@link ConfigValue}, none thrown, and each key's recommender is asked for its valid values
 * and visibility. Used once per call; not thread-safe.
 */
final class ConfigDefValidation {
    private final Map<String, ConfigKey> configKeys;

    ConfigDefValidation(Map<String, ConfigKey> configKeys) {
        this.configKeys = configKeys;
    }

    /** The error of a required key that is not given. */
    static String missingMessage(ConfigKey key) {
        return "Missing required configuration \"" + key.name + "\" which has no default value.";
    }

    Map<String, ConfigValue> validateAll(Map<String, String> props) {
        Map<String, ConfigValue> configValues = new HashMap<>();
        for (String name : configKeys.keySet()) {
            configValues.put(name, new ConfigValue(name));
        }
        for (String undefined : undefinedDependents(configKeys)) {
            ConfigValue value = new ConfigValue(undefined);
            value.addErrorMessage(undefined + " is referred in the dependents, but not defined.");
            value.visible(false);
            configValues.put(undefined, value);
        }
        // A key is parsed and validated after the key it depends on, so its recommender sees that key's value.
        Set<String> roots = configsWithNoParent();
        Map<String, Object> parsed = new HashMap<>();
        for (String name : roots) {
            parseForValidate(name, props, parsed, configValues);
        }
        for (String name : roots) {
            recommend(name, parsed, configValues);
        }
        return configValues;
    }

    private Set<String> configsWithNoParent() {
        Set<String> roots = new HashSet<>(configKeys.keySet());
        for (ConfigKey key : configKeys.values()) {
            key.dependents.forEach(roots::remove);
        }
        return roots;
    }

    /** Returns the dependents named by some key that are not defined themselves. */
    static List<String> undefinedDependents(Map<String, ConfigKey> configKeys) {
        Set<String> undefined = new HashSet<>();
        for (ConfigKey key : configKeys.values()) {
            for (String dependent : key.dependents) {
                if (!configKeys.containsKey(dependent)) {
                    undefined.add(dependent);
                }
            }
        }
        return new ArrayList<>(undefined);
    }

    private void parseForValidate(String name, Map<String, String> props, Map<String, Object> parsed,
        Map<String, ConfigValue> configValues) {
        ConfigKey key = configKeys.get(name);
        if (key == null) {
            return;
        }
        ConfigValue config = configValues.get(name);
        Object value = null;
        if (props.containsKey(name)) {
            try {
                value = ConfigDef.parseType(name, props.get(name), key.type);
            } catch (ConfigException e) {
                config.addErrorMessage(e.getMessage());
            }
        } else if (!key.hasDefault()) {
            config.addErrorMessage(missingMessage(key));
        } else {
            value = key.defaultValue;
        }
        if (key.validator != null) {
            try {
                key.validator.ensureValid(name, value);
            } catch (ConfigException e) {
                config.addErrorMessage(e.getMessage());
            }
        }
        config.value(value);
        parsed.put(name, value);
        for (String dependent : key.dependents) {
            parseForValidate(dependent, props, parsed, configValues);
        }
    }

    private void recommend(String name, Map<String, Object> parsed, Map<String, ConfigValue> configValues) {
        ConfigKey key = configKeys.get(name);
        if (key == null) {
            return;
        }
        ConfigValue value = configValues.get(name);
        if (key.recommender != null) {
            try {
                List<Object> recommended = new ArrayList<>(key.recommender.validValues(name, parsed));
                if (!value.recommendedValues().isEmpty()) {
                    Set<Object> earlier = new HashSet<>(value.recommendedValues());
                    recommended.removeIf(candidate -> !earlier.contains(candidate));
                }
                value.recommendedValues(recommended);
                value.visible(key.recommender.visible(name, parsed));
            } catch (ConfigException e) {
                value.addErrorMessage(e.getMessage());
            }
        }
        for (String dependent : key.dependents) {
            recommend(dependent, parsed, configValues);
        }
    }
}
