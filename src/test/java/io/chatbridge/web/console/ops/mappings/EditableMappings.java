package io.chatbridge.web.console.ops.mappings;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatbridge.mapping.MappingLoader;
import io.chatbridge.mapping.MappingRegistry;
import io.chatbridge.support.ShippedMappings;
import io.chatbridge.support.TestDatabase;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** A copy of the shipped mappings in {@code dir}, loaded, with {@link MappingFiles} over it and {@code db}. */
final class EditableMappings {

    final MappingRegistry registry;
    final MappingFiles files;

    EditableMappings(Path dir, TestDatabase db) {
        ShippedMappings.copy(dir, Map.of());
        registry = new MappingRegistry(dir, new MappingLoader());
        assertThat(registry.reload()).isEmpty();
        files = new MappingFiles(
                registry, db.jdbc, new TransactionTemplate(new DataSourceTransactionManager(db.dataSource)));
    }
}
