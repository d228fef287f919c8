package dev.runnel.streams.errors;

/** An operation named a topology this application does not run; the message ends with the topology's name. */
public class UnknownTopologyException extends StreamsException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with a message about topology {@code topologyName}. */
    public UnknownTopologyException(String message, String topologyName) {
        super(message + " due to being unable to locate topology " + topologyName);
    }

    /** Creates an exception with a message and a cause, about topology {@code topologyName}. */
    public UnknownTopologyException(String message, Throwable cause, String topologyName) {
        super(message + " due to being unable to locate topology " + topologyName, cause);
    }
}
