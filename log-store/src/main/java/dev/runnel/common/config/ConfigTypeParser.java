package dev.runnel.common.config;

import dev.runnel.common.config.ConfigDef.Type;
import dev.runnel.common.config.types.Password;
import java.util.Arrays;
import java.util.List;

/** Parses a config's given value as its {@link Type}, as {@link ConfigDef#parseType} does, with Kafka's messages. */
final class ConfigTypeParser {
    private ConfigTypeParser() {
    }

    static Object parse(String name, Object value, Type type) {
        if (value == null) {
            return null;
        }
        String text = value instanceof String string ? string.trim() : null;
        try {
            return switch (type) {
                case BOOLEAN -> parseBoolean(name, value, text);
                case STRING -> requireText(name, value, text, "Expected value to be a string, but it was a ");
                case PASSWORD -> value instanceof Password ? value
                    : new Password(requireText(name, value, text, "Expected value to be a string, but it was a "));
                case INT -> value instanceof Integer ? value : text != null ? (Object) Integer.parseInt(text)
                    : Math.toIntExact(requireWhole(name, value,
                        "Expected value to be a 32-bit integer, but it was a "));
                case SHORT -> value instanceof Short ? value : text != null ? (Object) Short.parseShort(text)
                    : (short) Math.toIntExact(requireWhole(name, value,
                        "Expected value to be a 16-bit integer (short), but it was a "));
                case LONG -> value instanceof Long ? value : text != null ? (Object) Long.parseLong(text)
                    : requireWhole(name, value, "Expected value to be a 64-bit integer (long), but it was a ");
                case DOUBLE -> value instanceof Number number ? (Object) number.doubleValue()
                    : Double.parseDouble(requireText(name, value, text,
                        "Expected value to be a double, but it was a "));
                case LIST -> parseList(name, value, text);
                case CLASS -> parseClass(name, value, text);
            };
        } catch (NumberFormatException | ArithmeticException e) {
            throw new ConfigException(name, value, "Not a number of type " + type);
        }
    }


    private static Object parseBoolean(String name, Object value, String text) {
        if (value instanceof Boolean) {
            return value;
        }
        if ("true".equalsIgnoreCase(text) || "false".equalsIgnoreCase(text)) {
            return Boolean.parseBoolean(text);
        }
        throw new ConfigException(name, value, "Expected value to be either true or false");
    }

    private static long requireWhole(String name, Object value, String expected) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        throw new ConfigException(name, value, expected + value.getClass().getName());
    }

    private static String requireText(String name, Object value, String text, String expected) {
        if (text == null) {
            throw new ConfigException(name, value, expected + value.getClass().getName());
        }
        return text;
    }

    private static List<?> parseList(String name, Object value, String text) {
        // A list is taken as given, as Kafka takes it: a plugin list may hold classes, which getConfiguredInstances
        // creates as it creates named ones.
        if (value instanceof List<?> list) {
            return list;
        }
        if (text == null) {
            throw new ConfigException(name, value, "Expected a comma separated list.");
        }
        return text.isEmpty() ? List.of() : Arrays.stream(text.split("\\s*,\\s*", -1)).toList();
    }

    private static Class<?> parseClass(String name, Object value, String text) {
        if (value instanceof Class<?> clazz) {
            return clazz;
        }
        if (text == null) {
            throw new ConfigException(name, value, "Expected a Class instance or class name.");
        }
        try {
            return Class.forName(text, true, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException e) {
            throw new ConfigException("Invalid value " + value + " for configuration " + name
                + ": Class " + value + " could not be found.", e);
        }
    }
}
