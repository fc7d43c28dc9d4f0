package com.algomarket.api.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The module rules of design.md, checked on the compiled main classes of all four modules: a change that crosses
 * them fails the build here, whatever the Maven scopes happen to allow.
 */
@AnalyzeClasses(
        packages = "com.algomarket",
        importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.DoNotIncludeTestJars.class})
class ArchitectureTest {

    /**
     * In a reactor {@code verify}, another module's test classes arrive as its packaged {@code -tests.jar}, which
     * {@link ImportOption.DoNotIncludeTests} (test-classes folders) does not recognise.
     */
    static final class DoNotIncludeTestJars implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("-tests.jar");
        }
    }

    private static final String WORKFLOWS = "com.algomarket.workflows..";
    private static final String ACTIVITIES = "com.algomarket.activities..";
    private static final String DB = "com.algomarket.db..";
    private static final String API = "com.algomarket.api..";

    /** Workflow code replays: it may see Temporal and the JDK only, so no I/O or clock can creep in. */
    @ArchTest
    static final ArchRule workflowsImportOnlyTemporalAndTheJdk = classes()
            .that()
            .resideInAPackage(WORKFLOWS)
            .should()
            .onlyDependOnClassesThat(resideInAnyPackage(WORKFLOWS, "io.temporal..", "java..", "org.slf4j.."))
            .because("design.md: workflows -> temporal-sdk only");

    /** Time, randomness and ids inside workflows come from Workflow.*, or a replay would take another path. */
    @ArchTest
    static final ArchRule workflowsUseNoWallClockOrRandomness = noClasses()
            .that()
            .resideInAPackage(WORKFLOWS)
            .should()
            .callMethod(System.class, "currentTimeMillis")
            .orShould()
            .callMethod(System.class, "nanoTime")
            .orShould()
            .callMethod(java.time.Instant.class, "now")
            .orShould()
            .callMethod(java.util.UUID.class, "randomUUID")
            .orShould()
            .callMethod(Thread.class, "sleep", long.class)
            .orShould()
            .dependOnClassesThat(resideInAnyPackage("java.util.concurrent..", "java.util.random.."))
            .because("a workflow must be deterministic: Workflow.currentTimeMillis(), Workflow.randomUUID(), "
                    + "Workflow.sleep() and Temporal's promises instead");

    @ArchTest
    static final ArchRule dbDependsOnNoOtherModule = noClassOf(
            DB, resideInAnyPackage(ACTIVITIES, API, "io.temporal.."), "design.md: db -> nothing but its libraries");

    @ArchTest
    static final ArchRule dbUsesOnlyTheEnumsOfWorkflows = noClassOf(
            DB,
            resideInAPackage(WORKFLOWS).and(not(JavaClass.Predicates.ENUMS)),
            "design.md: enums are declared once, in workflows; db maps its status, side, type and exchange"
                    + " columns to them and needs nothing else of workflows");

    @ArchTest
    static final ArchRule activitiesDoNotKnowTheApi =
            noClassOf(ACTIVITIES, resideInAPackage(API), "design.md: activities -> workflows, db");

    @ArchTest
    static final ArchRule modulesAreFreeOfCycles =
            slices().matching("com.algomarket.(*)..").should().beFreeOfCycles();

    /** Nothing in workflows may reach an exchange, Stripe, Spring or the database, even through a library. */
    @ArchTest
    static final ArchRule workflowsTouchNoIoLibrary = noClasses()
            .that()
            .resideInAPackage(WORKFLOWS)
            .should()
            .dependOnClassesThat(not(resideInAnyPackage(WORKFLOWS, "io.temporal..", "java..", "org.slf4j.."))
                    .and(resideInAnyPackage("org.springframework..", "org.jooq..", "org.knowm..", "com.stripe..")));

    /** REST code stays off exchange internals and secrets: activities are on api's runtime classpath only. */
    @ArchTest
    static final ArchRule apiDoesNotCompileAgainstActivities = noClassOf(
            API, resideInAPackage(ACTIVITIES), "design.md: api -> workflows, db; activities only at run time");

    /** A module boundary of design.md: no class of {@code module} may depend on a class that {@code outside} accepts. */
    private static ArchRule noClassOf(String module, DescribedPredicate<? super JavaClass> outside, String because) {
        return noClasses()
                .that()
                .resideInAPackage(module)
                .should()
                .dependOnClassesThat(outside)
                .because(because);
    }
}
