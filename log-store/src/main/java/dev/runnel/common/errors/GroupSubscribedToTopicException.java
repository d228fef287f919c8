package dev.runnel.common.errors;

/** The group's members are subscribed to the topic, so its offsets cannot be deleted. */
public class GroupSubscribedToTopicException extends ApiException {
    public GroupSubscribedToTopicException(String message) {
        super(message);
    }
}
