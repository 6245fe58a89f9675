package io.xborder.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.xborder.classify.Category;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The words the console, its CSV export and its alert descriptions show for the API's codes. */
class ConsoleExtensionsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            DATA_LOCALIZATION              | Data localization
            CROSS_BORDER_TRANSFER          | Cross-border transfer
            SECURITY_ASSESSMENT            | Security assessment
            BINDING_CORPORATE_RULES        | Binding corporate rules
            SENSITIVE_PERSONAL_INFORMATION | Sensitive personal information
            REQUIREMENT                    | Requirement
            """)
    void codesInWords(String code, String words) {
        assertThat(ConsoleExtensions.label(code)).isEqualTo(words);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            DATA_LOCALIZATION     | Data localization
            CROSS_BORDER_TRANSFER | Cross-border transfer
            """)
    void categoriesInWords(Category category, String words) {
        assertThat(ConsoleExtensions.label(category)).isEqualTo(words);
    }

    @Test
    void emptyValues() {
        assertThat(ConsoleExtensions.label((String) null)).isEmpty();
        assertThat(ConsoleExtensions.labels(List.of())).isEqualTo("—");
        assertThat(ConsoleExtensions.labels(List.of("CROSS_BORDER_TRANSFER", "ADEQUACY")))
                .isEqualTo("Cross-border transfer, Adequacy");
    }
}
