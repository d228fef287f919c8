/**
 * The enumerations of the record format that users configure: compression codecs and timestamp types.
 */
package dev.runnel.common.record;
