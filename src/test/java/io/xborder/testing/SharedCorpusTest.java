package io.xborder.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** A missing shared corpus skips the tests that read it in a user's clone and fails them in CI. */
class SharedCorpusTest {

    @TempDir
    Path root;

    @Test
    void aMissingCorpusSkipsOutsideCi() {
        assertThatThrownBy(() -> SharedCorpus.require(root, "corpus/dev.jsonl", false))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("shared corpus not found")
                .hasMessageContaining("skipping");
    }

    @Test
    void aMissingCorpusFailsInCi() {
        assertThatThrownBy(() -> SharedCorpus.require(root, "corpus/dev.jsonl", true))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("CI=true");
    }

    @Test
    void aPresentCorpusIsReturnedEitherWay() throws IOException {
        Path dev = Files.createDirectories(root.resolve("corpus")).resolve("dev.jsonl");
        Files.writeString(dev, "{}\n");
        assertThat(SharedCorpus.require(root, "corpus/dev.jsonl", true)).isEqualTo(dev);
        assertThat(SharedCorpus.require(root, "corpus/dev.jsonl", false)).isEqualTo(dev);
    }
}
