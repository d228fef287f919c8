package dev.runnel.streams.internal.runtime;

import dev.runnel.clients.consumer.ConsumerRecord;
import dev.runnel.common.header.Headers;
import dev.runnel.common.serialization.Serde;
import dev.runnel.streams.StreamsMetrics;
import dev.runnel.streams.errors.ErrorHandlerContext;
import dev.runnel.streams.errors.StreamsException;
import dev.runnel.streams.errors.TaskCorruptedException;
import dev.runnel.streams.errors.TaskMigratedException;
import dev.runnel.streams.internal.state.ChangeLogger;
import dev.runnel.streams.internal.state.StoreValueLayout;
import dev.runnel.streams.internal.state.InternalStateStoreContext;
import dev.runnel.streams.processor.Cancellable;
import dev.runnel.streams.processor.CommitCallback;
import dev.runnel.streams.processor.PunctuationType;
import dev.runnel.streams.processor.RecordContext;
import dev.runnel.streams.processor.Punctuator;
import dev.runnel.streams.processor.StateRestoreCallback;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.processor.TaskId;
import dev.runnel.streams.processor.api.Processor;
import dev.runnel.streams.processor.api.ProcessorContext;
import dev.runnel.streams.processor.api.Record;
import dev.runnel.streams.processor.api.RecordMetadata;
import java.io.File;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The context of one task, shared by all its nodes and stores; it tracks the current node and record. Forwarding is
 * depth-first and synchronous. Not thread-safe; owned by the task's thread.
 */
public final class ProcessorContextImpl implements ProcessorContext<Object, Object>, InternalStateStoreContext {
    private final StreamTask task;
    private ProcessorNode<?, ?, ?, ?> currentNode;
    /** The current record's context, unless {@link #forwardedRecord} is set: then that record's offset and topic. */
    private ProcessorRecordContext recordContext;
    /** Whether a processor is being initialized, in the record context {@link #setInitializing} gave it. */
    private boolean initializing;
    /**
     * The record being forwarded, whose timestamp and headers the context has not taken yet ({@code null} when
     * {@link #recordContext} is current): most forwards reach sinks and stateless operators that never ask for the
     * context, so it is made on demand rather than per forward (a word count made two per word).
     */
    private Record<?, ?> forwardedRecord;
    private ConsumerRecord<byte[], byte[]> sourceRecord;
    private String failedNode;
    /** The failure the processing exception handler decided to fail the task for, until the task reports it. */
    private RuntimeException handledFailure;

    ProcessorContextImpl(StreamTask task) {
        this.task = task;
    }

    /** Returns this context as the typed context processors receive. */
    @SuppressWarnings("unchecked")
    public <K, V> ProcessorContext<K, V> forNode() {
        return (ProcessorContext<K, V>) (ProcessorContext<?, ?>) this;
    }

    /**
     * Counts a record an operator dropped (a late record for a closed window, a null key in an aggregation) in the
     * task's dropped-records total.
     */
    public void recordDroppedRecord() {
        task.recordDropped();
    }

    StreamTask task() {
        return task;
    }

    /**
     * Returns the value a processor of this task committed under {@code key} with the task's input offsets, as Kafka's
     * {@code InternalProcessorContext#processorMetadataForKey}; null if none. Restored before processors initialize.
     */
    public Long processorMetadataForKey(String key) {
        return task.processorMetadata().get(key);
    }

    /** Sets {@code key} to {@code value}, to be committed with the task's input offsets at its next commit. */
    public void addProcessorMetadataKeyValue(String key, long value) {
        task.processorMetadata().put(key, value);
    }

    void setCurrentNode(ProcessorNode<?, ?, ?, ?> node) {
        this.currentNode = node;
    }

    ProcessorNode<?, ?, ?, ?> currentNode() {
        return currentNode;
    }

    /** Returns the name of the node whose processor runs (or initializes), which names its node-level metrics. */
    public String currentNodeName() {
        return currentNode.name();
    }

    /**
     * Returns whether the processor of every child of the current node passes {@code test}; a child without one (a
     * sink) fails it. An operator asks this in its {@code init} to learn what its children need from it.
     */
    /**
     * Returns whether the current node has children and every child's operator (the supplier the topology was given,
     * before any processor wrapper) passes {@code test}.
     */
    public boolean childOperatorsAll(Predicate<Object> test) {
        List<? extends ProcessorNode<?, ?, ?, ?>> children = currentNode.children();
        if (children.isEmpty()) {
            return false;
        }
        for (ProcessorNode<?, ?, ?, ?> child : children) {
            if (!test.test(child.operator())) {
                return false;
            }
        }
        return true;
    }

