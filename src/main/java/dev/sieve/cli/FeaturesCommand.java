package dev.sieve.cli;

import dev.sieve.core.Json;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sieve.descriptor.N2p2SymmetryFunctionWriter;
import dev.sieve.descriptor.SfSetFile;
import dev.sieve.descriptor.SfSpec;
import dev.sieve.descriptor.SymmetryFunction;
import dev.sieve.descriptor.SymmetryFunctionSet;
import dev.sieve.core.InputException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sieve features}: inspect and convert symmetry-function sets. */
@Command(name = "features", mixinStandardHelpOptions = true,
    description = "Symmetry-function (feature) sets: show one, or convert it to a set file.",
    subcommands = {FeaturesCommand.Show.class, FeaturesCommand.Convert.class})
final class FeaturesCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final String SPEC_HELP = "Symmetry-function set; see SPEC forms below.";

    /** The SPEC grammar, printed as the footer of show and convert. */
    static final String SPEC_FOOTER = "%nSPEC forms:%n"
        + "  thesis22 | thesis329     the thesis sets; append modifiers in any order:%n"
        + "      :wide (angular type 9, default) or :narrow (type 3)%n"
        + "      :cos (default) :tanhu :tanh :exp :poly1 :poly2 :poly3 :poly4 (cutoff)%n"
        + "      e.g. thesis22:narrow, thesis329:narrow:poly2%n"
        + "  grid[:key=value,...]     generated grid (lists use ';'), keys and defaults:%n"
        + "      rule=gastegger|imbalzano (gastegger)  mode=shifted|centered (shifted)%n"
        + "      rc=6  n=8  r_inner=1  r_upper=rc%n"
        + "      ang=wide|narrow|none (wide)  ang_rc=rc  ang_n=3  ang_etas=a;b;c%n"
        + "      zetas=1;2;4;16  cutoff=cos  alpha=0%n"
        + "      e.g. grid:rc=6,n=8,mode=shifted,ang_rc=4.4,zetas=1;2;4%n"
        + "  PATH/input.nn | PATH.nn  n2p2 symfunction_short lines; append @bohr or%n"
        + "                           @<length units per Angstrom> for other units%n"
        + "  PATH.yaml|.yml|.json     Sieve symmetry-function set file%n"
        + "Builtin sets and grids cover every element combination of --elements.";

    /** Options shared by show and convert. */
    static final class SetOptions {
        @Parameters(index = "0", paramLabel = "SPEC", description = SPEC_HELP)
        String specText;

        @Option(names = "--elements", split = ",", paramLabel = "EL",
            description = "Elements for builtin sets and grids (comma-separated, e.g. Al,Cu; default Al). "
                + "For files: must match the file's elements.")
        List<String> elements = new ArrayList<>();

        @Option(names = "--length-factor", paramLabel = "F", defaultValue = "1",
            description = "Length units per Angstrom of an n2p2 file without an @ suffix (1.8897261328 for Bohr; "
                + "default ${DEFAULT-VALUE}).")
        double lengthFactor;

        SymmetryFunctionSet resolve() {
            return SfSpec.resolve(specText, elements, lengthFactor);
        }
    }

    enum Format { table, csv, json }

    @Command(name = "show", mixinStandardHelpOptions = true,
        description = "Print every symmetry function of a set, per element in n2p2's sorted order "
            + "(the network input order; index is 0-based within the element).", footer = SPEC_FOOTER)
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Mixin
        SetOptions set;

        @Option(names = "--format", paramLabel = "FMT", defaultValue = "table",
            description = "Output format: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
        Format format;

        @Override
        public Integer call() throws Exception {
            SymmetryFunctionSet s = set.resolve();
            PrintWriter out = spec.commandLine().getOut();
            switch (format) {
                case table -> printTable(s, out);
                case csv -> printCsv(s, out);
                case json -> printJson(s, out);
                default -> throw new IllegalStateException("format " + format);
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Write a set to a file: Sieve set file (.yaml, .yml, .json) or n2p2 symmetry-function "
            + "lines (.nn; number_of_elements, elements, cutoff_type and symfunction_short). Written atomically.",
        footer = SPEC_FOOTER)
    static final class Convert implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Mixin
        SetOptions set;

        @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE",
            description = "Output file; its extension (.yaml, .yml, .json or .nn) selects the format.")
        Path out;

        @Override
        public Integer call() {
            dev.sieve.core.OutputGuard.requireFile("--out", out, Outputs.sfSpec("SPEC", set.specText));
            SymmetryFunctionSet s = set.resolve();
            String n = out.getFileName() == null ? "" : out.getFileName().toString().toLowerCase(Locale.ROOT);
            if (SfSetFile.isSetFile(out)) {
                SfSetFile.write(out, s);
            } else if (n.endsWith(".nn")) {
                N2p2SymmetryFunctionWriter.write(out, s);
            } else {
                throw new InputException(out.toString(), -1, "output must end in .yaml, .yml, .json or .nn");
            }
            return 0;
        }
    }

    private static final String[] COLUMNS = {"index", "element", "type", "e1", "e2", "eta", "rs", "zeta", "lambda", "rc",
        "cutoff", "alpha", "name"};

    private static List<String[]> rows(SymmetryFunctionSet s, String missing) {
        List<String[]> rows = new ArrayList<>();
        for (String el : s.elements()) {
            List<SymmetryFunction> l = s.forElement(el);
            for (int i = 0; i < l.size(); i++) {
                SymmetryFunction f = l.get(i);
                rows.add(new String[] {
                    String.valueOf(i), el, String.valueOf(f.type()), f.e1(), f.isAngular() ? f.e2() : missing,
                    SymmetryFunction.g10(f.eta()), SymmetryFunction.g10(f.rs()),
                    f.isAngular() ? SymmetryFunction.g10(f.zeta()) : missing,
                    f.isAngular() ? SymmetryFunction.g10(f.lambda()) : missing,
                    SymmetryFunction.g10(f.rc()), f.cutoff().label(), SymmetryFunction.g10(f.alpha()), f.name()});
            }
        }
        return rows;
    }

    static void printTable(SymmetryFunctionSet s, PrintWriter out) {
        List<String[]> rows = rows(s, "-");
        int cols = COLUMNS.length - 1; // the name column is for csv/json
        int[] w = new int[cols];
        for (int c = 0; c < cols; c++) {
            w[c] = COLUMNS[c].length();
            for (String[] r : rows) {
                w[c] = Math.max(w[c], r[c].length());
            }
        }
        out.println(line(COLUMNS, w));
        for (String[] r : rows) {
            out.println(line(r, w));
        }
    }

    private static String line(String[] cells, int[] w) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < w.length; c++) {
            if (c > 0) {
                sb.append("  ");
            }
            boolean left = c == 1 || c == 3 || c == 4 || c == 10;
            String v = cells[c];
            String pad = " ".repeat(w[c] - v.length());
            sb.append(left ? v + pad : pad + v);
        }
        return sb.toString().stripTrailing();
    }

    static void printCsv(SymmetryFunctionSet s, PrintWriter out) {
        out.println(String.join(",", COLUMNS));
        for (String[] r : rows(s, "")) {
            out.println(String.join(",", r));
        }
    }

    static void printJson(SymmetryFunctionSet s, PrintWriter out) throws Exception {
        ObjectMapper m = Json.JSON_PRETTY;
        ArrayNode arr = m.createArrayNode();
        for (String el : s.elements()) {
            List<SymmetryFunction> l = s.forElement(el);
            for (int i = 0; i < l.size(); i++) {
                SymmetryFunction f = l.get(i);
                ObjectNode o = arr.addObject();
                o.put("index", i);
                o.put("element", el);
                o.put("type", f.type());
                o.put("e1", f.e1());
                if (f.isAngular()) {
                    o.put("e2", f.e2());
                }
                o.put("eta", f.eta());
                o.put("rs", f.rs());
                if (f.isAngular()) {
                    o.put("zeta", f.zeta());
                    o.put("lambda", f.lambda());
                }
                o.put("rc", f.rc());
                o.put("cutoff", f.cutoff().label());
                o.put("alpha", f.alpha());
                o.put("name", f.name());
            }
        }
        out.println(m.writeValueAsString(arr));
    }
}
