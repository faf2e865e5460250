package dev.vbench.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module direction and the package rules, checked on the compiled classes of every module:
 * bench-runner may use everything; perf-model uses virtual-clock and reports; virtual-clock uses
 * determinism-core; baselines uses reports; reports uses no engine module. Inside determinism-core
 * the packages form no cycle, the handlers do not know how a stop is obtained, and nothing below
 * the top-level package depends on it.
 */
class ArchitectureTest {
    private static final String CORE = "dev.vbench.core..";
    private static final String CLOCK = "dev.vbench.clock..";
    private static final String MODEL = "dev.vbench.model..";
    private static final String REPORTS = "dev.vbench.reports..";
    private static final String BASELINES = "dev.vbench.baselines..";
    private static final String CLI = "dev.vbench.cli..";

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.vbench");
    }

    private static void check(ArchRule rule) {
        rule.check(classes);
    }

    @Test
    void theClassesOfEveryModuleAreImported() {
        for (String p : new String[] {"dev.vbench.core", "dev.vbench.clock", "dev.vbench.reports", "dev.vbench.cli"}) {
            org.assertj.core.api.Assertions.assertThat(classes.containPackage(p)).as(p).isTrue();
        }
    }

    @Test
    void reportsDependOnNoEngineModule() {
        check(noClasses().that().resideInAPackage(REPORTS)
                .should().dependOnClassesThat().resideInAnyPackage(CORE, CLOCK, MODEL, BASELINES, CLI)
                .because("results are plain data: reading and rendering them needs no engine"));
    }

    @Test
    void theDeterminizerKnowsNothingOfCountersModelsReportsOrTheCommandLine() {
        check(noClasses().that().resideInAPackage(CORE)
                .should().dependOnClassesThat().resideInAnyPackage(CLOCK, MODEL, REPORTS, BASELINES, CLI,
                        "picocli..", "com.fasterxml..")
                .because("determinism-core is the determinizer alone"));
    }

    @Test
    void counterBackendsKnowNothingOfModelsReportsOrTheCommandLine() {
        check(noClasses().that().resideInAPackage(CLOCK)
                .should().dependOnClassesThat().resideInAnyPackage(MODEL, REPORTS, BASELINES, CLI, "picocli.."));
    }

    @Test
    void thePerformanceModelDoesNotReachIntoTheDeterminizerOrTheCommandLine() {
        check(noClasses().that().resideInAPackage(MODEL)
                .should().dependOnClassesThat().resideInAnyPackage(CORE, BASELINES, CLI, "picocli..")
                .allowEmptyShould(true));
    }

    @Test
    void baselinesDependOnReportsOnly() {
        check(noClasses().that().resideInAPackage(BASELINES)
                .should().dependOnClassesThat().resideInAnyPackage(CORE, CLOCK, MODEL, CLI, "picocli..")
                .allowEmptyShould(true));
    }

    @Test
    void theDeterminizersPackagesFormNoCycle() {
        check(slices().matching("dev.vbench.core.(*)..").should().beFreeOfCycles());
    }

    @Test
    void nothingBelowTheDeterminizersEntryPointDependsOnIt() {
        check(noClasses().that().resideInAPackage("dev.vbench.core.*..")
                .should().dependOnClassesThat().resideInAPackage("dev.vbench.core")
                .because("dev.vbench.core holds the entry point (Determinizer), which uses everything below it"));
    }

    @Test
    void handlersDoNotKnowHowAStopIsObtained() {
        check(noClasses().that().resideInAPackage("dev.vbench.core.handlers..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.vbench.core.supervisor..",
                        "dev.vbench.core.sched..", "dev.vbench.core.spawn..", "jnr.ffi..")
                .because("a handler sees the guest through the Guest handle only"));
    }

    @Test
    void theGuestModelDependsOnNoMachinery() {
        check(noClasses().that().resideInAPackage("dev.vbench.core.guest..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.vbench.core.handlers..",
                        "dev.vbench.core.sched..", "dev.vbench.core.supervisor..", "dev.vbench.core.spawn..",
                        "dev.vbench.core.nativ..", "jnr.."));
    }
}
