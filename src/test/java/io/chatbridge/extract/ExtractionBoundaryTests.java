package io.chatbridge.extract;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Extraction and mapping are pure code behind their root packages; only the wiring knows Spring. */
class ExtractionBoundaryTests {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.chatbridge");

    @Test
    void internalsAreUsedOnlyInsideTheirModule() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.chatbridge.extract..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.chatbridge.extract.internal..")
                .check(CLASSES);
        noClasses()
                .that()
                .resideOutsideOfPackage("io.chatbridge.mapping..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.chatbridge.mapping.internal..")
                .check(CLASSES);
    }

    @Test
    void onlyTheWiringKnowsSpring() {
        noClasses()
                .that()
                .resideInAnyPackage("io.chatbridge.extract..", "io.chatbridge.mapping..")
                .and()
                .doNotHaveSimpleName("ExtractionConfiguration")
                .and()
                .doNotHaveSimpleName("MappingProperties")
                .and()
                .doNotHaveSimpleName("MappingsInvalidFailureAnalyzer")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.springframework..")
                .check(CLASSES);
    }

    @Test
    void mappingsDoNotDependOnExtraction() {
        noClasses()
                .that()
                .resideInAPackage("io.chatbridge.mapping..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.chatbridge.extract..")
                .check(CLASSES);
    }
}
