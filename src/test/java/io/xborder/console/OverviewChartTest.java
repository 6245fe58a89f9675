package io.xborder.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The overview's chart: monthly bars for up to three years, yearly bars beyond (no 105 tab stops). */
class OverviewChartTest {

    @ParameterizedTest(name = "{0} to {1}: {2} bars, yearly {3}")
    @CsvSource({
            "2024-01, 2024-12, 12, false",
            "2022-01, 2024-12, 36, false",
            "2018-01, 2026-09, 9, true",
            "2000-03, 2026-12, 27, true" })
    void drawsMonthsOrYears(String first, String last, int bars, boolean yearly) {
        Map<YearMonth, long[]> months = new TreeMap<>();
        months.put(YearMonth.parse(first), new long[] { 3, 1 });
        months.put(YearMonth.parse(last), new long[] { 0, 5 });
        Overview.Chart chart = Overview.chart(months);
        assertThat(chart.bars()).hasSize(bars);
        assertThat(chart.yearly()).isEqualTo(yearly);
        assertThat(chart.bars().stream().mapToLong(b -> b.localization() + b.transfer()).sum()).isEqualTo(9);
        Overview.Bar firstBar = chart.bars().get(0);
        assertThat(firstBar.from()).isEqualTo(yearly ? first.substring(0, 4) + "-01-01" : first + "-01");
        assertThat(firstBar.localization()).isEqualTo(3);
    }
}
