package io.chatbridge.web.console.search;

import io.chatbridge.mapping.BusinessProfile;
import io.chatbridge.mapping.MappingRegistry;
import io.chatbridge.mapping.MappingSet;
import io.chatbridge.web.console.ConsoleProperties;
import io.chatbridge.web.console.customer.CustomerQueries;
import java.util.function.Supplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The console's read side: record search and customer queries, and the country phone numbers are read in. */
@Configuration(proxyBeanMethods = false)
class SearchConfiguration {

    @Bean
    RecordSearch recordSearch(JdbcClient jdbc, ConsoleProperties properties) {
        return new RecordSearch(jdbc, properties.searchPageSize());
    }

    @Bean
    CustomerQueries customerQueries(JdbcClient jdbc) {
        return new CustomerQueries(jdbc);
    }

    /** National numbers typed into search are read in the default business's country (its locale), as extraction does. */
    @Bean
    PhoneRegion phoneRegion(MappingRegistry mappings) {
        return () -> {
            BusinessProfile business = mappings.current().business(MappingSet.DEFAULT_BUSINESS);
            return business == null || business.locale() == null
                    ? ""
                    : business.locale().getCountry();
        };
    }

    /** The region code (GB, BR, …) national phone numbers are read in; empty when unknown. */
    interface PhoneRegion extends Supplier<String> {}
}
