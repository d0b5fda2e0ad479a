package io.chatbridge.extract;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatbridge.mapping.MappingRegistry;
import io.chatbridge.mapping.MappingsInvalidException;
import io.chatbridge.mapping.RecordTypeCatalog;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class ExtractionConfigurationTests {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(ExtractionConfiguration.class)
            .withPropertyValues("chatbridge.mappings-reload-interval=0s");

    @Test
    void exposesRegistryCatalogAndExtractorOverTheMappingsFolder() {
        context.withPropertyValues("chatbridge.mappings-dir=mappings").run(ctx -> {
            assertThat(ctx).hasSingleBean(MappingRegistry.class).hasSingleBean(Extractor.class);
            assertThat(ctx.getBean(RecordTypeCatalog.class).find("booking")).isPresent();
        });
    }

    @Test
    void startUpFailsWithEveryProblemWhenTheMappingsAreBroken() {
        context.withPropertyValues("chatbridge.mappings-dir=src/test/resources/mappings-broken/typo-type")
                .run(ctx -> {
                    assertThat(ctx).hasFailed();
                    assertThat(ctx.getStartupFailure())
                            .rootCause()
                            .isInstanceOf(MappingsInvalidException.class)
                            .hasMessageContaining(
                                    "booking.yaml:10:11: field `guests` has type `integr`; did you mean `integer`?");
                });
    }
}
