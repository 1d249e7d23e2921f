package org.livepeer.camel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.livepeer.gateway.LivepeerException;
import org.livepeer.trickle.TrickleException;

/**
 * docs/troubleshooting.md names the error types a route can see: every one the code defines is
 * named there (itself or a type it extends), and every type named there exists.
 */
class TroubleshootingDocsTest {

    private static final Path DOCS = Path.of("../docs/troubleshooting.md");
    private static final Pattern NAMED = Pattern.compile("`(?:[a-z.]+\\.)?([A-Z][A-Za-z]*Exception)`");

    @Test
    void everyErrorTypeIsDocumentedAndEveryDocumentedTypeExists() throws Exception {
        String docs = Files.readString(DOCS);
        Set<String> documented = new TreeSet<>();
        Matcher named = NAMED.matcher(docs);
        while (named.find()) {
            documented.add(named.group(1));
        }
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.livepeer.gateway", "org.livepeer.trickle", "org.livepeer.camel");

        Set<String> undocumented = new TreeSet<>();
        Set<String> defined = new TreeSet<>();
        for (JavaClass type : classes) {
            boolean routeError = type.isAssignableTo(LivepeerException.class)
                    || type.isAssignableTo(TrickleException.class)
                    || type.isAssignableTo(UnresolvedEndpointException.class);
            if (!routeError || !type.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.PUBLIC)) {
                continue;
            }
            defined.add(type.getSimpleName());
            boolean listed = false;
            for (JavaClass t = type;
                    t != null && !listed;
                    t = t.getRawSuperclass().orElse(null)) {
                listed = documented.contains(t.getSimpleName());
            }
            if (!listed) {
                undocumented.add(type.getName());
            }
        }
        assertTrue(
                defined.containsAll(Set.of("SignerException", "TrickleException", "UnresolvedEndpointException")),
                "the error types were found: " + defined);
        assertTrue(undocumented.isEmpty(), "not in docs/troubleshooting.md, nor a type they extend: " + undocumented);

        Set<String> unknown = new TreeSet<>(documented);
        unknown.removeAll(defined);
        // the JDK's and Camel's own types the page names
        unknown.removeAll(Set.of(
                "IOException",
                "NoSuchEndpointException",
                "ResolveEndpointFailedException",
                "IllegalArgumentException",
                "IllegalStateException"));
        assertTrue(unknown.isEmpty(), "named in docs/troubleshooting.md but not defined: " + unknown);
    }
}
