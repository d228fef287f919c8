package dev.runnel.common.config;

import dev.runnel.common.config.ConfigDef.ConfigKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Prints a {@link ConfigDef}'s documentation as Kafka's does: the keys that are not internal, those without a group
 * first, then group by group in the order the groups were defined; within a group by order in the group, required
 * keys first, then by importance and name. The columns are the definition's {@code headers()}.
 */
final class ConfigDefDocs {
    private static final long[] TIME_DIVISORS = {1000, 60, 60, 24};
    private static final String[] TIME_UNITS = {"second", "minute", "hour", "day"};
    private static final String[] MEMORY_UNITS = {"kibibyte", "mebibyte", "gibibyte", "tebibyte"};

    private final ConfigDef definition;

    ConfigDefDocs(ConfigDef definition) {
        this.definition = definition;
    }

    /** Returns the keys of {@code definition} in documentation order, internal ones included. */
    static List<ConfigKey> sortedConfigs(ConfigDef definition) {
        Map<String, Integer> groupOrder = new HashMap<>();
        for (String group : definition.groups()) {
            groupOrder.put(group, groupOrder.size());
        }
        Comparator<ConfigKey> byGroup = Comparator.comparing(key -> key.group,
            Comparator.nullsFirst(Comparator.comparing(groupOrder::get)));
        List<ConfigKey> keys = new ArrayList<>(definition.configKeys().values());
        keys.sort(byGroup.thenComparingInt((ConfigKey key) -> key.orderInGroup)
            .thenComparing(ConfigKey::hasDefault)
            .thenComparing(key -> key.importance)
            .thenComparing(key -> key.name));
        return keys;
    }

    /** The "Default" column: empty without a default, {@code ""} for an empty one, with units for sizes and times. */
    static String defaultValue(ConfigKey key) {
        if (!key.hasDefault()) {
            return "";
        }
        if (key.defaultValue == null) {
            return "null";
        }
        String value = ConfigDef.convertToString(key.defaultValue, key.type);
        if (value.isEmpty()) {
            return "\"\"";
        }
        if (key.name.endsWith(".bytes")) {
            return value + niceMemoryUnits(((Number) key.defaultValue).longValue());
        }
        if (key.name.endsWith(".ms")) {
            return value + niceTimeUnits(((Number) key.defaultValue).longValue());
        }
        return value;
    }

    /** " (N kibibytes)" and so on for a whole number of KiB, MiB, GiB or TiB; "" otherwise. */
    private static String niceMemoryUnits(long bytes) {
        long value = bytes;
        int unit = 0;
        while (value != 0 && unit < MEMORY_UNITS.length && value % 1024 == 0) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? "" : " (" + value + " " + MEMORY_UNITS[unit - 1] + (value == 1 ? ")" : "s)");
    }

    /** " (N seconds)" and so on for a whole number of seconds, minutes, hours or days; "" otherwise. */
    private static String niceTimeUnits(long millis) {
        long value = millis;
        int unit = 0;
        while (value != 0 && unit < TIME_DIVISORS.length && value % TIME_DIVISORS[unit] == 0) {
            value /= TIME_DIVISORS[unit];
            unit++;
        }
        return unit == 0 ? "" : " (" + value + " " + TIME_UNITS[unit - 1] + (value > 1 ? "s)" : ")");
    }

    String htmlTable(Map<String, String> dynamicUpdateModes) {
        boolean withUpdateModes = !dynamicUpdateModes.isEmpty();
        StringBuilder html = new StringBuilder("<table class=\"data-table\"><tbody>\n<tr>\n");
        for (String header : definition.headers()) {
            html.append("<th>").append(header).append("</th>\n");
        }
        if (withUpdateModes) {
            html.append("<th>Dynamic Update Mode</th>\n");
        }
        html.append("</tr>\n");
        for (ConfigKey key : documented()) {
            html.append("<tr>\n");
            for (String header : definition.headers()) {
                html.append("<td>").append(definition.getConfigValue(key, header)).append("</td>");
            }
            if (withUpdateModes) {
                html.append("<td>").append(dynamicUpdateModes.getOrDefault(key.name, "read-only")).append("</td>");
            }
            html.append("</tr>\n");
        }
        return html.append("</tbody></table>").toString();
    }

    String html(int headerDepth, Function<String, String> idGenerator, Map<String, String> dynamicUpdateModes) {
        StringBuilder html = new StringBuilder("<ul class=\"config-list\">\n");
        for (ConfigKey key : documented()) {
            html.append("<li>\n").append(String.format(Locale.ROOT,
                "<h%1$d><a id=\"%3$s\"></a><a id=\"%2$s\" href=\"#%2$s\">%3$s</a></h%1$d>%n", headerDepth,
                idGenerator.apply(key.name), key.name));
            html.append("<p>").append(key.documentation == null ? "" : key.documentation.replace("\n", "<br>"))
                .append("</p>\n<table><tbody>\n");
            for (String header : definition.headers()) {
                if (header.equals("Name") || header.equals("Description")) {
                    continue;
                }
                String value = header.equals("Default") && key.alternativeString != null ? key.alternativeString
                    : definition.getConfigValue(key, header);
                detail(html, header, value);
            }
            if (!dynamicUpdateModes.isEmpty()) {
                detail(html, "Update Mode", dynamicUpdateModes.getOrDefault(key.name, "read-only"));
            }
            html.append("</tbody></table>\n</li>\n");
        }
        return html.append("</ul>\n").toString();
    }

    private static void detail(StringBuilder html, String header, String value) {
        html.append("<tr><th>").append(header).append(":</th><td>").append(value).append("</td></tr>\n");
    }

    /** Per key its name, documentation paragraphs and details; if {@code enriched}, group headings and dependents. */
    String rst(boolean enriched) {
        StringBuilder rst = new StringBuilder();
        String lastGroup = "";
        for (ConfigKey key : documented()) {
            if (enriched && key.group != null) {
                if (!lastGroup.equalsIgnoreCase(key.group)) {
                    rst.append(key.group).append('\n').append("^".repeat(key.group.length())).append("\n\n");
                }
                lastGroup = key.group;
            }
            keyRst(key, rst);
            if (enriched && key.dependents != null && !key.dependents.isEmpty()) {
                rst.append("  * Dependents: ``").append(String.join("``, ``", key.dependents)).append("``\n");
            }
            rst.append('\n');
        }
        return rst.toString();
    }

    private void keyRst(ConfigKey key, StringBuilder rst) {
        rst.append("``").append(key.name).append("``\n");
        if (key.documentation == null) {
            rst.append('\n');
        } else {
            for (String line : key.documentation.split("\n")) {
                if (!line.isEmpty()) {
                    rst.append("  ").append(line).append("\n\n");
                }
            }
        }
        rst.append("  * Type: ").append(definition.getConfigValue(key, "Type")).append('\n');
        if (key.hasDefault()) {
            rst.append("  * Default: ").append(definition.getConfigValue(key, "Default")).append('\n');
        }
        if (key.validator != null) {
            rst.append("  * Valid Values: ").append(definition.getConfigValue(key, "Valid Values")).append('\n');
        }
        rst.append("  * Importance: ").append(definition.getConfigValue(key, "Importance")).append('\n');
    }

    private List<ConfigKey> documented() {
        return sortedConfigs(definition).stream().filter(key -> !key.internalConfig).toList();
    }
}
