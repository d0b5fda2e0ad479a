package io.chatbridge.connector.hubspot;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** True when {@code chatbridge.hubspot.access-token} has a value: without one the connector is off. */
class HubSpotEnabled implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        String token = context.getEnvironment().getProperty("chatbridge.hubspot.access-token");
        return token != null && !token.isBlank();
    }
}
