package io.chatbridge.connector.sheets;

import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wiring of the Google Sheets connector. */
@Configuration(proxyBeanMethods = false)
class SheetsConfiguration {

    /** Until the mappings bind a record type to a sheet, there is nothing to write or poll. */
    @Bean
    @ConditionalOnMissingBean
    SheetsBindings noSheetsBindings() {
        return List::of;
    }
}
