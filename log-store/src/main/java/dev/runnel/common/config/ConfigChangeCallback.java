package dev.runnel.common.config;

/** Told by a {@link dev.runnel.common.config.provider.ConfigProvider} that values under a path changed. */
@FunctionalInterface
public interface ConfigChangeCallback {
    void onChange(String path, ConfigData data);
}
