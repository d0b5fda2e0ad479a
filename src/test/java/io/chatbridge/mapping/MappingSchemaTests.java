package io.chatbridge.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatbridge.connector.excel.ExcelBindingParser;
import io.chatbridge.mapping.internal.BusinessParser;
import io.chatbridge.mapping.internal.RecordTypeParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Editors autocomplete from schema.json; it must offer exactly what the loader accepts. */
class MappingSchemaTests {

    private static JsonNode definitions;

    @BeforeAll
    static void readSchema() throws IOException {
        definitions = new ObjectMapper()
                .readTree(Path.of("mappings/schema.json").toFile())
                .get("definitions");
    }

    @Test
    void recordTypeKeysMatchTheLoader() {
        assertThat(names(definitions.at("/recordType/properties")))
                .containsExactlyInAnyOrderElementsOf(RecordTypeParser.TOP_KEYS);
        assertThat(names(definitions.at("/recordType/properties/match/properties")))
                .containsExactlyInAnyOrderElementsOf(RecordTypeParser.MATCH_KEYS);
    }

    @Test
    void fieldKeysTypesAndOwnersMatchTheLoader() {
        assertThat(names(definitions.at("/field/properties")))
                .containsExactlyInAnyOrderElementsOf(RecordTypeParser.FIELD_KEYS);
        assertThat(texts(definitions.at("/field/properties/type/enum")))
                .containsExactlyElementsOf(FieldType.yamlNames());
        assertThat(texts(definitions.at("/field/properties/owner/oneOf/0/enum")))
                .containsExactlyElementsOf(RecordTypeParser.OWNERS);
        assertThat(texts(definitions.at("/field/properties/owner/oneOf/1/items/enum")))
                .containsExactlyElementsOf(RecordTypeParser.OWNERS);
        assertThat(texts(definitions.at("/field/properties/fallback/enum")))
                .containsExactlyElementsOf(RecordTypeParser.FALLBACKS);
        assertThat(texts(definitions.at("/recordType/properties/connectors/propertyNames/enum")))
                .containsExactlyElementsOf(RecordTypeParser.CONNECTORS);
    }

    @Test
    void excelKeysMatchTheConnectorsParser() {
        assertThat(names(definitions.at("/excel/properties")))
                .containsExactlyInAnyOrderElementsOf(ExcelBindingParser.KEYS);
        assertThat(texts(definitions.at("/excel/required"))).allMatch(ExcelBindingParser.KEYS::contains);
    }

    @Test
    void businessKeysMatchTheLoader() {
        assertThat(names(definitions.at("/business/properties")))
                .containsExactlyInAnyOrderElementsOf(BusinessParser.KEYS);
        assertThat(names(definitions.at("/business/properties/working-hours/properties")))
                .containsExactlyInAnyOrderElementsOf(BusinessParser.DAYS);
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }
}
