package io.chatbridge.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatbridge.support.MovableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

class RememberedPasswordsTests {

    private final CountingEncoder bcrypt = new CountingEncoder(new BCryptPasswordEncoder(4));
    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-26T06:00:00Z"));
    private final RememberedPasswords passwords = new RememberedPasswords(bcrypt, clock);
    private final String hash = bcrypt.encode("correct horse");

    @Test
    void aPasswordThatJustMatchedIsNotHashedAgain() {
        assertThat(passwords.matches("correct horse", hash)).isTrue();
        assertThat(passwords.matches("correct horse", hash)).isTrue();
        assertThat(passwords.matches("correct horse", hash)).isTrue();
        assertThat(bcrypt.checks).isEqualTo(1);
    }

    @Test
    void aWrongPasswordIsAlwaysHashedAndNeverRemembered() {
        assertThat(passwords.matches("correct horse", hash)).isTrue();
        for (int i = 0; i < 3; i++) {
            assertThat(passwords.matches("correct hors", hash)).isFalse();
            assertThat(passwords.matches("correct horse ", hash)).isFalse();
            assertThat(passwords.matches("", hash)).isFalse();
        }
        assertThat(bcrypt.checks).isEqualTo(1 + 9);
    }

    @Test
    void aChangedPasswordStopsTheOldOneAtOnce() {
        assertThat(passwords.matches("correct horse", hash)).isTrue();
        String changed = bcrypt.encode("battery staple");
        assertThat(passwords.matches("correct horse", changed)).isFalse();
        assertThat(passwords.matches("battery staple", changed)).isTrue();
        assertThat(passwords.matches("battery staple", hash)).isFalse();
    }

    @Test
    void aSuccessIsForgottenAfterAWhile() {
        assertThat(passwords.matches("correct horse", hash)).isTrue();
        clock.advance(RememberedPasswords.REMEMBERED.minusSeconds(1));
        assertThat(passwords.matches("correct horse", hash)).isTrue();
        assertThat(bcrypt.checks).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(passwords.matches("correct horse", hash)).isTrue();
        assertThat(bcrypt.checks).isEqualTo(2);
    }

    @Test
    void onlyTheLatestSuccessesAreKept() {
        assertThat(passwords.matches("correct horse", hash)).isTrue();
        String last = null;
        for (int i = 0; i < RememberedPasswords.CAPACITY; i++) {
            last = bcrypt.encode("password " + i);
            assertThat(passwords.matches("password " + i, last)).isTrue();
        }
        int checks = bcrypt.checks;
        assertThat(passwords.matches("password " + (RememberedPasswords.CAPACITY - 1), last))
                .isTrue();
        assertThat(bcrypt.checks).isEqualTo(checks);
        assertThat(passwords.matches("correct horse", hash)).isTrue(); // the oldest went
        assertThat(bcrypt.checks).isEqualTo(checks + 1);
    }

    @Test
    void encodingAndMissingValuesGoStraightToTheEncoder() {
        assertThat(passwords.encode("x")).startsWith("$2a$04$");
        assertThat(passwords.matches("correct horse", null)).isFalse();
        assertThat(passwords.upgradeEncoding(hash)).isFalse();
    }

    /** Spring's bcrypt, counting its password checks. */
    private static final class CountingEncoder implements PasswordEncoder {
        private final PasswordEncoder encoder;
        int checks;

        CountingEncoder(PasswordEncoder encoder) {
            this.encoder = encoder;
        }

        @Override
        public String encode(CharSequence rawPassword) {
            return encoder.encode(rawPassword);
        }

        @Override
        public boolean matches(CharSequence rawPassword, String encodedPassword) {
            checks++;
            return encoder.matches(rawPassword, encodedPassword);
        }
    }
}
