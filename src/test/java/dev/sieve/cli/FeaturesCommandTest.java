package dev.sieve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.descriptor.BuiltinSets;
import dev.sieve.descriptor.SfSetFile;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeaturesCommandTest {

    @TempDir
    Path tmp;

    private static Cli.Result run(String... args) {
        return Cli.run(args);
    }

    @Test
    void showThesis22PrintsHeaderAnd22Rows() {
        Cli.Result r = run("features", "show", "thesis22");
        assertThat(r.code()).isZero();
        assertThat(r.err()).isEmpty();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(1 + 22);
        assertThat(lines.get(0)).startsWith("index").contains("element", "type", "eta", "rs", "zeta", "lambda", "rc", "cutoff");
        assertThat(lines.get(1).trim()).startsWith("0  Al").contains("0.0013", "6.8", "cos");
        assertThat(lines.get(22).trim()).startsWith("21  Al").contains("64", "4.4");
    }

    @Test
    void showCsvAndJson() {
        Cli.Result csv = run("features", "show", "thesis22:narrow", "--elements", "Al,Cu", "--format", "csv");
        assertThat(csv.code()).isZero();
        List<String> lines = csv.out().lines().toList();
        assertThat(lines).hasSize(1 + 2 * (2 * 12 + 3 * 10));
        assertThat(lines.get(0)).isEqualTo("index,element,type,e1,e2,eta,rs,zeta,lambda,rc,cutoff,alpha,name");
        assertThat(lines.get(1)).isEqualTo("0,Al,2,Al,,0.0013,0,,,6.8,cos,0,G2:Al:Al:eta=0.0013:rs=0:rc=6.8");
        Cli.Result json = run("features", "show", "thesis22", "--format", "json");
        assertThat(json.code()).isZero();
        assertThat(json.out()).contains("\"name\" : \"G9:Al:Al-Al:eta=0.0013:lambda=1:zeta=64:rc=4.4:rs=0\"");
    }

    @Test
    void convertWritesSetFile() {
        Path out = tmp.resolve("t.yaml");
        Cli.Result r = run("features", "convert", "thesis22:poly2", "--out", out.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(SfSetFile.read(out).functions())
            .isEqualTo(BuiltinSets.thesis22("Al", dev.sieve.descriptor.CutoffType.POLY2, 9).functions());
        Path nn = tmp.resolve("sf.nn");
        assertThat(run("features", "convert", out.toString(), "-o", nn.toString()).code()).isZero();
        Cli.Result back = run("features", "show", nn.toString(), "--format", "csv");
        assertThat(back.out().lines().count()).isEqualTo(23);
    }

    @Test
    void userErrorsExitWith2AndOneLine() {
        Cli.Result r = run("features", "show", "thesis99");
        assertThat(r.code()).isEqualTo(Main.EXIT_USER_ERROR);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines().toList()).singleElement().asString()
            .startsWith("sieve: unknown symmetry function set spec 'thesis99'");
        Cli.Result bad = run("features", "convert", "thesis22", "--out", tmp.resolve("x.txt").toString());
        assertThat(bad.code()).isEqualTo(Main.EXIT_USER_ERROR);
        assertThat(bad.err()).contains("x.txt: output must end in .yaml, .yml, .json or .nn");
    }

    @Test
    void helpDescribesSpecAndOptions() {
        Cli.Result r = run("features", "show", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("thesis329:narrow:poly2", "grid:", "--elements", "--format", "--length-factor",
            "table, csv, json");
    }
}
