package io.xborder.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The shared corpus sits beside the repository in development and CI, not in a user's clone. Tests that read it
 * skip with a plain message when it is absent. {@code XBORDER_SHARED} (env or system property) overrides the path; {@code ../../shared} is tried for worktrees.
 */
public final class SharedCorpus {

    private SharedCorpus() {
    }

    public static Path root() {
        String override = System.getProperty("XBORDER_SHARED", System.getenv("XBORDER_SHARED"));
        if (override != null && !override.isBlank()) {
            return Path.of(override).toAbsolutePath().normalize();
        }
        // a git worktree under wt/ sits one level deeper than the main checkout
        for (Path candidate : new Path[] { Path.of("..", "shared"), Path.of("..", "..", "shared") }) {
            if (Files.isDirectory(candidate.resolve("corpus"))) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        return Path.of("..", "shared").toAbsolutePath().normalize();
    }

    /** The path under the shared folder; skips the calling test when it does not exist. */
    public static Path require(String relative) {
        Path path = root().resolve(relative);
        Assumptions.assumeTrue(Files.exists(path),
                "shared corpus not found at " + path
                        + " (it sits beside the repository in development and CI): skipping");
        return path;
    }
}
