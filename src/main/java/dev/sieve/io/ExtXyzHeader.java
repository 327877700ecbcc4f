package dev.sieve.io;

import dev.sieve.core.Messages;
import dev.sieve.core.InputException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses the comment line of an extended XYZ frame into key/value text, in order. Values may be
 * bare, double-quoted (backslash escapes {@code \"} and {@code \\}), or bracketed ({@code [T, T, T]},
 * {@code {...}}); a key without {@code =} is a boolean flag and gets the value {@code T} (as ASE does).
 */
final class ExtXyzHeader {
    private ExtXyzHeader() {}

    static Map<String, String> parse(String s, String file, long line) {
        Map<String, String> out = new LinkedHashMap<>();
        int n = s.length();
        int i = 0;
        StringBuilder sb = new StringBuilder();
        while (true) {
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i >= n) {
                return out;
            }
            // key
            sb.setLength(0);
            i = scanValue(s, i, sb, true, file, line);
            String key = sb.toString();
            if (key.isEmpty()) {
                throw new InputException(file, line, "expected key=value in the extxyz header, got an empty key");
            }
            while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
                i++;
            }
            if (i < n && s.charAt(i) == '=') {
                i++;
                while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
                    i++;
                }
                sb.setLength(0);
                i = scanValue(s, i, sb, false, file, line);
                out.put(key, sb.toString());
            } else {
                out.put(key, "T");
            }
        }
    }

    private static int scanValue(String s, int i, StringBuilder sb, boolean key, String file, long line) {
        int n = s.length();
        if (i < n && s.charAt(i) == '"') {
            i++;
            while (i < n && s.charAt(i) != '"') {
                char c = s.charAt(i);
                if (c == '\\' && i + 1 < n) {
                    char e = s.charAt(i + 1);
                    sb.append(e == 'n' ? '\n' : e);
                    i += 2;
                } else {
                    sb.append(c);
                    i++;
                }
            }
            if (i >= n) {
                throw new InputException(file, line, "unterminated quoted value in the extxyz header (missing '\"')");
            }
            return i + 1;
        }
        if (!key && i < n && (s.charAt(i) == '[' || s.charAt(i) == '{')) {
            char close = s.charAt(i) == '[' ? ']' : '}';
            int end = s.indexOf(close, i);
            if (end < 0) {
                throw new InputException(file, line, "unterminated " + Messages.quote(String.valueOf(s.charAt(i))) + " value in the extxyz header"
                    + " (missing " + Messages.quote(String.valueOf(close)) + ")");
            }
            sb.append(s, i, end + 1);
            return end + 1;
        }
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || (key && c == '=')) {
                break;
            }
            sb.append(c);
            i++;
        }
        return i;
    }

    /** Quotes {@code v} for a header when it is empty or contains whitespace, quotes, '=' or backslashes. */
    static String quote(String v) {
        boolean plain = !v.isEmpty();
        for (int i = 0; i < v.length() && plain; i++) {
            char c = v.charAt(i);
            plain = !(Character.isWhitespace(c) || c == '"' || c == '=' || c == '\\' || c == '[' || c == '{');
        }
        if (plain) {
            return v;
        }
        StringBuilder b = new StringBuilder(v.length() + 2).append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c == '\n') {
                b.append("\\n");
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
