package io.chatbridge.common;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one clock that time-driven behaviour reads (the 24-hour window, business hours, reminders,
 * digests). Tests replace it with a {@code @Primary} clock they can move.
 */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
