package dev.brisk;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.domain.JavaTypeVariable;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import dev.brisk.archfixture.one.One;
import dev.brisk.archfixture.two.Two;
import dev.brisk.internal.archfixture.Hidden;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The framework's package shape, checked on its compiled classes (issue 9, item 5): no cycle among the
 * packages below the root {@code dev.brisk} (the root is the API hub every package uses, see
 * docs/architecture.md), the module exports exactly the non-internal packages, and no exported public
 * signature names a {@code dev.brisk.internal} type. The last two tests run the same rules on small
 * fixtures that break them, so the rules are known to fail when they should.
 */
class ArchitectureTest {
    private static Path classesDir;
    private static com.tngtech.archunit.core.domain.JavaClasses framework;
    private static Set<String> exported;

    @BeforeAll
    static void importFramework() throws Exception {
        classesDir = Path.of(Brisk.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        framework = new ClassFileImporter()
                .withImportOption(location -> !location.contains("module-info") && !location.contains("/META-INF/"))
                .importPath(classesDir);
        try (InputStream in = Files.newInputStream(classesDir.resolve("module-info.class"))) {
            exported = ModuleDescriptor.read(in).exports().stream().map(ModuleDescriptor.Exports::source)
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /** Every package below the root is its own slice; the root's classes belong to none. */
    static ArchRule noCyclesBelowTheRoot() {
        return slices().assignedFrom(new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass c) {
                return c.getPackageName().startsWith("dev.brisk.") ? SliceIdentifier.of(c.getPackageName()) : SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "packages below dev.brisk";
            }
        }).should().beFreeOfCycles();
    }

    static ArchRule noInternalTypeInExportedSignatures(Set<String> exportedPackages) {
        return classes().that(new com.tngtech.archunit.base.DescribedPredicate<JavaClass>("are visible outside the module") {
            @Override
            public boolean test(JavaClass c) {
                return exportedPackages.contains(c.getPackageName()) && visibleOutside(c);
            }
        }).should(new ArchCondition<JavaClass>("name no dev.brisk.internal type in a public signature") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                List<String> found = new ArrayList<>();
                c.getSuperclass().ifPresent(t -> internal(t, c.getName() + " extends", found));
                for (JavaType t : c.getInterfaces()) internal(t, c.getName() + " implements", found);
                for (JavaTypeVariable<?> v : c.getTypeParameters()) {
                    for (JavaType b : v.getBounds()) internal(b, c.getName() + " type bound", found);
                }
                for (JavaMember m : c.getMembers()) {
                    if (!visible(c, m.getModifiers())) continue;
                    String where = m.getFullName();
                    if (m instanceof JavaField f) internal(f.getType(), where, found);
                    if (m instanceof JavaCodeUnit u) {
                        internal(u.getReturnType(), where + " returns", found);
                        for (JavaType p : u.getParameterTypes()) internal(p, where + " parameter", found);
                        for (JavaClass x : u.getThrowsClause().getTypes()) internal(x, where + " throws", found);
                        for (JavaTypeVariable<?> v : u.getTypeParameters()) {
                            for (JavaType b : v.getBounds()) internal(b, where + " type bound", found);
                        }
                    }
                }
                for (String f : found) events.add(SimpleConditionEvent.violated(c, f));
                if (found.isEmpty()) events.add(SimpleConditionEvent.satisfied(c, c.getName() + " exposes no internal type"));
            }
        });
    }

    private static void internal(JavaType type, String where, List<String> found) {
        for (JavaClass raw : type.getAllInvolvedRawTypes()) {
            if (raw.getPackageName().startsWith("dev.brisk.internal")) found.add(where + ": " + raw.getName());
        }
    }

    private static boolean visibleOutside(JavaClass c) {
        Set<JavaModifier> m = c.getModifiers();
        if (!m.contains(JavaModifier.PUBLIC) && !(c.getEnclosingClass().isPresent() && m.contains(JavaModifier.PROTECTED))) {
            return false;
        }
        return c.getEnclosingClass().map(ArchitectureTest::visibleOutside).orElse(true);
    }

    // protected members count only where a user can subclass
    private static boolean visible(JavaClass owner, Set<JavaModifier> m) {
        return m.contains(JavaModifier.PUBLIC) || m.contains(JavaModifier.PROTECTED) && !owner.getModifiers().contains(JavaModifier.FINAL);
    }

    @Test
    void noCycleAmongThePackagesBelowTheRoot() {
        assertThat(framework.stream().map(JavaClass::getPackageName).distinct().count())
                .as("the framework's classes were imported").isGreaterThan(15);
        noCyclesBelowTheRoot().check(framework);
    }

    @Test
    void theModuleExportsExactlyTheNonInternalPackages() {
        Set<String> api = framework.stream().map(JavaClass::getPackageName)
                .filter(p -> !p.startsWith("dev.brisk.internal")).collect(Collectors.toCollection(TreeSet::new));
        assertThat(exported).isEqualTo(api);
    }

    @Test
    void noExportedSignatureNamesAnInternalType() {
        noInternalTypeInExportedSignatures(exported).check(framework);
    }

    @Test
    void theRulesFailOnACycleAndOnAnExposedInternalType() {
        var fixture = new ClassFileImporter().importClasses(One.class, Two.class, Hidden.class);
        assertThatThrownBy(() -> noCyclesBelowTheRoot().check(fixture)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("dev.brisk.archfixture.one").hasMessageContaining("dev.brisk.archfixture.two");
        assertThatThrownBy(() -> noInternalTypeInExportedSignatures(Set.of("dev.brisk.archfixture.one", "dev.brisk.archfixture.two"))
                .check(fixture)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("One.hidden()").hasMessageContaining(Hidden.class.getName())
                .hasMessageNotContaining("Two");
    }
}
