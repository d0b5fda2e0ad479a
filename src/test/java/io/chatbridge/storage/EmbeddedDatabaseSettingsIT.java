package io.chatbridge.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatbridge.support.TestApplication;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@code chatbridge.database.embedded-settings}: PostgreSQL settings for the embedded server. */
class EmbeddedDatabaseSettingsIT {

    @TempDir
    Path dir;

    @Test
    void settingsReachTheEmbeddedServerAndChatbridgesOwnStay() {
        try (ConfigurableApplicationContext context = TestApplication.start(
                dir.resolve("data"),
                "--chatbridge.database.embedded-settings.shared_buffers=48MB",
                "--chatbridge.database.embedded-settings.work_mem=5MB")) {
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("show shared_buffers", String.class)).isEqualTo("48MB");
            assertThat(jdbc.queryForObject("show work_mem", String.class)).isEqualTo("5MB");
            assertThat(jdbc.queryForObject("show max_connections", String.class))
                    .isEqualTo("200");
            assertThat(jdbc.queryForObject("show fsync", String.class)).isEqualTo("on");
        }
    }

    @Test
    void aSettingThatDecidesDurabilityIsRefusedWithItsName() {
        assertThatThrownBy(() -> TestApplication.start(
                                dir.resolve("data"), "--chatbridge.database.embedded-settings.fsync=off")
                        .close())
                .hasRootCauseInstanceOf(IllegalStateException.class)
                .rootCause()
                .hasMessageContaining("chatbridge.database.embedded-settings.fsync cannot be set");
    }
}
