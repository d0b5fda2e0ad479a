package io.chatbridge.mapping;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The kinds of value a mapped field can hold; the YAML name is what admins write. */
public enum FieldType {
    DATE("date"),
    TIME("time"),
    INTEGER("integer"),
    DECIMAL("decimal"),
    MONEY("money"),
    CURRENCY("currency"),
    PHONE("phone"),
    EMAIL("email"),
    TEXT("text"),
    ENUM("enum"),
    ITEM_LIST("item-list"),
    REFERENCE("reference");

    private final String yamlName;

    FieldType(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }

    public static Optional<FieldType> fromYaml(String name) {
        return Arrays.stream(values()).filter(t -> t.yamlName.equals(name)).findFirst();
    }

    public static List<String> yamlNames() {
        return Arrays.stream(values()).map(FieldType::yamlName).toList();
    }
}
