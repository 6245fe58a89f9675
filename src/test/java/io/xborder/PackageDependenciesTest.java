package io.xborder;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The package structure as rules over the compiled main classes (no exclusions): feature packages form no cycle,
 * the shared HTTP plumbing knows no feature, and the text-processing core imports no framework.
 */
class PackageDependenciesTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("io.xborder");

    @Test
    void topLevelPackagesFormNoCycle() {
        slices().matching("io.xborder.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void httpPlumbingDependsOnNoOtherPackageOfTheServiceButTheSettingsBounds() {
        noClasses().that().resideInAPackage("io.xborder.http..")
                .should()
                .dependOnClassesThat(resideInAPackage("io.xborder..")
                        .and(not(resideInAnyPackage("io.xborder.http..", "io.xborder.config.."))))
                .check(MAIN);
    }

    @Test
    void theConfigurationPlumbingKnowsNoFeature() {
        noClasses().that().resideInAPackage("io.xborder.config..")
                .should()
                .dependOnClassesThat(resideInAPackage("io.xborder..").and(not(resideInAPackage("io.xborder.config.."))))
                .check(MAIN);
    }

    @Test
    void segmentationClassificationAndExtractionImportNoFramework() {
        noClasses().that()
                .resideInAnyPackage("io.xborder.segment..", "io.xborder.classify..", "io.xborder.ingest.extract..")
                .should().dependOnClassesThat(resideInAnyPackage("io.quarkus..", "jakarta..", "org.hibernate.."))
                .check(MAIN);
    }

    @Test
    void theRulesSeeTheWholeService() {
        // guards against an import option that silently leaves the classes out (every rule would then pass)
        assertThat(MAIN.containPackage("io.xborder.http")).isTrue();
        assertThat(MAIN.containPackage("io.xborder.classify")).isTrue();
        assertThat(MAIN.size()).isGreaterThan(200);
    }
}
