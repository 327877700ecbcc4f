package dev.sieve.report;

import dev.sieve.results.RunInfo;
import java.util.ArrayList;
import java.util.List;

/** The report's provenance section: command line, version, seed, host and timings of every run (its run.json). */
final class ProvenanceSection {
    private ProvenanceSection() {}

    static String html(List<ReportInput> inputs) {
        Html h = new Html();
        h.raw("<section id=\"provenance\">\n<h2>Provenance</h2>\n");
        h.p("what", "How every output was made, from its run.json: the command line, Sieve version, seed, threads, "
            + "host and timings.");
        List<List<String>> rows = new ArrayList<>();
        for (ReportInput in : inputs) {
            RunInfo.Recorded r = in.run();
            rows.add(r == null ? List.of(in.label(), in.kind().command, "–", "–", "–", "–", "–")
                : List.of(in.label(), r.command(), r.version(), orDash(r.setting("seed")), orDash(r.setting("threads")),
                    r.started().replaceAll("\\.\\d+Z$", "Z"), Html.num(r.totalSeconds())));
        }
        h.table(List.of("directory", "command", "version", "seed", "threads", "started (UTC)", "total (s)"), rows);
        for (ReportInput in : inputs) {
            RunInfo.Recorded r = in.run();
            h.raw("<details><summary>").text(in.label()).raw("</summary>\n");
            if (r == null) {
                h.p("warn", "No run.json in this directory.");
                h.raw("</details>\n");
                continue;
            }
            h.raw("<pre>").text(commandLine(r)).raw("</pre>\n<dl class=\"kv\">\n");
            kv(h, "Java", r.java());
            kv(h, "OS", r.os());
            kv(h, "processors", String.valueOf(r.availableProcessors()));
            r.host().forEach((k, v) -> kv(h, "host " + k.replace('_', ' '), v));
            r.timings().forEach((k, v) -> kv(h, k.replace('_', ' ') + " (s)", Html.num(v)));
            kv(h, "total (s)", Html.num(r.totalSeconds()));
            h.raw("</dl>\n</details>\n");
        }
        h.raw("</section>\n");
        return h.toString();
    }

    private static void kv(Html h, String k, String v) {
        if (v != null && !v.isEmpty()) {
            h.raw("<dt>").text(k).raw("</dt><dd>").text(v).raw("</dd>\n");
        }
    }

    private static String orDash(String v) {
        return v == null ? "–" : v;
    }

    /** {@code sieve COMMAND ARGS...} with shell quoting where needed. */
    static String commandLine(RunInfo.Recorded r) {
        String command = r.command();
        List<String> args = r.args();
        StringBuilder sb = new StringBuilder("sieve");
        if (!String.join(" ", args).startsWith(command)) {
            sb.append(' ').append(command);
        }
        for (String a : args) {
            sb.append(' ').append(a.matches("[A-Za-z0-9_./:=,+@%^-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return sb.toString();
    }
}
