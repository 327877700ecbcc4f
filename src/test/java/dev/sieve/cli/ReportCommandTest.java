package dev.sieve.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sieve.results.RunInfo;
import dev.sieve.select.RefitFile;
import dev.sieve.train.MetricsFile;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * {@code sieve report} on tiny outputs of train, select, refit, evaluate and md made in-process from generated
 * Sutton-Chen aluminium data; then the report opened in headless Chromium (skipped when no Chromium is installed).
 */
class ReportCommandTest {
    @TempDir
    static Path tmp;

    static Path report;
    static Cli.Result result;

    @BeforeAll
    static void outputs() throws Exception {
        String data = tmp.resolve("data.xyz").toString();
        String test = tmp.resolve("test.xyz").toString();
        List<String> gen = List.of("generate", "--reference", "sutton-chen-al", "--atoms", "32", "--temperatures",
            "300,1500", "--equilibrate", "100", "--melt-time", "100", "--interval", "20", "--threads", "1");
        run(gen, "--frames", "20", "--out", data);
        run(gen, "--frames", "4", "--seed", "2", "--out", test);
        List<String> fit = List.of("--hidden", "4,4", "--batch", "4", "--threads", "2");
        run(List.of("train"), fit, "--data", data, "--test", test, "--sf", "thesis22", "--epochs", "6", "--quiet",
            "--out", tmp.resolve("train").toString());
        run(List.of("select"), fit, "--data", data, "--out", tmp.resolve("path").toString(), "--epochs", "5",
            "--fit-epochs", "3", "--fit-patience", "0", "--lambdas", "8,16,40,150,400");
        run(List.of("refit"), List.of("--threads", "2"), "--path", tmp.resolve("path").toString(), "--choose", "knee", "--splits", "2",
            "--epochs", "3", "--test", test, "--out", tmp.resolve("refit").toString(), "--md-structure", test,
            "--md-steps", "2", "--md-warmup", "1");
        run(List.of("evaluate"), List.of(), "--model", tmp.resolve("train").toString(), "--data", test, "--out",
            tmp.resolve("eval").toString());
        run(List.of("md"), List.of(), "--model", tmp.resolve("train").toString(), "--structure", test, "--steps",
            "10", "--out", tmp.resolve("md").toString());
        Files.createDirectories(tmp.resolve("other"));
        Files.writeString(tmp.resolve("other/notes.txt"), "not a sieve output\n");
        report = tmp.resolve("out/report.html");
        List<String> args = new ArrayList<>(List.of("report"));
        for (String d : List.of("train", "path", "refit", "eval", "md", "other")) {
            args.add(tmp.resolve(d).toString());
        }
        args.addAll(List.of("--out", report.toString()));
        result = Cli.run(args.toArray(new String[0]));
    }

    private static void run(List<String> command, String... rest) {
        run(command, List.of(), rest);
    }

    private static void run(List<String> command, List<String> options, String... rest) {
        List<String> a = new ArrayList<>(command);
        a.addAll(options);
        a.addAll(List.of(rest));
        Cli.Result r = Cli.run(a.toArray(new String[0]));
        assertThat(r.code()).as(String.join(" ", a) + "\n" + r.err()).isZero();
    }

