package dev.sieve.report;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Converts the Markdown subset Sieve's commands write ({@code refit.md}, {@code compare.md}, {@code metrics.md}, ...)
 * to HTML: headings (demoted below the report's own), bullet lists, paragraphs, pipe tables with alignment rows,
 * and inline {@code `code`}, {@code **bold**} and links (shown as their text, so the report links nowhere). All
 * text is escaped. Table cells are separated by a '|' with white space on both sides, so that "|r|" inside a cell
 * stays text.
 */
final class MarkdownHtml {
    private MarkdownHtml() {}

    private static final Pattern SEPARATOR = Pattern.compile("^\\|?\\s*:?-{2,}:?\\s*(\\|\\s*:?-{2,}:?\\s*)*\\|?\\s*$");
    private static final Pattern CELL_SPLIT = Pattern.compile("(?<=\\s)\\|(?=\\s)");
    private static final Pattern BOLD = Pattern.compile("\\*\\*(.+?)\\*\\*");
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]*)\\]\\(([^)]*)\\)");

    /** The HTML of a Markdown document. */
    public static String toHtml(String markdown) {
        List<String> lines = markdown.lines().toList();
        StringBuilder out = new StringBuilder();
        List<String> para = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            String t = line.strip();
            if (t.startsWith("|") && i + 1 < lines.size() && SEPARATOR.matcher(lines.get(i + 1).strip()).matches()) {
                flush(para, out);
                int end = i + 2;
                while (end < lines.size() && lines.get(end).strip().startsWith("|")) {
                    end++;
                }
                table(lines.subList(i, end), out);
                i = end;
                continue;
            }
            if (t.isEmpty()) {
                flush(para, out);
            } else if (t.startsWith("#")) {
                flush(para, out);
                int level = 0;
                while (level < t.length() && t.charAt(level) == '#') {
                    level++;
                }
                String tag = level <= 2 ? "h4" : "h5";
                out.append('<').append(tag).append('>').append(inline(t.substring(level).strip())).append("</")
                    .append(tag).append(">\n");
            } else if (t.startsWith("- ") || t.startsWith("* ")) {
                flush(para, out);
                out.append("<ul>\n");
                while (i < lines.size() && (lines.get(i).strip().startsWith("- ") || lines.get(i).strip()
                    .startsWith("* "))) {
                    out.append("<li>").append(inline(lines.get(i).strip().substring(2))).append("</li>\n");
                    i++;
                }
                out.append("</ul>\n");
                continue;
            } else {
                para.add(t);
            }
            i++;
        }
        flush(para, out);
        return out.toString();
    }

    private static void flush(List<String> para, StringBuilder out) {
        if (!para.isEmpty()) {
            out.append("<p>").append(inline(String.join(" ", para))).append("</p>\n");
            para.clear();
        }
    }

    /** The cells of a table row (outer pipes removed, cells trimmed). */
    static List<String> cells(String row) {
        String r = row.strip();
        if (r.startsWith("|")) {
            r = r.substring(1);
        }
        if (r.endsWith("|") && !r.endsWith("\\|")) {
            r = r.substring(0, r.length() - 1);
        }
        List<String> c = new ArrayList<>();
        for (String s : CELL_SPLIT.split(" " + r + " ", -1)) {
            c.add(s.strip().replace("\\|", "|"));
        }
        return c;
    }

    private static void table(List<String> rows, StringBuilder out) {
        List<String> header = cells(rows.get(0));
        String sepRow = rows.get(1).strip().replaceAll("^\\|", "").replaceAll("\\|$", "");
        List<String> sep = java.util.Arrays.stream(sepRow.split("\\|", -1)).map(String::strip).toList();
        int n = header.size();
        String[] align = new String[n];
        for (int k = 0; k < n; k++) {
            String s = k < sep.size() ? sep.get(k) : "";
            boolean left = s.startsWith(":");
            boolean right = s.endsWith(":");
            align[k] = right && !left ? " class=\"n\"" : left && right ? " class=\"c\"" : "";
        }
        out.append("<table>\n<thead><tr>");
        for (String h : header) {
            out.append("<th>").append(inline(h)).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (String row : rows.subList(2, rows.size())) {
            List<String> c = cells(row);
            out.append("<tr>");
            for (int k = 0; k < n; k++) {
                String v = k < c.size() ? c.get(k) : "";
                if (k == n - 1 && c.size() > n) {
                    v = String.join(" | ", c.subList(k, c.size()));
                }
                String cls = align[k].isEmpty() && Html.numeric(v) ? " class=\"n\"" : align[k];
                out.append("<td").append(cls).append('>').append(inline(v)).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table>\n");
    }

    /** Inline Markdown: code spans, bold and links (as text); everything escaped. */
    static String inline(String s) {
        StringBuilder o = new StringBuilder();
        String[] parts = s.split("`", -1);
        int codeSpans = (parts.length - 1) / 2 * 2;
        for (int k = 0; k < parts.length; k++) {
            boolean code = k % 2 == 1 && k <= codeSpans;
            if (code) {
                o.append("<code>").append(Html.esc(parts[k])).append("</code>");
            } else {
                String e = Html.esc(k > codeSpans ? "`" + parts[k] : parts[k]);
                e = LINK.matcher(e).replaceAll("$1");
                e = BOLD.matcher(e).replaceAll("<strong>$1</strong>");
                o.append(e);
            }
        }
        return o.toString();
    }
}
