package dev.runnel.clients.admin;

/** One change to a config: set it, delete it (back to the default), or add to or remove from a list value. */
public record AlterConfigOp(ConfigEntry configEntry, OpType opType) {
    /** The kinds of change, as in Kafka. */
    public enum OpType {
        SET, DELETE, APPEND, SUBTRACT
    }
}
