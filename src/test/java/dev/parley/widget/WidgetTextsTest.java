package dev.parley.widget;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The widget's message catalogue (the TEXTS object of widget.js, one key a line) is complete in every language. */
class WidgetTextsTest {

    private static final Path WIDGET = Path.of("src/main/resources/static/widget/widget.js");
    private static final Path CONSOLE_LANGUAGES = Path.of("src/main/resources/static/console/widget-languages.js");
    private static final Pattern LANGUAGE = Pattern.compile("^ {4}([a-z]{2}): \\{$");
    private static final Pattern ENTRY = Pattern.compile("^ {6}(\\w+): '((?:[^'\\\\]|\\\\.)*)',?$");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");

    static String script;
    static Map<String, Map<String, String>> catalogue;

    @BeforeAll
    static void readCatalogue() throws IOException {
        script = Files.readString(WIDGET, StandardCharsets.UTF_8);
        int start = script.indexOf("  var TEXTS = {\n");
        int end = script.indexOf("\n  };\n", start);
        assertThat(start).as("widget.js declares var TEXTS").isPositive();
        catalogue = new LinkedHashMap<>();
        Map<String, String> current = null;
        for (String line : script.substring(start, end).lines().skip(1).toList()) {
            Matcher language = LANGUAGE.matcher(line);
            Matcher entry = ENTRY.matcher(line);
            if (language.matches()) {
                current = new LinkedHashMap<>();
                catalogue.put(language.group(1), current);
            } else if (entry.matches() && current != null) {
                assertThat(current.put(entry.group(1), entry.group(2))).as("%s appears once", entry.group(1)).isNull();
            } else {
                // Every line is a language, a key or a closing brace: nothing is skipped unread.
                assertThat(line.strip()).as("a line of TEXTS this test cannot read").isIn("}", "},");
            }
        }
    }

    @Test
    void theWidgetSpeaksEnglishBrazilianPortugueseSpanishFrenchAndGerman() {
        assertThat(catalogue.keySet()).containsExactly("en", "pt", "es", "fr", "de");
        assertThat(catalogue.get("en")).hasSizeGreaterThan(20);
    }

    @Test
    void everyLanguageHasExactlyTheKeysEnglishHasEachWithText() {
        Set<String> english = catalogue.get("en").keySet();
        catalogue.forEach((language, texts) -> {
            assertThat(texts.keySet()).as(language).containsExactlyInAnyOrderElementsOf(english);
            texts.forEach((key, text) -> assertThat(text).as(language + "." + key).isNotBlank());
        });
    }

    @Test
    void everyTranslationKeepsTheNamesAndNumbersItsEnglishTextShows() {
        catalogue.forEach((language, texts) -> texts.forEach((key, text) -> assertThat(placeholders(text))
                .as(language + "." + key).isEqualTo(placeholders(catalogue.get("en").get(key)))));
    }

    @Test
    void theTranslationsAreNotEnglishLeftInPlace() {
        List<String> keys = List.of("open", "greeting", "offline", "send", "write", "thanks", "failed");
        catalogue.forEach((language, texts) -> {
            if (!language.equals("en")) {
                keys.forEach(key -> assertThat(texts.get(key)).as(language + "." + key)
                        .isNotEqualTo(catalogue.get("en").get(key)));
            }
        });
    }

    @Test
    void everyErrorTheWidgetNamesHasAText() {
        Matcher errors = Pattern.compile("var ERRORS = \\{([^}]*)}").matcher(script);
        assertThat(errors.find()).isTrue();
        Matcher value = Pattern.compile(":\\s*'(\\w+)'").matcher(errors.group(1));
        Set<String> named = new TreeSet<>();
        while (value.find()) {
            named.add(value.group(1));
        }
        assertThat(named).isNotEmpty();
        assertThat(catalogue.get("en").keySet()).containsAll(named).contains("failed");
    }

    @Test
    void everyLanguageTheConsoleOffersIsOneTheWidgetSpeaks() throws IOException {
        Matcher option = Pattern.compile("\\['([a-z]{2})(-[A-Z]{2})?', '[^']+'\\]")
                .matcher(Files.readString(CONSOLE_LANGUAGES, StandardCharsets.UTF_8));
        Set<String> offered = new TreeSet<>();
        while (option.find()) {
            offered.add(option.group(1));
        }
        assertThat(offered).containsExactlyInAnyOrderElementsOf(catalogue.keySet());
    }

    private static Set<String> placeholders(String text) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }
}
