package io.chatbridge.connector.xero;

import com.xero.api.ApiClient;
import com.xero.api.XeroApiException;
import com.xero.api.XeroAuthenticationException;
import com.xero.api.XeroBadRequestException;
import com.xero.api.XeroException;
import com.xero.api.XeroNotAvailableException;
import com.xero.api.XeroNotFoundException;
import com.xero.api.XeroRateLimitException;
import com.xero.api.XeroServerErrorException;
import com.xero.api.client.AccountingApi;
import com.xero.models.accounting.Element;
import com.xero.models.accounting.Invoice;
import com.xero.models.accounting.Invoices;
import com.xero.models.accounting.Payments;
import com.xero.models.accounting.ValidationError;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The one seam to Xero: the official SDK ({@code xero-java}) on a configurable base path, with a
 * token and a permit for every call, and the SDK's exceptions turned into {@link XeroCallException}s
 * that say whether a retry can help. The SDK sends {@code Idempotency-Key} on {@code PUT /Payments}
 * itself, so no raw HTTP is needed.
 */
@Component
class XeroClient {

    /** Invoices per page of {@code GET /Invoices} (fixed by Xero). */
    static final int PAGE_SIZE = 100;

    @FunctionalInterface
    private interface Call<T> {
        T run(String token) throws IOException;
    }

    private final XeroProperties properties;
    private final XeroTokens tokens;
    private final XeroCallGuard guard;
    private final AccountingApi api;

    XeroClient(XeroProperties properties, XeroTokens tokens, XeroCallGuard guard) {
        this.properties = properties;
        this.tokens = tokens;
        this.guard = guard;
        ApiClient client = new ApiClient(properties.basePath(), null, null, null, null);
        client.setConnectionTimeout((int) properties.requestTimeout().toMillis());
        client.setReadTimeout((int) properties.requestTimeout().toMillis());
        // not AccountingApi.getInstance: that is a static singleton, the first ApiClient would win
        this.api = new AccountingApi(client);
    }

    /**
     * One page of sales invoices: the open ones ({@code AUTHORISED}) for a full read, or every status
     * modified since {@code modifiedSince} (so invoices paid meanwhile can leave the cache).
     */
    List<Invoice> salesInvoices(int page, Instant modifiedSince)
            throws XeroCallException, XeroCallGuard.CallsSuspended {
        List<String> statuses = modifiedSince == null ? List.of("AUTHORISED") : null;
        org.threeten.bp.OffsetDateTime since = modifiedSince == null
                ? null
                : org.threeten.bp.OffsetDateTime.of(
                        org.threeten.bp.LocalDateTime.ofEpochSecond(
                                modifiedSince.getEpochSecond(), 0, org.threeten.bp.ZoneOffset.UTC),
                        org.threeten.bp.ZoneOffset.UTC);
        Invoices invoices = call(
                false,
                token -> api.getInvoices(
                        token,
                        properties.tenantId(),
                        since,
                        "Type==\"ACCREC\"",
                        "UpdatedDateUTC ASC",
                        null,
                        null,
                        null,
                        statuses,
                        page,
                        false,
                        null,
                        null,
                        null));
        return invoices == null || invoices.getInvoices() == null ? List.of() : invoices.getInvoices();
    }

    /**
     * Creates payments in one call with per-element results ({@code summarizeErrors=false}): one bad
     * payment does not refuse the others. The answer's elements are in the order of the request's.
     */
    Payments createPayments(Payments payments, String idempotencyKey)
            throws XeroCallException, XeroCallGuard.CallsSuspended {
        return call(true, token -> api.createPayments(token, properties.tenantId(), payments, idempotencyKey, false));
    }

    private <T> T call(boolean writes, Call<T> call) throws XeroCallException, XeroCallGuard.CallsSuspended {
        String token = tokens.current();
        try (XeroCallGuard.Permit permit = guard.acquire()) {
            return call.run(token);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new XeroCallException("interrupted while waiting for a Xero permit", 0, true, false, null);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // our request could not be written or Xero's answer read: nothing a retry changes
            throw new XeroCallException(
                    "Xero request or answer unreadable: " + e.getOriginalMessage(), 0, false, false, null);
        } catch (IOException e) {
            // a timeout or a dropped connection after the request went out may have written
            throw new XeroCallException("Xero unreachable: " + e.getMessage(), 0, true, writes, null);
        } catch (XeroException e) {
            throw translate(e, writes);
        }
    }

    private XeroCallException translate(XeroException e, boolean writes) {
        if (e instanceof XeroRateLimitException limit) {
            Long seconds = limit.getRetryAfterSeconds();
            Duration retryAfter = Duration.ofSeconds(seconds == null ? 60 : seconds);
            return new XeroCallException("rate limited: " + limit.getMessage(), 429, true, false, retryAfter);
        }
        if (e instanceof XeroAuthenticationException) {
            tokens.invalidate();
            return new XeroCallException(
                    "Xero refused the token or the tenant: " + e.getMessage(), 401, true, false, null);
        }
        if (e instanceof XeroBadRequestException bad) {
            return new XeroCallException(validationMessage(bad), 400, false, false, null);
        }
        if (e instanceof XeroNotFoundException) {
            return new XeroCallException(e.getMessage(), 404, false, false, null);
        }
        if (e instanceof XeroNotAvailableException || e instanceof XeroServerErrorException) {
            int status = e instanceof XeroNotAvailableException ? 503 : 500;
            return new XeroCallException("Xero answered " + status, status, true, writes, null);
        }
        int status = e instanceof XeroApiException api ? api.getResponseCode() : 0;
        boolean retryable = status == 0 || status >= 500;
        return new XeroCallException("Xero failed: " + e.getMessage(), status, retryable, writes && retryable, null);
    }

    private static String validationMessage(XeroBadRequestException bad) {
        List<Element> elements = bad.getElements();
        if (elements == null || elements.isEmpty()) {
            return "validation error: " + bad.getMessage();
        }
        return "validation error: "
                + elements.stream()
                        .flatMap(element -> element.getValidationErrors() == null
                                ? java.util.stream.Stream.empty()
                                : element.getValidationErrors().stream())
                        .map(ValidationError::getMessage)
                        .distinct()
                        .collect(Collectors.joining("; "));
    }
}
