package io.chatbridge.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;

class MappingsInvalidFailureAnalyzerTests {

    @Test
    void tellsTheAdminWhichFileToFixAndHowToCheckIt() {
        MappingsInvalidException failure = new MappingsInvalidException(
                Path.of("mappings"),
                List.of(new MappingProblem(
                        "booking.yaml", 10, 11, "field `guests` has type `integr`; did you mean `integer`?")));

        FailureAnalysis analysis = new MappingsInvalidFailureAnalyzer().analyze(new IllegalStateException(failure));

        assertThat(analysis.getDescription())
                .isEqualTo("The mappings in " + Path.of("mappings").toAbsolutePath() + " cannot be used:\n"
                        + "  booking.yaml:10:11: field `guests` has type `integr`; did you mean `integer`?");
        assertThat(analysis.getAction()).contains("mappings validate");
    }
}
