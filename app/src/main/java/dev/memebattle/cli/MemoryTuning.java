package dev.memebattle.cli;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.util.Map;

/**
 * Memory that goes back after a burst, for {@code java -jar} without flags: G1 collects when the
 * bot is idle and gives unused heap back to the system, instead of keeping the peak of a burst.
 * These options are "manageable" in HotSpot, so they can be set from inside; whatever the operator
 * set on the command line wins. (The heap's maximum can only be set at launch: the Dockerfile sets it
 * from the container's memory.)
 */
public final class MemoryTuning {

    private static final Logger log = LoggerFactory.getLogger(MemoryTuning.class);

    /** Collect after 30 s idle; keep 10–30% free heap after a collection (HotSpot's defaults: never, 40–70%). */
    static final Map<String, String> DEFAULTS = Map.of(
            "G1PeriodicGCInterval", "30000",
            "MinHeapFreeRatio", "10",
            "MaxHeapFreeRatio", "30");

    private MemoryTuning() {
    }

    public static void apply() {
        try {
            HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            // MaxHeapFreeRatio must stay above MinHeapFreeRatio at every step: lower the minimum first
            for (String name : new String[]{"G1PeriodicGCInterval", "MinHeapFreeRatio", "MaxHeapFreeRatio"}) {
                VMOption option = hotspot.getVMOption(name);
                if (option.getOrigin() == VMOption.Origin.DEFAULT && option.isWriteable()) {
                    hotspot.setVMOption(name, DEFAULTS.get(name));
                }
            }
        } catch (RuntimeException e) {
            log.debug("JVM memory options left as they are: {}", e.toString()); // another JVM, or not G1
        }
    }
}