    public boolean childProcessorsAll(Predicate<Processor<?, ?, ?, ?>> test) {
        for (ProcessorNode<?, ?, ?, ?> child : currentNode.children()) {
            if (child.processor() == null || !test.test(child.processor())) {
                return false;
            }
        }
        return true;
    }

    void setRecordContext(ProcessorRecordContext context) {
        this.recordContext = context;
        this.forwardedRecord = null;
    }

    /**
     * Sets the record context a processor's init sees ({@code null} when init is over, or for a global processor);
     * init may not forward.
     */
    void setInitializing(ProcessorRecordContext initContext) {
        setRecordContext(initContext);
        this.initializing = initContext != null;
    }

    /** Returns the current record's context, made from the record being forwarded if need be. */
    private ProcessorRecordContext currentContext() {
        Record<?, ?> forwarded = forwardedRecord;
        if (forwarded != null) {
            recordContext = recordContext.forwarding(forwarded.timestamp(), forwarded.headers());
            forwardedRecord = null;
        }
        return recordContext;
    }

    /** Sets the input record being processed, as read, for the exception handlers; {@code null} when done. */
    void setSourceRecord(ConsumerRecord<byte[], byte[]> raw) {
        this.sourceRecord = raw;
    }

    /** Returns the current record's context, or {@code null} outside processing. */
    @Override
    public ProcessorRecordContext recordContext() {
        return currentContext();
    }

    /**
     * Returns the current record's context as application callbacks (topic-name extractors) see it: with the input
     * record's bytes while one is processed, which a punctuation or a cache or buffer flush does not have (as in Kafka
     * Streams); {@code null} outside processing.
     */
    RecordContext userRecordContext() {
        ConsumerRecord<byte[], byte[]> raw = sourceRecord;
        ProcessorRecordContext context = currentContext();
        return raw == null || context == null ? context : new SourcedRecordContext(context, raw.key(), raw.value());
    }

    /** A record context with the bytes of the input record it comes from. */
    private record SourcedRecordContext(ProcessorRecordContext context, byte[] sourceRawKey, byte[] sourceRawValue)
        implements RecordContext {
        @Override
        public String topic() {
            return context.topic();
        }

        @Override
        public int partition() {
            return context.partition();
        }

        @Override
        public long offset() {
            return context.offset();
        }

        @Override
        public long timestamp() {
            return context.timestamp();
        }

        @Override
        public Headers headers() {
            return context.headers();
        }
    }

    /**
     * Makes the context of a record a cache or buffer kept its current one, without the input record being processed
     * (if any): what that record forwards did not come from it.
     */
    @Override
    public Object enterRecordContext(long timestamp, String topic, int partition, long offset, Headers headers) {
        EnteredContext previous = new EnteredContext(currentContext(), sourceRecord);
        recordContext = new ProcessorRecordContext(timestamp, offset, partition, topic,
            headers != null ? headers : new StreamsHeaders());
        sourceRecord = null;
        return previous;
    }

    @Override
    public void restoreRecordContext(Object previous) {
        EnteredContext entered = (EnteredContext) previous;
        recordContext = entered.context;
        forwardedRecord = null;
        sourceRecord = entered.source;
    }

    /** What {@link #enterRecordContext} replaced. */
    private record EnteredContext(ProcessorRecordContext context, ConsumerRecord<byte[], byte[]> source) {
    }

    /** Returns and clears the name of the node whose processing threw last. */
    String takeFailedNode() {
        String node = failedNode;
        failedNode = null;
        handledFailure = null;
        return node;
    }

    RecordCollector recordCollector() {
        return task.collector();
    }

    Serde<?> defaultKeySerde(String nodeName) {
        return task.requiredDefaultSerde(true);
    }

    Serde<?> defaultValueSerde(String nodeName) {
        return task.requiredDefaultSerde(false);
    }

    ErrorHandlerContext errorHandlerContext(String nodeName) {
        ProcessorRecordContext current = currentContext();
        ProcessorRecordContext context = current != null ? current : ProcessorRecordContext.punctuation(-1);
        ConsumerRecord<byte[], byte[]> raw = sourceRecord;
        return new TaskErrorHandlerContext(this, context.topic(), context.partition(), context.offset(),
            context.headers(), nodeName, context.timestamp(), raw == null ? null : raw.key(),
            raw == null ? null : raw.value());
    }

