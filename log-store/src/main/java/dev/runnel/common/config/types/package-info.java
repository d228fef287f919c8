/**
 * Value types of configs: {@link dev.runnel.common.config.types.Password}, the value of a
 * {@code ConfigDef.Type.PASSWORD} key, which hides itself when printed.
 */
package dev.runnel.common.config.types;
