package io.xborder.finding;

import static org.assertj.core.api.Assertions.assertThat;

import io.xborder.classify.Category;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CappedCountsTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final CappedCounts counts = new CappedCounts(Duration.ofSeconds(10), now::get);

    private static FindingFilter text(String q) {
        return new FindingFilter(null, null, null, null, null, null, null, null, q, null, null, null);
    }

    @Test
    void aCappedFilterIsNotCountedAgainUntilTheTimeKeptHasPassed() {
        counts.capped(text("transfer"));
        now.addAndGet(Duration.ofSeconds(9).toNanos());
        assertThat(counts.isCapped(text("transfer"))).isTrue();
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(counts.isCapped(text("transfer"))).isFalse();
        assertThat(counts.isCapped(text("transfer"))).as("an expired entry is gone").isFalse();
    }

    @Test
    void filtersAreKeptApartByEveryCriterion() {
        counts.capped(text("transfer"));
        assertThat(counts.isCapped(text("Transfer"))).isFalse();
        assertThat(counts.isCapped(text("transfers"))).isFalse();
        assertThat(counts.isCapped(new FindingFilter(Category.CROSS_BORDER_TRANSFER, null, null, null, null, null,
                null, null, "transfer", null, null, null))).isFalse();
        assertThat(counts.isCapped(FindingFilter.none())).isFalse();
    }

    @Test
    void zeroKeepsNothing() {
        CappedCounts off = new CappedCounts(Duration.ZERO, now::get);
        off.capped(text("transfer"));
        assertThat(off.isCapped(text("transfer"))).isFalse();
    }

    @Test
    void tooManyFiltersEmptyTheMapInsteadOfGrowingIt() {
        for (int i = 0; i < CappedCounts.MAX_FILTERS; i++) {
            counts.capped(text("word" + i));
        }
        assertThat(counts.isCapped(text("word0"))).isTrue();
        counts.capped(text("one more"));
        assertThat(counts.isCapped(text("word0"))).isFalse();
        assertThat(counts.isCapped(text("one more"))).isTrue();
    }
}