    @Test
    void reportHasEverySectionAndIsSelfContained() throws Exception {
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.errLines()).hasSize(1);
        assertThat(result.err()).contains("warning").contains("other").contains("not a Sieve output directory");
        assertThat(result.out()).contains("report of 5 output directories");
        String html = Files.readString(report);
        for (String s : List.of("id=\"train\"", "id=\"select\"", "id=\"refit\"", "id=\"evaluate\"", "id=\"md\"",
            "id=\"provenance\"", "Contents", "Regularization path", "Radial functions of Al",
            "Angular functions of Al", "chosen by the refit", "| knee |", "Learning curve", "Energy parity",
            "sieve select --hidden 4,4", "MD (steps/s)")) {
            assertThat(html).as(s).contains(s.startsWith("| ") ? "<td>knee</td>" : s);
        }
        assertThat(html).doesNotContain("http://").doesNotContain("https://").doesNotContain("<script");
        List<String> imgs = new ArrayList<>();
        Matcher m = Pattern.compile("<img\\b[^>]*>").matcher(html);
        while (m.find()) {
            imgs.add(m.group());
        }
        assertThat(imgs).hasSizeGreaterThanOrEqualTo(8)
            .allSatisfy(i -> assertThat(i).contains("src=\"data:image/png;base64,"));
        // well-formed: the report is XML apart from its doctype
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(false);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(
            html.replaceFirst("<!DOCTYPE html>", "").getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getElementsByTagName("img").getLength()).isEqualTo(imgs.size());
        assertThat(doc.getElementsByTagName("section").getLength()).isEqualTo(6);
        // every figure also as PNG and SVG beside the report
        Path files = tmp.resolve("out/report_files");
        try (Stream<Path> s = Files.list(files)) {
            List<String> names = s.map(p -> p.getFileName().toString()).toList();
            assertThat(names.stream().filter(n -> n.endsWith(".png"))).hasSize(imgs.size());
            for (String n : names.stream().filter(n -> n.endsWith(".png")).toList()) {
                assertThat(names).contains(n.replace(".png", ".svg"));
            }
        }
    }

    @Test
    void missingDirectoryIsAOneLineUserError() {
        Cli.Result r = Cli.run("report", tmp.resolve("nowhere").toString(), "--out", tmp.resolve("x.html").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains("nowhere").contains("no such directory");
        assertThat(tmp.resolve("x.html")).doesNotExist();
    }

    /** A copy of one of the outputs above, to change without touching the others. */
    private static Path copy(String name, Path to) throws Exception {
        Path from = tmp.resolve(name);
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Files.copy(p, to.resolve(from.relativize(p).toString()));
            }
        }
        return to;
    }

    @Test
    void theTypedFilesReadBackWhatTheCommandsWrote() {
        MetricsFile m = MetricsFile.read(tmp.resolve("train"));
        assertThat(m.epochs()).isBetween(1, 6);
        assertThat(m.structures().train() + m.structures().validation()).isEqualTo(20);
        assertThat(m.test()).isNotNull();
        assertThat(m.test().overall().structures()).isEqualTo(4);
        RefitFile r = RefitFile.read(tmp.resolve("refit"));
        assertThat(r.splits()).isEqualTo(2);
        assertThat(r.rows()).extracting(RefitFile.Row::choice).contains("knee", "full");
        assertThat(r.rows()).allSatisfy(row -> assertThat(row.testRmse().values()).hasSize(2));
        assertThat(r.rows()).allSatisfy(row -> assertThat(row.mdStepsPerSecond()).isPositive());
        RunInfo.Recorded run = RunInfo.read(tmp.resolve("refit"));
        assertThat(run.command()).isEqualTo("refit");
        assertThat(run.option("path")).isEqualTo(tmp.resolve("path").toString());
        assertThat(run.setting("threads")).isEqualTo("2");
    }

    @Test
    void reportOutIntoAFileItReadsIsRefusedAndTheFileKept() throws Exception {
        Path m = copy("train", tmp.resolve("guard-model"));
        byte[] before = Files.readAllBytes(m.resolve("metrics.json"));
        for (String name : List.of("metrics.json", "run.json", "learning_curve.csv", "input.nn")) {
            Cli.Result r = Cli.run("report", m.toString(), "--out", m.resolve(name).toString());
            assertThat(r.code()).as(r.err()).isEqualTo(2);
            assertThat(r.errLines()).hasSize(1);
            assertThat(r.err()).contains("--out " + m.resolve(name)).contains("would overwrite " + name)
                .contains("input DIR " + m);
        }
        assertThat(Files.readAllBytes(m.resolve("metrics.json"))).isEqualTo(before);
        Cli.Result same = Cli.run("report", m.toString(), "--out", m.toString());
        assertThat(same.code()).isEqualTo(2);
        assertThat(same.err()).contains("--out " + m + " is the same directory as the input DIR " + m);
        // a file the report does not read may sit beside the inputs
        Cli.Result beside = Cli.run("report", m.toString(), "--out", m.resolve("report.html").toString());
        assertThat(beside.code()).as(beside.err()).isZero();
    }

    @Test
    void reportFiguresDirectoryThatIsAnInputIsRefusedAndItsFiguresKept() throws Exception {
        Path in = copy("md", tmp.resolve("guard_files"));
        Files.writeString(in.resolve("keep.png"), "not a png, but the input's\n");
        Path out = tmp.resolve("guard.html");
        Cli.Result r = Cli.run("report", in.toString(), "--out", out.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains("--out " + out + ": its figures directory").contains("input DIR " + in);
        assertThat(in.resolve("keep.png")).exists();
        assertThat(out).doesNotExist();
    }

    @Test
    void anOlderPathFormatIsOneLineNamingTheVersion() throws Exception {
        Path p = copy("path", tmp.resolve("old-path"));
        Path f = p.resolve("path.json");
        String json = Files.readString(f);
        assertThat(json).contains("\"version\" : 2,");
        Files.writeString(f, json.replace("\"version\" : 2,", "\"version\" : 1,"));
        Cli.Result r = Cli.run("report", p.toString(), "--out", tmp.resolve("old-path.html").toString());
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains(f.toString()).contains("version 1").contains("of version 2");
    }

    @Test
    void aBrokenTypedFileIsOneLineNamingTheFileAndTheKey() throws Exception {
        Path refit = copy("refit", tmp.resolve("broken-refit"));
        Path f = refit.resolve("refit.json");
        Files.writeString(f, Files.readString(f).replaceFirst("\"choice\" :", "\"chosen\" :"));
        expectOneLine(refit, f + ": key 'rows[0].choice' is missing");
        Path train = copy("train", tmp.resolve("broken-train"));
        Path m = train.resolve("metrics.json");
        Files.writeString(m, Files.readString(m).replaceFirst("\"epochs\" : \\d+", "\"epochs\" : \"six\""));
        expectOneLine(train, m + ": key 'epochs' must be an integer, got 'six'");
        Path md = copy("md", tmp.resolve("broken-md"));
        Path run = md.resolve("run.json");
        Files.writeString(run, Files.readString(run).replaceFirst("\"total_s\" : [^,\\n]+", "\"total_s\" : [ ]"));
        expectOneLine(md, run + ": key 'total_s' must be a number, got a list");
    }

    private static void expectOneLine(Path dir, String message) {
        Cli.Result r = Cli.run("report", dir.toString(), "--out", dir.resolveSibling(dir.getFileName() + ".html")
            .toString());
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains(message).doesNotContain("Exception");
    }

    /** The acceptance check: in headless Chromium every image loads and no error reaches the console. */
    @Test
    void chromiumLoadsEveryImageWithoutConsoleErrors() throws Exception {
        Path chromium = chromium();
        assumeTrue(chromium != null, "no chromium binary on PATH (Debian: apt-get install -y chromium)");
        assertThat(result.code()).isZero();
        String html = Files.readString(report);
        Path probe = report.resolveSibling("probe.html");
        Files.writeString(probe, html.replace("style-src 'unsafe-inline'", "style-src 'unsafe-inline'; "
            + "script-src 'unsafe-inline'").replaceFirst("<head>\n", "<head>\n" + PROBE));
        Path profile = tmp.resolve("chromium-profile");
        Chrome dom = chrome(chromium, profile, "--dump-dom", "--virtual-time-budget=5000", probe.toUri().toString());
        Matcher b = Pattern.compile("<body([^>]*)>").matcher(dom.out());
        assertThat(b.find()).as(dom.out()).isTrue();
        String body = b.group(1);
        int images = (int) Pattern.compile("<img\\b").matcher(html).results().count();
        assertThat(body).contains("data-probe-done=\"1\"").contains("data-probe-images=\"" + images + "\"")
            .contains("data-probe-broken=\"\"").contains("data-probe-errors=\"\"");
        assertThat(dom.err().lines().filter(l -> l.contains(":CONSOLE"))).isEmpty();
        // a screenshot of the report's first screen, kept out of git in target/
        Path shot = Path.of("target", "report-screenshot.png").toAbsolutePath();
        Files.createDirectories(shot.getParent());
        Files.deleteIfExists(shot);
        chrome(chromium, profile, "--hide-scrollbars", "--window-size=1280,2000", "--screenshot=" + shot,
            report.toUri().toString());
        assertThat(shot).isRegularFile();
        assertThat(Files.size(shot)).isGreaterThan(10_000);
    }

    /** Writes into the DOM whether every image decoded and which errors, CSP violations or console errors occurred. */
    static final String PROBE = """
        <script>
        window.__e = [];
        window.addEventListener('error', function (e) {
          window.__e.push('error: ' + (e.message || (e.target && (e.target.src || e.target.href)) || '?'));
        }, true);
        document.addEventListener('securitypolicyviolation', function (e) { window.__e.push('csp: ' + e.blockedURI); });
        (function () {
          var ce = console.error;
          console.error = function () {
            window.__e.push('console.error: ' + Array.prototype.join.call(arguments, ' '));
            ce.apply(console, arguments);
          };
        })();
        window.addEventListener('load', function () {
          var im = Array.prototype.slice.call(document.images);
          var bad = im.filter(function (i) { return !(i.complete && i.naturalWidth > 0); })
            .map(function (i) { return i.alt; });
          var b = document.body;
          b.setAttribute('data-probe-images', String(im.length));
          b.setAttribute('data-probe-broken', bad.join(' | ').replace(/"/g, "'"));
          b.setAttribute('data-probe-errors', window.__e.join(' | ').replace(/"/g, "'"));
          b.setAttribute('data-probe-done', '1');
        });
        </script>
        """;

    record Chrome(String out, String err) {}

    static Chrome chrome(Path chromium, Path profile, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(chromium.toString(), "--headless=new", "--disable-gpu",
            "--no-sandbox", "--no-first-run", "--disable-dev-shm-usage", "--enable-logging=stderr", "--v=0",
            "--user-data-dir=" + profile));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(tmp, "chrome", ".out");
        Path err = Files.createTempFile(tmp, "chrome", ".err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 120 s: " + String.join(" ", cmd));
        }
        String e = Files.readString(err);
        assertThat(p.exitValue()).as(e).isZero();
        return new Chrome(Files.readString(out), e);
    }

    /** The first of chromium, chromium-browser, google-chrome on PATH (or $CHROMIUM), or null. */
    static Path chromium() {
        String env = System.getenv("CHROMIUM");
        if (env != null && Files.isExecutable(Path.of(env))) {
            return Path.of(env);
        }
        for (String name : List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                Path p = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        return null;
    }
}
