package dev.runnel.common.errors;

/** The group still has active members, so it cannot be deleted or have its offsets altered. */
public class GroupNotEmptyException extends ApiException {
    public GroupNotEmptyException(String message) {
        super(message);
    }
}
