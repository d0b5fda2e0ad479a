package io.chatbridge.connector.xero;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Offers Xero as a source of open invoices only while the connector is configured: an instance
 * without a Xero tenant must not make the reconciler fail on every run.
 */
@Configuration(proxyBeanMethods = false)
class XeroConfiguration {

    @Bean
    @Conditional(Configured.class)
    XeroOpenInvoices xeroOpenInvoices(XeroClient client, XeroProperties properties, Clock clock, SentPayments sent) {
        return new XeroOpenInvoices(client, properties, clock, sent);
    }

    /** Tenant id, client id and client secret all set (blank counts as unset). */
    static final class Configured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            Environment env = context.getEnvironment();
            return present(env, "chatbridge.xero.tenant-id")
                    && present(env, "chatbridge.xero.client-id")
                    && present(env, "chatbridge.xero.client-secret");
        }

        private static boolean present(Environment env, String key) {
            String value = env.getProperty(key);
            return value != null && !value.isBlank();
        }
    }
}
