package io.chatbridge;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Guards the module boundaries of ARCHITECTURE.md: top-level packages are modules that do not form
 * cycles, a module's {@code internal} package is its own, and extraction stays pure code.
 */
class ArchitectureTests {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.chatbridge");

    @Test
    void modulesDoNotDependOnEachOtherInCycles() {
        slices().matching("io.chatbridge.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void aModulesInternalsAreUsedOnlyByThatModule() {
        for (String module : new String[] {
            "ingest",
            "conversation",
            "mapping",
            "extract",
            "record",
            "outbox",
            "web",
            "cli",
            "automation",
            "connector",
            "storage",
            "common",
            "importer"
        }) {
            noClasses()
                    .that()
                    .resideOutsideOfPackage("io.chatbridge." + module + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("io.chatbridge." + module + ".internal..")
                    .allowEmptyShould(true)
                    .check(CLASSES);
        }
    }

    @Test
    void extractionIsPureCodeWithoutSpringCamelOrJdbc() {
        noClasses()
                .that()
                .resideInAPackage("io.chatbridge.extract..")
                .and()
                .haveSimpleNameNotEndingWith("Configuration")
                .and()
                .haveSimpleNameNotEndingWith("Properties")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..", "org.apache.camel..", "java.sql..", "javax.sql..", "java.net..")
                .check(CLASSES);
    }

    @Test
    void dependenciesAreInjectedThroughConstructors() {
        noFields().should().beAnnotatedWith(Autowired.class).check(CLASSES);
    }
}
