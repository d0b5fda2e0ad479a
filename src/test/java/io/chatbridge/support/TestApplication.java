package io.chatbridge.support;

import io.chatbridge.ChatbridgeApplication;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.RestClient;

/**
 * Starts a whole chatbridge instance (embedded PostgreSQL, real HTTP port, routes from {@code routes/})
 * for tests that need several instances or a restart on the same data directory.
 */
public final class TestApplication {

    private TestApplication() {}

    public static ConfigurableApplicationContext start(Path dataDir, String... extraProperties) {
        return start(true, dataDir, extraProperties);
    }

    /** An instance with the shipped mappings and the real rule-based extractor. */
    public static ConfigurableApplicationContext startWithShippedMappings(Path dataDir, String... extraProperties) {
        return start(false, dataDir, extraProperties);
    }

    /** An instance with the real rule-based extractor and the mappings of {@code mappingsDir}. */
    public static ConfigurableApplicationContext startWithMappings(
            Path dataDir, Path mappingsDir, String... extraProperties) {
        List<String> args = new ArrayList<>(List.of(extraProperties));
        args.add("--chatbridge.mappings-dir=" + mappingsDir);
        return start(false, dataDir, args.toArray(String[]::new));
    }

    /** An instance with the shipped extractor, the movable {@link TestClock} and any extra configuration. */
    public static ConfigurableApplicationContext startWithClock(
            Path dataDir, List<Class<?>> extraSources, String... extraProperties) {
        List<Class<?>> sources = new ArrayList<>(List.of(ChatbridgeApplication.class, TestClock.Config.class));
        sources.addAll(extraSources);
        return run(sources.toArray(Class<?>[]::new), dataDir, extraProperties);
    }

    private static ConfigurableApplicationContext start(
            boolean testExtraction, Path dataDir, String... extraProperties) {
        Class<?>[] sources = testExtraction
                ? new Class<?>[] {ChatbridgeApplication.class, TestExtraction.class, Sinks.class}
                : new Class<?>[] {ChatbridgeApplication.class};
        return run(sources, dataDir, extraProperties);
    }

    private static ConfigurableApplicationContext run(Class<?>[] sources, Path dataDir, String... extraProperties) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--chatbridge.data-dir=" + dataDir,
                "--chatbridge.whatsapp.app-secret=" + Webhooks.APP_SECRET,
                "--chatbridge.whatsapp.verify-token=" + Webhooks.VERIFY_TOKEN,
                "--chatbridge.admin.password=test-admin-password",
                "--chatbridge.pipeline.poll-millis=50",
                "--chatbridge.outbox.poll-millis=50",
                "--chatbridge.pipeline.start-delay-millis=0",
                "--chatbridge.outbox.base-backoff=100ms"));
        args.addAll(List.of(extraProperties));
        return new SpringApplicationBuilder(sources).run(args.toArray(String[]::new));
    }

    public static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    /** A client of the instance's HTTP API, signed in as its admin. */
    public static RestClient adminApi(ConfigurableApplicationContext context) {
        return RestClient.builder()
                .baseUrl("http://localhost:" + port(context))
                .defaultHeaders(h -> h.setBasicAuth("admin", "test-admin-password"))
                .build();
    }

    /**
     * The response as it came, error statuses included, with its body as text: pass it to
     * {@code exchange} to look at a refusal.
     */
    public static ResponseEntity<String> withBody(HttpRequest request, ClientHttpResponse response) throws IOException {
        return ResponseEntity.status(response.getStatusCode())
                .body(new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Configuration(proxyBeanMethods = false)
    public static class Sinks {
        @Bean
        CountingSink countingSink() {
            return new CountingSink();
        }

        @Bean
        FlakySink flakySink() {
            return new FlakySink();
        }
    }
}
