/**
 * The exceptions the log and its clients throw, with Kafka's names so that ported code catches the same types. Each
 * message names what failed, on what, and the fix where one is known.
 */
package dev.runnel.common.errors;
