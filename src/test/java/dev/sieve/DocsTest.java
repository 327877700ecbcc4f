package dev.sieve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README stays short, and every relative link in README.md and docs/*.md reaches an existing file (and, for a
 * {@code #fragment} into a Markdown file, one of its headings). docs/cli.md is generated separately: links to it are
 * only checked once it exists.
 */
class DocsTest {
    static final Path ROOT = Path.of("").toAbsolutePath();
    static final Path GENERATED_CLI = ROOT.resolve("docs/cli.md");

    /** Inline Markdown links and images: [text](target) or [text](target "title"). */
    static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");
    static final Pattern ANCHOR = Pattern.compile("<a\\s+(?:id|name)=\"([^\"]+)\"");

    @Test
    void readmeIsAtMost250Lines() throws IOException {
        assertThat(Files.readAllLines(ROOT.resolve("README.md"))).hasSizeLessThanOrEqualTo(250);
    }

    @Test
    void everyRelativeLinkPointsToAnExistingFile() throws IOException {
        List<Path> docs = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> s = Files.list(ROOT.resolve("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path doc : docs) {
            List<String> lines = Files.readAllLines(doc);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = LINK.matcher(lines.get(i));
                while (m.find()) {
                    String target = m.group(1);
                    if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
                        continue; // http:, https:, mailto:
                    }
                    int hash = target.indexOf('#');
                    String file = hash < 0 ? target : target.substring(0, hash);
                    String fragment = hash < 0 ? null : target.substring(hash + 1);
                    Path p = file.isEmpty() ? doc : doc.getParent().resolve(file).normalize();
                    String where = ROOT.relativize(doc) + ":" + (i + 1) + ": " + target;
                    if (p.equals(GENERATED_CLI) && !Files.exists(p)) {
                        continue;
                    }
                    checked++;
                    if (!Files.exists(p)) {
                        broken.add(where + " (no such file)");
                    } else if (fragment != null && p.toString().endsWith(".md") && !anchors(p).contains(fragment)) {
                        broken.add(where + " (no such heading)");
                    }
                }
            }
        }
        assertThat(broken).isEmpty();
        assertThat(checked).isPositive();
    }

    @Test
    void theReadmeLinksEveryExample() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        try (Stream<Path> s = Files.list(ROOT.resolve("examples"))) {
            for (Path p : s.toList()) {
                assertThat(readme).contains("examples/" + p.getFileName());
            }
        }
    }

    /** GitHub's heading anchors of a Markdown file (lower case, punctuation dropped, spaces to dashes). */
    static Set<String> anchors(Path md) throws IOException {
        Set<String> out = new HashSet<>();
        boolean fence = false;
        for (String line : Files.readAllLines(md)) {
            if (line.startsWith("```")) {
                fence = !fence;
            }
            Matcher a = ANCHOR.matcher(line);
            while (a.find()) {
                out.add(a.group(1));
            }
            Matcher h = HEADING.matcher(line);
            if (!fence && h.matches()) {
                String slug = slug(h.group(1));
                String s = slug;
                for (int n = 1; out.contains(s); n++) {
                    s = slug + "-" + n;
                }
                out.add(s);
            }
        }
        return out;
    }

    static String slug(String heading) {
        StringBuilder b = new StringBuilder();
        for (int cp : heading.toLowerCase(Locale.ROOT).codePoints().toArray()) {
            if (Character.isLetterOrDigit(cp) || cp == '-' || cp == '_') {
                b.appendCodePoint(cp);
            } else if (cp == ' ') {
                b.append('-');
            }
        }
        return b.toString();
    }
}
