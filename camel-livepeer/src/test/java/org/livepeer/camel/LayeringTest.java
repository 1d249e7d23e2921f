package org.livepeer.camel;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.properties.HasOwner;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The one-way layering of the project: camel over gateway over trickle over http; the simulator apart. */
class LayeringTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.livepeer");
    }

    @Test
    void theGatewayLibraryNeverUsesCamel() {
        noClasses()
                .that()
                .resideInAnyPackage("org.livepeer.gateway..", "org.livepeer.trickle..", "org.livepeer.http..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.apache.camel..", "org.livepeer.camel..")
                .check(classes);
    }

    /** Its callers give it executors (the component passes Camel's pools); it starts none of its own. */
    @Test
    void theGatewayLibraryStartsNoThreadsOfItsOwnAndNeverUsesTheCommonPool() {
        noClasses()
                .that()
                .resideInAnyPackage("org.livepeer.gateway..", "org.livepeer.trickle..", "org.livepeer.http..")
                .should()
                .callMethodWhere(JavaCall.Predicates.target(
                        HasOwner.Predicates.With.owner(JavaClass.Predicates.assignableTo(Executors.class))))
                .orShould()
                .callMethod(ForkJoinPool.class, "commonPool")
                .orShould()
                .callConstructorWhere(JavaCall.Predicates.target(
                        HasOwner.Predicates.With.owner(JavaClass.Predicates.assignableTo(Thread.class))))
                .check(classes);
    }

    @Test
    void trickleNeverUsesTheGateway() {
        noClasses()
                .that()
                .resideInAPackage("org.livepeer.trickle..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.livepeer.gateway..")
                .check(classes);
    }

    @Test
    void theHttpClientUsesNoProjectLayer() {
        noClasses()
                .that()
                .resideInAPackage("org.livepeer.http..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.livepeer.gateway..", "org.livepeer.trickle..", "org.livepeer.proto..")
                .check(classes);
    }

    @Test
    void theSimulatorNeverUsesTheClient() {
        noClasses()
                .that()
                .resideInAPackage("org.livepeer.simulator..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.livepeer.camel..",
                        "org.livepeer.gateway..",
                        "org.livepeer.trickle..",
                        "org.livepeer.http..")
                .check(classes);
    }

    @Test
    void theRulesSeeEveryLayer() {
        for (String layer : new String[] {
            "org.livepeer.camel",
            "org.livepeer.gateway",
            "org.livepeer.trickle",
            "org.livepeer.http",
            "org.livepeer.simulator"
        }) {
            org.junit.jupiter.api.Assertions.assertTrue(
                    classes.containPackage(layer), () -> "no classes imported from " + layer);
        }
    }
}