    @Override
    public String applicationId() {
        return task.applicationId();
    }

    @Override
    public TaskId taskId() {
        return task.id();
    }

    @Override
    public Optional<RecordMetadata> recordMetadata() {
        return Optional.ofNullable(currentContext());
    }

    @Override
    public Serde<?> keySerde() {
        return task.defaultSerdeOrNull(true);
    }

    @Override
    public Serde<?> valueSerde() {
        return task.defaultSerdeOrNull(false);
    }

    @Override
    public File stateDir() {
        return task.stateDir();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S extends StateStore> S getStateStore(String name) {
        if (currentNode == null) {
            throw new StreamsException("Accessing state store " + name + " is not allowed outside of init, process"
                + " and punctuate.");
        }
        StateStore global = task.globalStore(name);
        if (global != null) {
            // Only the processor that maintains a global store (the one connected to it) may write it.
            return (S) (currentNode.stores().contains(name) ? global : ReadOnlyGlobalKeyValueStore.wrap(global));
        }
        if (!currentNode.stores().contains(name)) {
            throw new StreamsException("Processor " + currentNode.name() + " has no access to StateStore " + name
                + " as the store is not connected to the processor. Connect it by passing the processor name to"
                + " Topology#addStateStore, with Topology#connectProcessorAndStateStores, by passing the store name to"
                + " KStream#process, or by returning its StoreBuilder from the supplier's stores().");
        }
        StateStore store = task.store(name);
        // Only the processor that maintains a read-only store from its topic may write it, as for global stores.
        return (S) (task.isReadOnlyFor(name, currentNode.name()) ? ReadOnlyGlobalKeyValueStore.wrap(store) : store);
    }

    @Override
    public Cancellable schedule(Duration interval, PunctuationType type, Punctuator callback) {
        return task.schedule(schedulingNode(), intervalMs(interval, type, callback), type, callback);
    }

    @Override
    public Cancellable schedule(Instant startTime, Duration interval, PunctuationType type, Punctuator callback) {
        Objects.requireNonNull(startTime, "startTime");
        long intervalMs = intervalMs(interval, type, callback);
        return task.schedule(schedulingNode(), startTime.toEpochMilli(), intervalMs, type, callback);
    }

    private static long intervalMs(Duration interval, PunctuationType type, Punctuator callback) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(callback, "callback");
        return schedulingIntervalMs(interval);
    }

    /** Returns {@code interval} in ms, refusing one shorter than a millisecond with Kafka Streams' message. */
    public static long schedulingIntervalMs(Duration interval) {
        long intervalMs = interval.toMillis();
        if (intervalMs < 1) {
            throw new IllegalArgumentException("The minimum supported scheduling interval is 1 millisecond.");
        }
        return intervalMs;
    }

    private ProcessorNode<?, ?, ?, ?> schedulingNode() {
        if (currentNode == null) {
            throw new StreamsException("Punctuations can be scheduled only from a processor (init, process or"
                + " punctuate).");
        }
        return currentNode;
    }

