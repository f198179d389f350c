package dev.neurona;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.neurona.platform.problem.DomainException;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Repository;
import org.springframework.web.bind.annotation.RestController;

/**
 * The house rules of {@code ../shared/docs/ARCHITECTURE.md} and {@code docs/design.md}, checked on the compiled
 * main classes. A feature is a top-level package under {@code dev.neurona}; its sub-packages belong to it.
 */
class ArchitectureTest {

    private static final String ROOT = "dev.neurona";

    /** Pure code: the domain in the core, no web, no job engine, no database. */
    private static final String[] CORE = {
        ROOT + ".dataset.format..",
        ROOT + ".dataset.encoding..",
        ROOT + ".imaging..",
        ROOT + ".spec..",
        ROOT + ".training..",
        ROOT + ".tuning.search.."
    };

    private static final String[] WEB = {
        "org.springframework.web..", "org.springframework.http..", "jakarta.servlet..", ROOT + ".platform.web.."
    };

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    static JavaClasses mainClasses() {
        return main;
    }

    @Test
    void featuresDoNotDependOnEachOtherInCircles() {
        check(slices().matching(ROOT + ".(*)..").should().beFreeOfCycles());
    }

    @Test
    void platformDependsOnNoFeature() {
        check(noClasses()
                .that()
                .resideInAPackage(ROOT + ".platform..")
                .should()
                .dependOnClassesThat(feature())
                .because("platform is the ground every feature stands on"));
    }

    @Test
    void storageAndImagingDependOnlyOnPlatform() {
        check(noClasses()
                .that()
                .resideInAnyPackage(ROOT + ".storage..", ROOT + ".imaging..")
                .should()
                .dependOnClassesThat(featureOtherThan("storage", "imaging"))
                .because("datasets, jobs, models and predictions share them"));
    }

    @Test
    void theCoreSpeaksTheDomainNotHttp() {
        check(noClasses()
                .that()
                .resideInAnyPackage(CORE)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(WEB)
                .because("readers, rasterizers, specs and training throw domain exceptions; the edge maps them"));
    }

    @Test
    void domainExceptionsCarryNoHttp() {
        check(noClasses()
                .that()
                .areAssignableTo(DomainException.class)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(WEB)
                .because("only ProblemHandler, at the edge, knows which status a refusal is"));
    }

    @Test
    void trainingKnowsNothingOfJobs() {
        check(noClasses()
                .that()
                .resideInAPackage(ROOT + ".training..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(ROOT + ".jobs..", ROOT + ".tuning..", ROOT + ".prediction..", "org.jobrunr..")
                .because("a ModelTrainer trains; the job lifecycle around it lives in jobs"));
    }

    @Test
    void searchStrategiesArePure() {
        check(noClasses()
                .that()
                .resideInAPackage(ROOT + ".tuning.search..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "ai.djl..", ROOT + ".jobs..", ROOT + ".training.."));
    }

    @Test
    void controllersReachOnlyTheirOwnFeature() {
        check(classes()
                .that()
                .areAnnotatedWith(RestController.class)
                .and()
                .resideOutsideOfPackage(ROOT + ".platform..")
                .should(useOnlyBeansOfTheirOwnFeature()));
    }

    @Test
    void controllersDoNotTouchRepositories() {
        check(noClasses()
                .that()
                .areAnnotatedWith(RestController.class)
                .should()
                .dependOnClassesThat()
                .areMetaAnnotatedWith(Repository.class)
                .orShould()
                .dependOnClassesThat()
                .areAnnotatedWith(Repository.class)
                .because("one door per request: controller → service → repository"));
    }

    private static void check(ArchRule rule) {
        rule.check(main);
    }

    /** The feature a class belongs to: the first package name under dev.neurona, or empty for the root. */
    static Optional<String> featureOf(JavaClass c) {
        String pkg = c.getPackageName();
        if (!pkg.startsWith(ROOT + ".")) {
            return Optional.empty();
        }
        String rest = pkg.substring(ROOT.length() + 1);
        int dot = rest.indexOf('.');
        return Optional.of(dot < 0 ? rest : rest.substring(0, dot));
    }

    private static com.tngtech.archunit.base.DescribedPredicate<JavaClass> feature() {
        return featureOtherThan("platform");
    }

    private static com.tngtech.archunit.base.DescribedPredicate<JavaClass> featureOtherThan(String... allowed) {
        java.util.Set<String> ok = java.util.Set.of(allowed);
        return com.tngtech.archunit.base.DescribedPredicate.describe("a feature other than " + ok, c -> featureOf(c)
                .filter(f -> !ok.contains(f) && !"platform".equals(f))
                .isPresent());
    }

    /** A controller may call beans (components, services, repositories) of its own feature and of platform only. */
    private static ArchCondition<JavaClass> useOnlyBeansOfTheirOwnFeature() {
        return new ArchCondition<>("use only beans of their own feature") {
            @Override
            public void check(JavaClass controller, ConditionEvents events) {
                String own = featureOf(controller).orElse("");
                for (Dependency d : controller.getDirectDependenciesFromSelf()) {
                    JavaClass target = d.getTargetClass();
                    boolean bean = target.isMetaAnnotatedWith(Component.class);
                    String theirs = featureOf(target).orElse("");
                    // security's caller identity is how every feature learns who asks
                    if (bean && !theirs.isEmpty() && !theirs.equals(own) && !"platform".equals(theirs)) {
                        events.add(SimpleConditionEvent.violated(
                                d,
                                controller.getSimpleName() + " reaches " + target.getName() + ": "
                                        + d.getDescription()));
                    }
                }
            }
        };
    }
}
