package dev.runnel.common.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One config's outcome of {@link ConfigDef#validateAll(java.util.Map)}, as Kafka's {@code ConfigValue}: its parsed
 * value, the values its recommender suggests, the errors found, and whether it is visible. Mutable: the validation
 * fills it in. Not thread-safe.
 */
public class ConfigValue {
    private final String name;
    private Object value;
    private List<Object> recommendedValues;
    private final List<String> errorMessages;
    private boolean visible;

    /** Creates a visible value named {@code name}, without value, recommendations or errors. */
    public ConfigValue(String name) {
        this(name, null, new ArrayList<>(), new ArrayList<>());
    }

    /** Creates a visible value; the lists are kept, not copied, and {@link #addErrorMessage} adds to the second. */
    public ConfigValue(String name, Object value, List<Object> recommendedValues, List<String> errorMessages) {
        this.name = name;
        this.value = value;
        this.recommendedValues = recommendedValues;
        this.errorMessages = errorMessages;
        this.visible = true;
    }

    public String name() {
        return name;
    }

    public Object value() {
        return value;
    }

    public List<Object> recommendedValues() {
        return recommendedValues;
    }

    public List<String> errorMessages() {
        return errorMessages;
    }

    public boolean visible() {
        return visible;
    }

    public void value(Object value) {
        this.value = value;
    }

    public void recommendedValues(List<Object> recommendedValues) {
        this.recommendedValues = recommendedValues;
    }

    public void addErrorMessage(String errorMessage) {
        this.errorMessages.add(errorMessage);
    }

    public void visible(boolean visible) {
        this.visible = visible;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ConfigValue that && name.equals(that.name) && Objects.equals(value, that.value)
            && recommendedValues.equals(that.recommendedValues) && errorMessages.equals(that.errorMessages)
            && visible == that.visible;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, value, recommendedValues, errorMessages, visible);
    }

    /** Prints as {@code [name,value,recommendedValues,errorMessages,visible]}, as Kafka's does. */
    @Override
    public String toString() {
        return "[" + name + "," + value + "," + recommendedValues + "," + errorMessages + "," + visible + "]";
    }
}
