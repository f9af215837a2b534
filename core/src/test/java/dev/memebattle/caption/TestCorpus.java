package dev.memebattle.caption;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where tests find the shared (read-only, third-party) caption corpus. */
final class TestCorpus {
    private TestCorpus() {
    }

    static Path captions() {
        Path p = Path.of(System.getProperty("memebattle.shared.data", "../shared/data"))
                .resolve("captions/imgflip-captions.jsonl.gz");
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("shared caption corpus not found at " + p.toAbsolutePath());
        }
        return p;
    }
}
