package io.chatbridge.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsoInstantsTests {

    @Test
    void readsWhatInstantToStringWroteAsInstantParseDoes() {
        SplittableRandom random = new SplittableRandom(9);
        long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 200_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(0, max + 1));
            assertThat(IsoInstants.parse(instant.toString())).isEqualTo(instant);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                // the shape an import writes: the edges of days, months and leap years
                "2024-02-29T00:00:00Z",
                "2000-02-29T23:59:59Z",
                "1970-01-01T00:00:00Z",
                "2023-12-31T23:59:59Z",
                "0000-01-01T00:00:00Z",
                "2023-04-30T12:00:00Z",
                "2023-01-01T09:03:00Z",
                // other shapes, read by Instant.parse
                "2023-01-01T09:03:00.250Z",
                "2023-01-01T09:03:00.000000001Z",
                "+10000-01-01T00:00:00Z",
                "2023-01-01T23:59:60Z",
                "2023-01-01T24:00:00Z"
            })
    void readsWhatInstantParseReadsTheSameWay(String text) {
        assertThat(IsoInstants.parse(text)).isEqualTo(Instant.parse(text));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2023-02-29T00:00:00Z",
                "1900-02-29T00:00:00Z",
                "2023-04-31T00:00:00Z",
                "2023-13-01T00:00:00Z",
                "2023-00-10T00:00:00Z",
                "2023-01-00T00:00:00Z",
                "2023-01-01T23:60:00Z",
                "2023-01-01 09:03:00Z",
                "2023-01-01T09:03:0xZ",
                "20a3-01-01T09:03:00Z",
                "2023-01-01T09:03:00+",
                ""
            })
    void whatInstantParseRefusesIsRefusedTheSameWay(String text) {
        assertThatThrownBy(() -> Instant.parse(text)).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> IsoInstants.parse(text)).isInstanceOf(DateTimeParseException.class);
    }
}
