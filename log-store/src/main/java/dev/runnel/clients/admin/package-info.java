/**
 * The admin client, shaped like Kafka's: {@link dev.runnel.clients.admin.Admin} creates, lists, describes, alters and
 * deletes topics and lists offsets.
 */
package dev.runnel.clients.admin;
