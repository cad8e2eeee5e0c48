package org.scratchnet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.scratchnet.tensor.FmaPeak;

/** Which peak the benchmark states, and how it says it was obtained. */
class PeakTest {

    @Test
    void aGivenPeakWinsAndSaysSo() {
        Peak p = Peak.of(400.0, 2);
        assertThat(p.gflops()).isEqualTo(400.0);
        assertThat(p.source()).isEqualTo("given");
        assertThat(p.how()).contains("--peak-gflops");
        assertThat(p.fraction(100)).isEqualTo(0.25);
    }

    @Test
    void aMeasuredPeakIsThatOfAllThreadsWithOneCoresBeside() {
        FmaPeak two = new FmaPeak(400, 2, 512, 12, 7, 0.01), one = new FmaPeak(210, 1, 512, 12, 7, 0.01);
        Peak p = Peak.fromMeasurements(Optional.of(two), Optional.of(one));
        assertThat(p.gflops()).isEqualTo(400.0);
        assertThat(p.oneCore()).isEqualTo(210.0);
        assertThat(p.source()).isEqualTo("measured");
        assertThat(p.vectorBits()).isEqualTo(512);
        assertThat(p.how()).isEqualTo(two.explain()).contains("2 threads");
        assertThat(p.fraction(160)).isEqualTo(0.4);
        Peak single = Peak.fromMeasurements(Optional.of(one), Optional.empty());
        assertThat(single.oneCore()).isEqualTo(210.0);
    }

    @Test
    void withoutTheVectorApiThePeakIsUnknownAndNoShareIsStated() {
        Peak p = Peak.fromMeasurements(Optional.empty(), Optional.empty());
        assertThat(p.gflops()).isNull();
        assertThat(p.fraction(100)).isNull();
        assertThat(p.source()).isEqualTo("unknown");
        assertThat(p.how()).contains("--peak-gflops");
    }

    @Test
    void thisMachinesPeakIsMeasured() {
        Peak p = Peak.of(null, 1);
        assertThat(p.source()).isEqualTo("measured");
        assertThat(p.gflops()).isPositive();
        assertThat(p.oneCore()).isEqualTo(p.gflops());
    }
}
