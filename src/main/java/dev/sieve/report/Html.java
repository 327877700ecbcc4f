package dev.sieve.report;

import java.util.List;
import java.util.Locale;

/**
 * A small HTML builder for the report: text is always escaped, every element is closed (the output is also
 * well-formed XML apart from the doctype), and numbers are formatted with {@link Locale#ROOT}.
 */
final class Html {
    private final StringBuilder sb = new StringBuilder(1 << 16);

    /** Escapes text for element content and double-quoted attribute values. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder o = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> o.append("&amp;");
                case '<' -> o.append("&lt;");
                case '>' -> o.append("&gt;");
                case '"' -> o.append("&quot;");
                case '\'' -> o.append("&#39;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
                        o.append(' ');
                    } else {
                        o.append(c);
                    }
                }
            }
        }
        return o.toString();
    }

    /** A number with about four significant digits, or "–" for NaN/absent values. */
    static String num(double v) {
        if (!Double.isFinite(v)) {
            return "–";
        }
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e6)) {
            return String.format(Locale.ROOT, "%.3e", v);
        }
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }

    Html raw(String s) {
        sb.append(s);
        return this;
    }

    Html text(String s) {
        sb.append(esc(s));
        return this;
    }

    /** {@code <tag>text</tag>} with the text escaped. */
    Html el(String tag, String text) {
        sb.append('<').append(tag).append('>').append(esc(text)).append("</").append(tag).append(">\n");
        return this;
    }

    Html p(String cls, String text) {
        sb.append("<p class=\"").append(cls).append("\">").append(esc(text)).append("</p>\n");
        return this;
    }

    /** A table with an escaped header and escaped cells; cells that look numeric are right-aligned. */
    Html table(List<String> header, List<List<String>> rows) {
        sb.append("<table>\n<thead><tr>");
        for (String h : header) {
            sb.append("<th>").append(esc(h)).append("</th>");
        }
        sb.append("</tr></thead>\n<tbody>\n");
        for (List<String> r : rows) {
            sb.append("<tr>");
            for (String c : r) {
                sb.append(numeric(c) ? "<td class=\"n\">" : "<td>").append(esc(c)).append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</tbody>\n</table>\n");
        return this;
    }

    static boolean numeric(String c) {
        return c != null && c.matches("[-+]?[0-9][0-9.,eE+\\-]*( ± [0-9.eE+\\-]+)?( ?%)?");
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
