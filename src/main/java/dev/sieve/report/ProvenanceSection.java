package dev.sieve.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

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
            JsonNode r = in.run();
            rows.add(List.of(in.label(), r.path("command").asText(in.kind().command), r.path("version").asText("–"),
                seed(r), threads(r), r.path("started").asText("–").replaceAll("\\.\\d+Z$", "Z"),
                r.has("total_s") ? Html.num(r.path("total_s").asDouble()) : "–"));
        }
        h.table(List.of("directory", "command", "version", "seed", "threads", "started (UTC)", "total (s)"), rows);
        for (ReportInput in : inputs) {
            JsonNode r = in.run();
            h.raw("<details><summary>").text(in.label()).raw("</summary>\n");
            if (r.isMissingNode()) {
                h.p("warn", "No run.json in this directory.");
                h.raw("</details>\n");
                continue;
            }
            h.raw("<pre>").text(commandLine(r)).raw("</pre>\n<dl class=\"kv\">\n");
            kv(h, "Java", r.path("java").asText(null));
            kv(h, "OS", r.path("os").asText(null));
            kv(h, "processors", r.path("available_processors").asText(null));
            for (Iterator<Map.Entry<String, JsonNode>> it = r.path("host").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                kv(h, "host " + e.getKey().replace('_', ' '), e.getValue().asText());
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = r.path("timings_s").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                kv(h, e.getKey().replace('_', ' ') + " (s)", Html.num(e.getValue().asDouble()));
            }
            kv(h, "total (s)", r.has("total_s") ? Html.num(r.path("total_s").asDouble()) : null);
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

    private static String seed(JsonNode r) {
        JsonNode o = r.path("options");
        JsonNode s = o.path("seed").isValueNode() ? o.path("seed") : o.path("config").path("seed");
        return s.isValueNode() && !s.isNull() ? s.asText() : "–";
    }

    private static String threads(JsonNode r) {
        JsonNode o = r.path("options");
        JsonNode s = o.path("threads").isValueNode() ? o.path("threads") : o.path("config").path("threads");
        return s.isValueNode() && !s.isNull() ? s.asText() : "–";
    }

    /** {@code sieve COMMAND ARGS...} with shell quoting where needed. */
    static String commandLine(JsonNode r) {
        String command = r.path("command").asText("");
        List<String> args = new ArrayList<>();
        r.path("args").forEach(a -> args.add(a.asText()));
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
