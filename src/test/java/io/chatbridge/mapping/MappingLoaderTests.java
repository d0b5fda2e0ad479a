package io.chatbridge.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappingLoaderTests {

    private static final Path BROKEN = Path.of("src/test/resources/mappings-broken");

    private final MappingLoader loader = new MappingLoader(Map.of("CHATBRIDGE_ZONE", "America/Sao_Paulo")::get);

    @Test
    void shippedMappingsLoadWithoutProblems() {
        MappingLoader.Result result = new MappingLoader(name -> null).load(Path.of("mappings"));

        assertThat(result.problems()).isEmpty();
        MappingSet set = result.mappings().orElseThrow();
        assertThat(set.types()).containsOnlyKeys("appointment", "booking", "order", "payment");
        assertThat(set.type("booking").orElseThrow().fields())
                .containsKeys("event_date", "event_time", "guests", "item", "customer_name", "phone", "notes");
        assertThat(set.type("order").orElseThrow().fields())
                .containsKeys(
                        "items",
                        "delivery_date",
                        "delivery_address",
                        "customer_name",
                        "phone",
                        "total_amount",
                        "currency");
        assertThat(set.type("payment").orElseThrow().fields())
                .containsKeys("amount", "currency", "reference", "paid_on", "method", "payer_name", "phone");
        assertThat(set.type("appointment").orElseThrow().fields())
                .containsKeys("date", "time", "service", "customer_name", "phone", "staff");
    }

    @Test
    void aFieldMayBeOwnedBySeveralStaffSidesAndATypoInTheListIsReported(@TempDir Path dir) throws Exception {
        String booking = Files.readString(Path.of("mappings/booking.yaml"));
        Files.writeString(dir.resolve("booking.yaml"), booking);
        Files.copy(Path.of("mappings/business.yaml"), dir.resolve("business.yaml"));
        MappingLoader.Result loaded = new MappingLoader(name -> null).load(dir);
        assertThat(loaded.problems()).isEmpty();
        MappingSet set = loaded.mappings().orElseThrow();
        assertThat(set.type("booking").orElseThrow().fields().get("status").owners())
                .containsExactly("sheets", "excel", "hubspot");
        assertThat(set.type("booking").orElseThrow().fields().get("guests").owners())
                .containsExactly("chat");

        Files.writeString(
                dir.resolve("booking.yaml"),
                booking.replace("owner: [sheets, excel, hubspot]", "owner: [sheets, exel]"));
        List<String> problems = new MappingLoader(name -> null)
                .load(dir).problems().stream().map(MappingProblem::toString).toList();
        assertThat(problems).anySatisfy(p -> assertThat(p)
                .startsWith("booking.yaml:")
                .endsWith("field `status` has owner `exel`; did you mean `excel`?"));
    }

    @Test
    void everyShippedTypeIsDeliveredToTheLogSink() {
        MappingSet set = new MappingLoader(name -> null)
                .load(Path.of("mappings"))
                .mappings()
                .orElseThrow();

        assertThat(set.types().values())
                .allSatisfy(t -> assertThat(t.info().sinks()).contains("log"));
        assertThat(set.types().values())
                .extracting(RecordTypeMapping::idPrefix)
                .containsExactlyInAnyOrder("AP", "BK", "OR", "PY");
    }

    @Test
    void environmentVariablesFillBusinessSettingsAndDefaultsApplyOtherwise() {
        MappingSet set = loader.load(Path.of("mappings")).mappings().orElseThrow();

        BusinessProfile business = set.business("unknown-number");
        assertThat(business.phoneNumberId()).isEqualTo("default");
        assertThat(business.zone()).isEqualTo(ZoneId.of("America/Sao_Paulo"));
        assertThat(business.locale()).isEqualTo(Locale.UK);
        assertThat(business.currency()).isEqualTo("GBP");
        assertThat(business.languages()).containsExactly("en", "es", "pt");
        assertThat(business.ownerNumber()).isNull();
    }

    @Test
    void typoInFieldTypeIsReportedWithLineColumnAndSuggestion() {
        List<MappingProblem> problems = loader.load(BROKEN.resolve("typo-type")).problems();

        assertThat(problems)
                .containsExactly(new MappingProblem(
                        "booking.yaml", 10, 11, "field `guests` has type `integr`; did you mean `integer`?"));
        assertThat(problems.get(0))
                .hasToString("booking.yaml:10:11: field `guests` has type `integr`; did you mean `integer`?");
    }

    @Test
    void everyProblemOfEveryFileIsReportedInOnePass() {
        List<String> problems = loader.load(BROKEN.resolve("many-problems")).problems().stream()
                .map(MappingProblem::toString)
                .toList();

        assertThat(problems)
                .containsSubsequence(
                        "booking.yaml:2:12: id-prefix `bk` should be 2 to 4 capital letters, like `BK`",
                        "booking.yaml:9:12: field `event_date` has owner `sheet`; did you mean `sheets`?",
                        "booking.yaml:10:5: unknown key `requird` in field `event_date`; did you mean `required`?",
                        "booking.yaml:13:10: field `guests` has `min` 10 above `max` 1",
                        "booking.yaml:16:3: `guests` appears twice in `fields`; keep one",
                        "booking.yaml:18:23: business-key names `event_dte`, which is not a field; did you mean `event_date`?",
                        "booking.yaml:21:3: unknown key `hubspott` in `connectors`; did you mean `hubspot`?",
                        "business.yaml:2:9: business `default` has zone `Europe/Lodnon`, which is not a time zone;"
                                + " did you mean `Europe/London`? (zones look like `Europe/London`)",
                        "business.yaml:3:11: business `default` has locale `english`; write language and country, like `en-GB` or `pt-BR`",
                        "business.yaml:7:10: business `default` has opening hours `9 to 5`; write them like `09:00-18:00` or `closed`",
                        "order.yaml:10:14: environment variable `MISSING_PATTERN_VARIABLE` is not set; set it or write"
                                + " `${MISSING_PATTERN_VARIABLE:a default}`");
        assertThat(problems)
                .anySatisfy(p -> assertThat(p).startsWith("booking.yaml:5:").contains("broken pattern"));
        assertThat(problems)
                .anySatisfy(p -> assertThat(p).startsWith("business.yaml:4:").contains("POUNDS"));
        assertThat(problems)
                .anySatisfy(p -> assertThat(p).startsWith("business.yaml:5:").contains("country code"));
        assertThat(problems)
                .anySatisfy(p -> assertThat(p).startsWith("booking.yaml").contains("phone"));
    }

    @Test
    void brokenYamlSyntaxIsReportedWhereTheParserStopped() {
        List<MappingProblem> problems = loader.load(BROKEN.resolve("bad-yaml")).problems();

        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).file()).isEqualTo("booking.yaml");
        assertThat(problems.get(0).line()).isBetween(4, 5);
        assertThat(problems.get(0).message()).startsWith("is not valid YAML");
    }

    @Test
    void aFolderThatDoesNotExistIsOneProblem() {
        List<MappingProblem> problems = loader.load(Path.of("no/such/folder")).problems();

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.file())
                    .isEqualTo(Path.of("no/such/folder").toAbsolutePath().toString());
            assertThat(p.message()).startsWith("does not exist;");
        });
    }

    @Test
    void followUpQuestionsComeInTheCustomersLanguage() {
        FieldMapping guests = new MappingLoader(name -> null)
                .load(Path.of("mappings"))
                .mappings()
                .orElseThrow()
                .type("booking")
                .orElseThrow()
                .fields()
                .get("guests");

        assertThat(guests.question("pt")).contains("Para quantas pessoas?");
        assertThat(guests.question("fr")).isPresent();
    }
}
