package dev.runnel.common.errors;

/** No group with this id exists. */
public class GroupIdNotFoundException extends ApiException {
    public GroupIdNotFoundException(String message) {
        super(message);
    }
}
