package dev.memebattle.cli;

import com.sun.management.HotSpotDiagnosticMXBean;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** `run` makes G1 give memory back after a burst unless the operator chose otherwise. */
class MemoryTuningTest {

    @Test
    void idleCollectionsAndATighterHeapAreSetWhereTheOperatorSetNothing() {
        HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        MemoryTuning.apply();
        MemoryTuning.DEFAULTS.forEach((name, value) -> {
            var option = hotspot.getVMOption(name);
            if (option.getOrigin() != com.sun.management.VMOption.Origin.VM_CREATION) {
                assertThat(option.getValue()).as(name).isEqualTo(value);
            }
        });
    }
}
