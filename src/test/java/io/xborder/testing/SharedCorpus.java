package io.xborder.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The one way tests find the shared folder (the labelled dev corpus and its documents). It sits beside the
 * repository in development and CI, not in a user's clone: there the tests that read it skip with a plain message,
 * but under {@code CI=true} a missing corpus fails them, so that CI never passes by skipping its quality floors.
 * {@code XBORDER_SHARED} (environment or system property) overrides the path; {@code ../../shared} is tried for git
 * worktrees.
 */
public final class SharedCorpus {

    private SharedCorpus() {
    }

    public static Path root() {
        String override = System.getProperty("XBORDER_SHARED", System.getenv("XBORDER_SHARED"));
        if (override != null && !override.isBlank()) {
            return Path.of(override).toAbsolutePath().normalize();
        }
        for (Path candidate : new Path[] { Path.of("..", "shared"), Path.of("..", "..", "shared") }) {
            if (Files.isDirectory(candidate.resolve("corpus"))) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        return Path.of("..", "shared").toAbsolutePath().normalize();
    }

    /**
     * The path under the shared folder. When it does not exist the calling test skips, saying so, or fails under
     * {@code CI=true}.
     */
    public static Path require(String relative) {
        return require(root(), relative, inCi());
    }

    static Path require(Path root, String relative, boolean ci) {
        Path path = root.resolve(relative);
        if (!Files.exists(path)) {
            String where = "shared corpus not found at " + path + " (it sits beside the repository in development and"
                    + " CI; set XBORDER_SHARED to point elsewhere)";
            if (ci) {
                fail(where + ": CI=true, so the tests that measure against it fail instead of skipping");
            }
            Assumptions.abort(where + ": skipping");
        }
        return path;
    }

    static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI")) || Boolean.getBoolean("ci");
    }
}