    @Override
    public <K, V> void forward(Record<K, V> record) {
        forward(record, null);
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <K, V> void forward(Record<K, V> record, String childName) {
        Objects.requireNonNull(record, "record");
        ProcessorNode<?, ?, ?, ?> parent = currentNode;
        if (parent == null || recordContext == null || initializing) {
            throw new StreamsException("Current node or record is unknown. forward() may be called only from"
                + " Processor#process or a punctuation, not from init or close.");
        }
        ProcessorRecordContext previousContext = recordContext;
        Record<?, ?> previousForwarded = forwardedRecord;
        forwardedRecord = record;
        try {
            if (childName == null) {
                List<? extends ProcessorNode> children = parent.children();
                for (int i = 0, n = children.size(); i < n; i++) {
                    runChild(children.get(i), record);
                }
            } else {
                ProcessorNode child = parent.child(childName);
                if (child == null) {
                    throw new StreamsException("Unknown downstream node: " + childName + " either does not exist or"
                        + " is not connected to this processor.");
                }
                runChild(child, record);
            }
        } finally {
            currentNode = parent;
            recordContext = previousContext;
            forwardedRecord = previousForwarded;
        }
    }

    /**
     * Runs {@code child} on the record. What its processor throws, a {@link StreamsException} included (as from a
     * forward to an unknown child), goes to the processing exception handler once, as in Kafka Streams: a skipped
     * record goes no further from that child; a failure it fails the task with passes up unchanged, as do the
     * runtime's own failures (a sink's, a task migration).
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private void runChild(ProcessorNode child, Record record) {
        currentNode = child;
        try {
            child.process(record);
            child.recordProcessed(record.timestamp());
        } catch (RuntimeException e) {
            if (isRuntimeFailure(e) || e == handledFailure) {
                // Not a processor's failure (the runtime's, or one already handled deeper down): pass it on.
                if (failedNode == null) {
                    failedNode = child.name();
                }
                throw e;
            }
            if (task.continueAfterProcessingError(child.name(), record, e)) {
                return;
            }
            failedNode = child.name();
            handledFailure = e;
            throw e;
        }
    }

    /**
     * Whether {@code failure} is the runtime's own (a sink's, a task migration), which fails the task without reaching
     * the processing exception handler.
     */
    static boolean isRuntimeFailure(RuntimeException failure) {
        return failure instanceof FailedProcessingException || failure instanceof TaskMigratedException
            || failure instanceof TaskCorruptedException;
    }

    /** Whether the processing exception handler has already decided to fail the task for {@code failure}. */
    boolean isHandledFailure(RuntimeException failure) {
        return failure == handledFailure;
    }

    @Override
    public void commit() {
        task.requestCommit();
    }

    @Override
    public Map<String, Object> appConfigs() {
        return task.config().values();
    }

    @Override
    public Map<String, Object> appConfigsWithPrefix(String prefix) {
        return task.config().originalsWithPrefix(prefix);
    }

    @Override
    public long currentSystemTimeMs() {
        return task.time().milliseconds();
    }

    @Override
    public StreamsMetrics metrics() {
        return task.streamsMetrics();
    }

    @Override
    public boolean processorRunning() {
        return currentNode != null;
    }

    @Override
    public long currentStreamTimeMs() {
        ProcessorNode<?, ?, ?, ?> node = currentNode;
        if (node != null) {
            for (String store : node.stores()) {
                if (task.globalStore(store) != null) {
                    // A processor maintaining a global store reads its topic whole; stream time is a task's.
                    throw new UnsupportedOperationException("There is no concept of stream-time for a global"
                        + " processor.");
                }
            }
        }
        return task.streamTime();
    }

    @Override
    public void register(StateStore store, StateRestoreCallback stateRestoreCallback) {
        task.registerStore(store, stateRestoreCallback, null);
    }

    @Override
    public void register(StateStore store, StateRestoreCallback stateRestoreCallback, CommitCallback commitCallback) {
        task.registerStore(store, stateRestoreCallback, Objects.requireNonNull(commitCallback, "commitCallback"));
    }

    @Override
    public ChangeLogger changeLogger(String storeName, StoreValueLayout layout) {
        return task.changeLogger(storeName, layout);
    }

    @Override
    public <K, V> dev.runnel.streams.internal.state.CacheFlushListener<K, V> bindToCurrentNode(
        dev.runnel.streams.internal.state.CacheFlushListener<K, V> listener) {
        ProcessorNode<?, ?, ?, ?> node = currentNode;
        if (node == null) {
            return listener;
        }
        return (key, newValue, oldValue, timestamp) -> {
            ProcessorNode<?, ?, ?, ?> previousNode = currentNode;
            ProcessorRecordContext previousContext = currentContext();
            currentNode = node;
            recordContext = contextAt(timestamp);
            try {
                listener.apply(key, newValue, oldValue, timestamp);
            } finally {
                currentNode = previousNode;
                recordContext = previousContext;
            }
        };
    }

    /** Returns the current record's context moved to {@code timestamp}, or a punctuation's outside processing. */
    private ProcessorRecordContext contextAt(long timestamp) {
        ProcessorRecordContext current = currentContext();
        return current != null ? current.forwarding(timestamp, current.headers())
            : ProcessorRecordContext.punctuation(timestamp);
    }

    @Override
    public dev.runnel.streams.internal.state.ThreadCache threadCache() {
        return task.threadCache();
    }

    @Override
    public long recordTimestamp() {
        Record<?, ?> forwarded = forwardedRecord;
        if (forwarded != null) {
            return Math.max(0L, forwarded.timestamp());
        }
        return recordContext == null ? 0L : Math.max(0L, recordContext.timestamp());
    }

}
