package dev.runnel.clients.admin;

/** Options of {@code describeTransactions}: only the timeout. */
public class DescribeTransactionsOptions extends AbstractOptions<DescribeTransactionsOptions> {
}
