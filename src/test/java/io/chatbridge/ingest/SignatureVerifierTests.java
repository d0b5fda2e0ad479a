package io.chatbridge.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SignatureVerifierTests {

    private static final String VECTOR = "sha256=ef4ef20d4b66167423d096648e2a729967cdcfcbf62bb70fa769ddc5bc4aa86b";

    private final SignatureVerifier verifier = new SignatureVerifier("test_app_secret_123");

    @Test
    void acceptsTheRecordedVectorOverTheExactFixtureBytes() throws IOException {
        byte[] body = Files.readAllBytes(Path.of("src/test/resources/fixtures/whatsapp/text_message.json"));
        assertThat(body).hasSize(985);
        assertThat(verifier.verify(body, VECTOR)).isTrue();
        assertThat(verifier.sign(body)).isEqualTo(VECTOR);
    }

    @Test
    void acceptsUpperCaseHexAndPrefix() throws IOException {
        byte[] body = Files.readAllBytes(Path.of("src/test/resources/fixtures/whatsapp/text_message.json"));
        assertThat(verifier.verify(body, "SHA256=" + VECTOR.substring(7).toUpperCase()))
                .isTrue();
    }

    @Test
    void rejectsAOneByteChangeAReserialisedBodyAndAnotherSecret() throws IOException {
        byte[] body = Files.readAllBytes(Path.of("src/test/resources/fixtures/whatsapp/text_message.json"));
        byte[] changed = body.clone();
        changed[100] ^= 1;
        assertThat(verifier.verify(changed, VECTOR)).isFalse();
        byte[] compact =
                new String(body, StandardCharsets.UTF_8).replaceAll("\\s+", "").getBytes(StandardCharsets.UTF_8);
        assertThat(verifier.verify(compact, VECTOR)).isFalse();
        assertThat(new SignatureVerifier("other").verify(body, VECTOR)).isFalse();
    }

    @Test
    void rejectsMissingMalformedAndTruncatedHeaders() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        String good = verifier.sign(body);
        assertThat(verifier.verify(body, good)).isTrue();
        assertThat(verifier.verify(body, null)).isFalse();
        assertThat(verifier.verify(body, "")).isFalse();
        assertThat(verifier.verify(body, good.substring(7))).isFalse();
        assertThat(verifier.verify(body, good.substring(0, good.length() - 1))).isFalse();
        assertThat(verifier.verify(body, "sha1=" + good.substring(7))).isFalse();
        assertThat(verifier.verify(body, "sha256=" + "g".repeat(64))).isFalse();
    }

    @Test
    void refusesAnEmptySecret() {
        assertThatThrownBy(() -> new SignatureVerifier("")).isInstanceOf(IllegalArgumentException.class);
    }
}
