package dev.runnel.clients.admin;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** The configs of one resource, by name. */
public final class Config {
    private final Map<String, ConfigEntry> entries = new LinkedHashMap<>();

    public Config(Collection<ConfigEntry> entries) {
        entries.forEach(entry -> this.entries.put(entry.name(), entry));
    }

    public Collection<ConfigEntry> entries() {
        return entries.values();
    }

    /** The entry named {@code name}, or null. */
    public ConfigEntry get(String name) {
        return entries.get(name);
    }

    @Override
    public String toString() {
        return "Config(entries=" + entries.values() + ")";
    }
}
