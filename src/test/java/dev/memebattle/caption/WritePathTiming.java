package dev.memebattle.caption;

import dev.memebattle.template.MemeTemplate;
import dev.memebattle.template.TemplateCatalog;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Thread CPU time of the write path (immune to other processes on a busy machine): args MODEL T N TARGET WEIGHT. */
public final class WritePathTiming {
    public static void main(String[] a) throws Exception {
        List<MemeTemplate> ai = TemplateCatalog.load(Path.of("templates")).aiCapable();
        SamplingSettings s = new SamplingSettings(Double.parseDouble(a[1]), 0.9, 140, Integer.parseInt(a[2]),
                Integer.parseInt(a[3]), Double.parseDouble(a[4]));
        ModelCaptionWriter w = ModelCaptionWriter.load(Path.of(a[0]), CaptionFilter.standard(), s);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 60; i++) {
            w.write(ai.get(i % ai.size()), "", i, FilterLevel.STANDARD);
        }
        int runs = 200;
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = mx.getCurrentThreadCpuTime();
            w.write(ai.get(i % ai.size()), "", 1000 + i, FilterLevel.STANDARD);
            ms[i] = (mx.getCurrentThreadCpuTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf("cpu ms p50 %.1f p90 %.1f%n", ms[runs / 2], ms[runs * 9 / 10]);
    }
}
