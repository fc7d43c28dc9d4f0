package com.algomarket.workflows.support;

import io.temporal.common.WorkflowExecutionHistory;
import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.converter.AnnotationBasedArgumentConverter;
import org.junit.jupiter.params.converter.ArgumentConversionException;
import org.junit.jupiter.params.converter.ConvertWith;

/**
 * On a parameter of a parameterised replay test: the scenario name its source gives is loaded as the recorded history
 * {@code histories/<value>/<scenario>.json} ({@link RecordedHistories#load}). The test's display name still shows
 * the scenario's name.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@ConvertWith(RecordedHistory.Loader.class)
public @interface RecordedHistory {

    /** The workflow whose recorded histories the scenarios are: {@code order} for {@code histories/order/}. */
    String value();

    /** Loads the history that a scenario name stands for. */
    final class Loader extends AnnotationBasedArgumentConverter<RecordedHistory> {

        @Override
        protected WorkflowExecutionHistory convert(Object scenario, Class<?> targetType, RecordedHistory workflow) {
            if (!(scenario instanceof String name) || !targetType.equals(WorkflowExecutionHistory.class)) {
                throw new ArgumentConversionException("@RecordedHistory turns a scenario name into a "
                        + WorkflowExecutionHistory.class.getSimpleName() + ", not " + scenario + " into " + targetType);
            }
            try {
                return RecordedHistories.load(workflow.value(), name);
            } catch (IOException e) {
                throw new ArgumentConversionException("the recorded history " + workflow.value() + "/" + name, e);
            }
        }
    }
}
