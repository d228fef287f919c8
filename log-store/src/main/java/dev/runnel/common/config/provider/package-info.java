/**
 * {@link dev.runnel.common.config.provider.ConfigProvider}, the interface of a source of config values (secrets in
 * files or a vault, say) that {@link dev.runnel.common.config.ConfigTransformer} resolves {@code ${provider:path:key}}
 * references from, as in Kafka. Runnel's clients and {@code AbstractConfig} load no providers themselves.
 */
package dev.runnel.common.config.provider;
