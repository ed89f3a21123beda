package dev.parley.identity.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The content security policy allows the import map by hash: every page must embed it byte for byte. */
class ImportMapTest {

    @Test
    void everyConsolePageEmbedsTheImportMapTheHashAllows() throws IOException {
        String expected = "<script type=\"importmap\">" + ImportMap.content() + "</script>";
        List<Path> pages;
        try (var files = Files.walk(Path.of("src/main/resources/static"))) {
            pages = files.filter(p -> p.toString().endsWith(".html")).toList();
        }

        assertThat(pages).isNotEmpty();
        for (Path page : pages) {
            String html = Files.readString(page);
            if (html.contains("importmap")) {
                assertThat(html).as(page.toString()).contains(expected);
            }
        }
        assertThat(ImportMap.hash()).startsWith("sha256-");
    }
}
