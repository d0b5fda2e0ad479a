package io.chatbridge.mapping;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a broken mappings folder at start-up into a message an admin can act on, without a stack trace. */
class MappingsInvalidFailureAnalyzer extends AbstractFailureAnalyzer<MappingsInvalidException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MappingsInvalidException cause) {
        return new FailureAnalysis(
                cause.getMessage(),
                "Fix the files listed above (each line says file:line:column), or check them with "
                        + "`java -jar chatbridge.jar mappings validate <dir>`, then start chatbridge again. "
                        + "Set chatbridge.mappings-dir if the mappings live somewhere else.",
                cause);
    }
}
