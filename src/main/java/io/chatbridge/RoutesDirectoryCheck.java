package io.chatbridge;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Fails start-up with a plain message when the routes folder is missing or empty. Without it the
 * webhook would still acknowledge messages while nothing processed them: a quiet failure that an
 * admin would only notice days later.
 */
class RoutesDirectoryCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        String configured = event.getEnvironment().getProperty("chatbridge.routes-dir", "./routes");
        check(Path.of(configured));
    }

    static void check(Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(absolute)) {
            throw new IllegalStateException("The routes folder " + absolute + " does not exist. Start chatbridge from "
                    + "the folder that holds routes/ and mappings/, or set CHATBRIDGE_ROUTES_DIR.");
        }
        try (DirectoryStream<Path> routes = Files.newDirectoryStream(absolute, "*.camel.yaml")) {
            if (!routes.iterator().hasNext()) {
                throw new IllegalStateException("The routes folder " + absolute + " holds no *.camel.yaml files; "
                        + "chatbridge would accept messages but never process them.");
            }
        } catch (IOException e) {
            throw new IllegalStateException("The routes folder " + absolute + " cannot be read: " + e.getMessage(), e);
        }
    }
}
