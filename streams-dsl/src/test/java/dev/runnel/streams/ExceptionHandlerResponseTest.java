package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runnel.streams.errors.DeserializationExceptionHandler;
import dev.runnel.streams.errors.ProcessingExceptionHandler;
import dev.runnel.streams.errors.ProductionExceptionHandler;
import org.junit.jupiter.api.Test;

/** A handler's Response tells its result to code outside the errors package (a user's handler test, say). */
class ExceptionHandlerResponseTest {
    @Test
    void shouldTellEachResponsesResult() {
        assertEquals(DeserializationExceptionHandler.Result.RESUME,
            DeserializationExceptionHandler.Response.resume().result());
        assertEquals(DeserializationExceptionHandler.Result.FAIL,
            DeserializationExceptionHandler.Response.fail().result());
        assertEquals(ProcessingExceptionHandler.Result.RESUME, ProcessingExceptionHandler.Response.resume().result());
        assertEquals(ProcessingExceptionHandler.Result.FAIL, ProcessingExceptionHandler.Response.fail().result());
        assertEquals(ProductionExceptionHandler.Result.RETRY, ProductionExceptionHandler.Response.retry().result());
        assertEquals(ProductionExceptionHandler.Result.RESUME, ProductionExceptionHandler.Response.resume().result());
    }
}
