package dev.brisk.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.DateFormatter;
import java.util.Date;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Brisk's own IMF-fixdate formatter against Netty's (Calendar-based) one. */
class DateHeaderTest {

    @Test
    void formatsLikeNettysDateFormatterAcrossCenturiesLeapDaysAndMidnights() {
        long[] fixed = {0L, 784_111_777_000L /* RFC's Sun, 06 Nov 1994 08:49:37 */, 951_782_400_000L /* 2000-02-29 */,
                4_107_542_399_999L /* 2100-02-28T23:59:59.999 */, 4_107_542_400_000L /* 2100-03-01 */, -1L, 253_402_300_799_000L};
        for (long t : fixed) assertThat(DateHeader.format(t)).isEqualTo(DateFormatter.format(new Date(t)));
        assertThat(DateHeader.format(784_111_777_000L)).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 20_000; i++) {
            long t = random.nextLong(0, 253_402_300_800_000L);   // 1970 .. 9999
            assertThat(DateHeader.format(t)).as("%d", t).isEqualTo(DateFormatter.format(new Date(t)));
        }
    }

    @Test
    void theServedValueIsNowToTheSecond() {
        long before = System.currentTimeMillis();
        DateHeader.refresh();
        String served = DateHeader.value().toString();
        long after = System.currentTimeMillis();
        assertThat(served).isIn(DateHeader.format(before), DateHeader.format(after));
    }
}
