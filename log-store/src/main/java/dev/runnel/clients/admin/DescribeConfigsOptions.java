package dev.runnel.clients.admin;

/**
 * Options of {@code describeConfigs}. Topic configs on the embedded log have no broker-level synonyms, and entries
 * carry no documentation, so neither flag changes the result.
 */
public class DescribeConfigsOptions extends AbstractOptions<DescribeConfigsOptions> {
    private boolean includeSynonyms;
    private boolean includeDocumentation;

    public boolean includeSynonyms() {
        return includeSynonyms;
    }

    public boolean includeDocumentation() {
        return includeDocumentation;
    }

    public DescribeConfigsOptions includeSynonyms(boolean includeSynonyms) {
        this.includeSynonyms = includeSynonyms;
        return this;
    }

    public DescribeConfigsOptions includeDocumentation(boolean includeDocumentation) {
        this.includeDocumentation = includeDocumentation;
        return this;
    }
}
