package dev.runnel.streams.processor.api;

/** A {@link Processor} that keeps its context; subclasses implement {@code process} and call {@link #context()}. */
public abstract class ContextualProcessor<KIn, VIn, KOut, VOut> implements Processor<KIn, VIn, KOut, VOut> {
    private ProcessorContext<KOut, VOut> context;

    /** Creates the processor. */
    protected ContextualProcessor() {
    }

    @Override
    public void init(ProcessorContext<KOut, VOut> context) {
        this.context = context;
    }

    /** Returns the context given to {@link #init}; {@code null} before it. */
    protected final ProcessorContext<KOut, VOut> context() {
        return context;
    }
}
