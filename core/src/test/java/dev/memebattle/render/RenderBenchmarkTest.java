package dev.memebattle.render;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks the benchmark's bookkeeping only; the numbers themselves are printed by the bench command. */
class RenderBenchmarkTest {

    @Test
    void percentilesUseNearestRank() {
        long[] nanos = new long[100];
        for (int i = 0; i < 100; i++) {
            nanos[i] = (i + 1) * 1_000_000L;
        }
        assertThat(RenderBenchmark.percentile(nanos, 0.50)).isEqualTo(50.0);
        assertThat(RenderBenchmark.percentile(nanos, 0.99)).isEqualTo(99.0);
        assertThat(RenderBenchmark.percentile(new long[] {7_000_000L}, 0.99)).isEqualTo(7.0);
    }

    @Test
    void reportsWhatWasRendered() throws Exception {
        TestTemplates.sharedData(); // counts the real GIF's frames
        MemeRenderer renderer = new MemeRenderer(TestTemplates.sharedImages(), FontBook.system(), RenderLimits.defaults());
        RenderBenchmark.Result still = new RenderBenchmark(renderer)
                .run(TestTemplates.doge(), List.of("such meme", "very skill"), ImageFormat.JPEG, 2, 5);
        assertThat(still.runs()).isEqualTo(5);
        assertThat(still.format()).isEqualTo(ImageFormat.JPEG);
        assertThat(still.frames()).isEqualTo(1);
        assertThat(still.bytes()).isPositive();
        assertThat(still.p50Millis()).isPositive().isLessThanOrEqualTo(still.p99Millis());
        assertThat(still.toString()).contains("doge JPEG: p50");
        RenderBenchmark.Result gif = new RenderBenchmark(renderer)
                .run(TestTemplates.fry(), List.of("a", "b"), ImageFormat.JPEG, 1, 1);
        assertThat(gif.format()).isEqualTo(ImageFormat.GIF);
        assertThat(gif.frames()).isEqualTo(24);
    }
}
