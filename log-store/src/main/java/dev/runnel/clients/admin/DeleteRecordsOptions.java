package dev.runnel.clients.admin;

/** Options of {@code deleteRecords}: only the timeout. */
public class DeleteRecordsOptions extends AbstractOptions<DeleteRecordsOptions> {
}
