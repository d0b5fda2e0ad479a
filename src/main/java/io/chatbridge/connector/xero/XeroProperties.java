package io.chatbridge.connector.xero;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Xero connector's settings ({@code chatbridge.xero.*}). The connector is off while the tenant
 * id or the client credentials are unset: matches are still queued, and sent once it is configured.
 * The base path and the token URL are what tests point at the fake Xero.
 *
 * @param basePath the Accounting API root
 * @param tokenUrl Xero's OAuth 2.0 token endpoint (client credentials of a custom connection)
 * @param clientId the app's client id ({@code CHATBRIDGE_XERO_CLIENT_ID})
 * @param clientSecret the app's client secret ({@code CHATBRIDGE_XERO_CLIENT_SECRET})
 * @param tenantId the organisation ({@code xero-tenant-id} header; {@code CHATBRIDGE_XERO_TENANT_ID})
 * @param scopes scopes asked for with the token, space separated; empty = the connection's own
 * @param paymentAccountCode the bank account (code) payments are paid into, e.g. {@code 090}
 * @param callsPerMinute calls per minute shared by every instance (Xero allows 60 per tenant)
 * @param maxInFlight calls in flight at once across instances (Xero allows 5)
 * @param dailyCallLimit calls per tenant and UTC day before the connector waits for the next day
 *     (Xero allows 5,000)
 * @param paymentsPerCall payments in one {@code PUT /Payments} (Xero recommends at most 50)
 * @param maxAttempts failed tries (5xx, timeouts) before a payment goes to the dead letter
 * @param baseBackoff first retry delay, doubled per attempt and jittered
 * @param maxBackoff longest retry delay
 * @param requestTimeout connect and read timeout of one call
 * @param lease how long a claimed payment stays with one instance before another may take it over
 * @param invoiceCacheTtl how long the open invoices are served from memory before Xero is asked
 *     for the ones modified since
 * @param invoiceFullRefresh how often the open invoices are read again in full
 * @param refreshToken a refresh token from Xero's authorisation-code flow ({@code
 *     CHATBRIDGE_XERO_REFRESH_TOKEN}); when set, tokens come from the refresh-token grant instead of
 *     client credentials, and the rotated refresh token is kept in the database (it is spent on use)
 */
@ConfigurationProperties("chatbridge.xero")
public record XeroProperties(
        @DefaultValue("https://api.xero.com/api.xro/2.0") String basePath,
        @DefaultValue("https://identity.xero.com/connect/token") String tokenUrl,
        String clientId,
        String clientSecret,
        String tenantId,
        @DefaultValue("") String scopes,
        @DefaultValue("090") String paymentAccountCode,
        @DefaultValue("48") int callsPerMinute,
        @DefaultValue("4") int maxInFlight,
        @DefaultValue("4000") int dailyCallLimit,
        @DefaultValue("50") int paymentsPerCall,
        @DefaultValue("12") int maxAttempts,
        @DefaultValue("2s") Duration baseBackoff,
        @DefaultValue("30m") Duration maxBackoff,
        @DefaultValue("30s") Duration requestTimeout,
        @DefaultValue("5m") Duration lease,
        @DefaultValue("5m") Duration invoiceCacheTtl,
        @DefaultValue("1h") Duration invoiceFullRefresh,
        String refreshToken) {

    public XeroProperties {
        if (paymentsPerCall < 1 || paymentsPerCall > 100) {
            throw new IllegalArgumentException(
                    "chatbridge.xero.payments-per-call must be between 1 and 100 (Xero recommends 50), not "
                            + paymentsPerCall);
        }
        if (maxInFlight < 1 || maxInFlight > 16) {
            throw new IllegalArgumentException(
                    "chatbridge.xero.max-in-flight must be between 1 and 16 (Xero allows 5), not " + maxInFlight);
        }
    }

    /** True once the tenant and the client credentials are set. */
    public boolean configured() {
        return present(tenantId) && present(clientId) && present(clientSecret);
    }

    /** True when tokens come from the refresh-token grant (a web app) rather than client credentials. */
    public boolean usesRefreshToken() {
        return present(refreshToken);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
