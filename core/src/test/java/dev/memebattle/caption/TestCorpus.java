package dev.memebattle.caption;

import dev.memebattle.TestData;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where tests find the shared (read-only, third-party) caption corpus. */
final class TestCorpus {
    private TestCorpus() {
    }

    /** The corpus; a test that needs it is skipped where ../shared/data is missing. */
    static Path captions() {
        Path p = TestData.sharedData().resolve("captions/imgflip-captions.jsonl.gz");
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("shared caption corpus not found at " + p.toAbsolutePath());
        }
        return p;
    }
}
