package dev.parley.shared;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.shared.db.SqlText;
import org.junit.jupiter.api.Test;

class SqlTextTest {

    @Test
    void searchTextIsMatchedLiterallyAndCaseInsensitively() {
        assertThat(SqlText.containsPattern("  Acme ")).isEqualTo("%acme%");
        assertThat(SqlText.containsPattern("100%_off\\")).isEqualTo("%100\\%\\_off\\\\%");
    }

    @Test
    void blankTextMeansNoFilter() {
        assertThat(SqlText.containsPattern(null)).isNull();
        assertThat(SqlText.containsPattern("   ")).isNull();
    }
}
