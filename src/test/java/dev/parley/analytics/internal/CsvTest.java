package dev.parley.analytics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void commasQuotesAndLineBreaksAreQuotedAndRowsEndWithCrLf() {
        assertThat(Csv.row(List.of("1", "Smith, Jane", "say \"hi\"", "two\nlines", "")))
                .isEqualTo("1,\"Smith, Jane\",\"say \"\"hi\"\"\",\"two\nlines\",\r\n");
    }

    @Test
    void textASpreadsheetWouldRunAsAFormulaIsDefused() {
        assertThat(Csv.cell("=HYPERLINK(\"http://evil\")")).isEqualTo("\"'=HYPERLINK(\"\"http://evil\"\")\"");
        assertThat(Csv.cell("+1")).isEqualTo("'+1");
        assertThat(Csv.cell("-2")).isEqualTo("'-2");
        assertThat(Csv.cell("@sum")).isEqualTo("'@sum");
        assertThat(Csv.cell("Ana")).isEqualTo("Ana");
    }
}
