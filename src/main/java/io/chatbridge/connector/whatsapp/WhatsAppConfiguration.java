package io.chatbridge.connector.whatsapp;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the Cloud API client; a test or another channel may provide its own {@link WhatsAppClient}. */
@Configuration(proxyBeanMethods = false)
class WhatsAppConfiguration {

    @Bean
    @ConditionalOnMissingBean(WhatsAppClient.class)
    WhatsAppClient whatsAppClient(WhatsAppSendProperties properties, ObjectMapper json) {
        return new GraphApiClient(properties, json);
    }
}
