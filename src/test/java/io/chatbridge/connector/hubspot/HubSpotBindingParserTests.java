package io.chatbridge.connector.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatbridge.mapping.MappingLoader;
import io.chatbridge.mapping.RecordTypeMapping;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HubSpotBindingParserTests {

    static final Set<String> FIELDS = Set.of("event_date", "item", "customer_name", "phone", "hubspot_owner");

    final HubSpotBindingParser parser = new HubSpotBindingParser(name -> "OWNER_X".equals(name) ? "301" : null);

    @Test
    void theShippedBookingMappingMakesEachBookingADealOnTheWhatsAppContact() {
        MappingLoader.Result loaded = new MappingLoader(name -> null).load(Path.of("mappings"));
        assertThat(loaded.problems()).isEmpty();
        RecordTypeMapping booking = loaded.mappings().orElseThrow().types().get("booking");
        HubSpotBindingParser.Result result = parser.parse(
                "booking", booking.connectors().get("hubspot"), booking.fields().keySet());
        assertThat(result.problems()).isEmpty();
        HubSpotBinding binding = result.binding().orElseThrow();
        assertThat(binding.contactIdProperty()).isEqualTo("whatsapp_id");
        assertThat(binding.dealName()).isEqualTo("{item} – {customer_name} – {event_date}");
        assertThat(binding.stages())
                .containsEntry("confirmed", "contractsent")
                .containsEntry("new", "appointmentscheduled");
        assertThat(binding.statusOf("closedlost")).contains("cancelled");
        assertThat(binding.ownerField()).isEqualTo("hubspot_owner");
        assertThat(booking.fields().get("hubspot_owner").ownedBy("hubspot")).isTrue();
        assertThat(binding.owners().isEmpty()).isTrue(); // no owner variables set here
    }

    @Test
    void ownersComeFromTheEnvironmentAndBlankOnesAreDropped() {
        Map<String, Object> settings = Map.of(
                "owners",
                Map.of(
                        "round-robin", List.of("${OWNER_X}", "${UNSET:}", "102"),
                        "keywords", Map.of("Wedding", "${OWNER_X}"),
                        "business-numbers", Map.of("+1 555 078 3881", "103"),
                        "away", Map.of("102", List.of("2026-12-20/2027-01-02", "2027-02-14"))));
        OwnerRule owners = parser.parse("booking", settings, FIELDS)
                .binding()
                .orElseThrow()
                .owners();
        assertThat(owners.roundRobin()).containsExactly("301", "102");
        assertThat(owners.keywords()).containsExactly(Map.entry("wedding", "301"));
        assertThat(owners.businessNumbers()).containsExactly(Map.entry("15550783881", "103"));
        assertThat(owners.present("102", LocalDate.parse("2027-02-14"))).isFalse();
        assertThat(owners.present("102", LocalDate.parse("2027-02-15"))).isTrue();
    }

    @Test
    void mistakesAreReportedInWordsAnAdminUnderstands() {
        Map<String, Object> settings = Map.of(
                "contact-properties", Map.of("firstname", "customer_nam"),
                "deal", Map.of("name", "{item} for {guest}", "stage", "x"),
                "owners", Map.of("round-robin", List.of("101"), "away", Map.of("101", List.of("next week"))),
                "owner-field", "assigned_to",
                "colour", "blue");
        List<String> problems = parser.parse("booking", settings, FIELDS).problems();
        assertThat(problems)
                .anySatisfy(p -> assertThat(p).contains("unknown setting `colour`"))
                .anySatisfy(p -> assertThat(p).contains("deal: unknown setting `stage`"))
                .anySatisfy(p -> assertThat(p).contains("`customer_nam`, which the mapping does not have"))
                .anySatisfy(p -> assertThat(p).contains("`{guest}`"))
                .anySatisfy(p -> assertThat(p).contains("`next week` is not a day"))
                .anySatisfy(p -> assertThat(p).contains("no field `assigned_to`"));
        assertThat(parser.parse("booking", settings, FIELDS).binding()).isEmpty();
    }
}
