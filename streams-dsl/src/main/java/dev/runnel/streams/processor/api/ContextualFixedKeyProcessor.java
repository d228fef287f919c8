package dev.runnel.streams.processor.api;

/** A {@link FixedKeyProcessor} that keeps its context, like {@link ContextualProcessor}. */
public abstract class ContextualFixedKeyProcessor<KIn, VIn, VOut> implements FixedKeyProcessor<KIn, VIn, VOut> {
    private FixedKeyProcessorContext<KIn, VOut> context;

    /** Creates the processor. */
    protected ContextualFixedKeyProcessor() {
    }

    @Override
    public void init(FixedKeyProcessorContext<KIn, VOut> context) {
        this.context = context;
    }

    /** Returns the context given to {@link #init}; {@code null} before it. */
    protected final FixedKeyProcessorContext<KIn, VOut> context() {
        return context;
    }
}
