package io.chatbridge.web.console;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The password check of HTTP Basic, which runs on every API call: a password that matched its stored
 * hash a moment ago is not put through the slow hash again. A script polling an import's status twice a
 * second otherwise spends a bcrypt round (tens of milliseconds of CPU) per poll: a quarter of the
 * server's CPU during a large import.
 *
 * <p>Only successes are remembered, under an HMAC (with a key made at start and never stored) of the
 * stored hash and the password, for {@link #REMEMBERED} at most: a wrong password always takes the
 * slow path, and a changed password has a new hash, so an old one stops working at once. Locked and
 * disabled users are refused before the password is checked, as before. Nothing here holds a password.
 */
final class RememberedPasswords implements PasswordEncoder {

    static final Duration REMEMBERED = Duration.ofMinutes(5);
    static final int CAPACITY = 1_000;

    private final PasswordEncoder encoder;
    private final Clock clock;
    private final SecretKeySpec key;
    private final Map<String, Instant> verified = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > CAPACITY;
        }
    };

    RememberedPasswords(PasswordEncoder encoder, Clock clock) {
        this.encoder = encoder;
        this.clock = clock;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return encoder.encode(rawPassword);
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (rawPassword == null || encodedPassword == null) {
            return encoder.matches(rawPassword, encodedPassword);
        }
        String pair = fingerprint(rawPassword, encodedPassword);
        Instant now = clock.instant();
        synchronized (verified) {
            Instant until = verified.get(pair);
            if (until != null && now.isBefore(until)) {
                return true;
            }
            verified.remove(pair);
        }
        boolean matches = encoder.matches(rawPassword, encodedPassword);
        if (matches) {
            synchronized (verified) {
                verified.put(pair, now.plus(REMEMBERED));
            }
        }
        return matches;
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return encoder.upgradeEncoding(encodedPassword);
    }

    private String fingerprint(CharSequence rawPassword, String encodedPassword) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(encodedPassword.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            byte[] password = rawPassword.toString().getBytes(StandardCharsets.UTF_8);
            return Base64.getEncoder().encodeToString(mac.doFinal(password));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
