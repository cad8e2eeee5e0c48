package org.scratchnet.check;

import org.junit.jupiter.api.Test;
import org.scratchnet.nn.*;

class ScratchProbeTest {
    @Test
    void probe() {
        for (int[] sizes : new int[][] {{6,5,4,3},{6,8,6,3}})
        for (Activation g : Activation.values())
        for (float d : new float[] {0f, 0.3f}) for (Initializer init : Initializer.values()) {
            Architecture arch = new Architecture(sizes, new Activation[] {g, g}, new float[] {d, d});
            Network net = Network.create(arch, init, 11);
            var res = new GradientCheck().check(net, GradientCheckTest.inputs(4, 6, 1), GradientCheckTest.labels(4, 3, 2), 4, 3);
            double worst = 0; int minChecked = 99;
            for (var r : res) { worst = Math.max(worst, r.worstRelativeError()); minChecked = Math.min(minChecked, r.checked()); }
            System.out.printf("%s %s %s %.1f: worst %.2e minChecked %d%n", java.util.Arrays.toString(sizes), g, init, d, worst, minChecked);
        }
        for (boolean wrong : new boolean[] {true, false}) {
            var res = new GradientCheck().check(new GradientCheckTest.HandModel(wrong), GradientCheckTest.inputs(4, 6, 5), GradientCheckTest.labels(4, 3, 6), 4, 7);
            for (var r : res) System.out.printf("hand wrong=%s %s %.3e %d%n", wrong, r.parameter(), r.worstRelativeError(), r.checked());
        }
    }
}
