package dev.sieve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sieve.SharedData;
import dev.sieve.core.Json;
import dev.sieve.core.JsonChecksum;
import dev.sieve.io.StructureIO;
import dev.sieve.structure.Structure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Damaged and foreign checkpoints are refused with one line, never a stack trace and never a silent continue: every
 * field of {@code state.json} (train with adam, kalman and lm; a refit split) and of {@code path-state.json} (select)
 * is removed, changed in type and set out of range in turn, the files are truncated and a byte is flipped, and
 * {@code --resume} must end with exit code 2 and one line naming the file. A resume on other data with the same
 * structure count is refused naming the data.
 */
class CheckpointFaultTest {
    @TempDir
    static Path shared;
    static Path data;

    @BeforeAll
    static void data() {
        data = SharedData.alFrames(shared, 40);
    }

    private static String[] train(Path out, String optimizer, int epochs, String... more) {
        List<String> a = new ArrayList<>(List.of("train", "--data", data.toString(), "--sf", "thesis22", "--hidden",
            "4", "--forces", "0.1", "--force-atoms", "4", "--optimizer", optimizer, "--epochs", String.valueOf(epochs),
            "--patience", "0", "--checkpoint-every", "1", "--seed", "3", "--quiet", "--out", out.toString()));
        a.addAll(List.of(more));
        return a.toArray(new String[0]);
    }

    /** The run refused with exit code 2 and one line, without a Java exception in it. */
    private static void refused(Cli.Result r, String what, String... contains) {
        assertThat(r.code()).as(what + ": " + r.err() + r.out()).isEqualTo(Main.EXIT_USER_ERROR);
        assertThat(r.errLines()).as(what).hasSize(1);
        assertThat(r.err()).as(what).doesNotContain("Exception").doesNotContain("\tat ").contains(contains);
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path q = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(q);
                } else {
                    Files.copy(p, q);
                }
            }
        }
    }

    /** Every damage of a JSON object file: each field removed, made text, made a negative number (both unsealed). */
    private static List<String> damages(String json) throws IOException {
        ObjectNode root = (ObjectNode) Json.JSON.readTree(json);
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            ObjectNode a = root.deepCopy();
            a.remove(k);
            out.add(a.toString());
            ObjectNode b = root.deepCopy();
            b.put(k, "abc");
            out.add(b.toString());
            ObjectNode c = root.deepCopy();
            c.put(k, -7);
            out.add(c.toString());
        }
        out.add(json.substring(0, json.length() / 2));
        // a flipped bit in a digit that matters (a flip in the 17th digit of a double may leave its value as it was)
        byte[] flipped = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int at = json.indexOf("\"wait\"");
        at = at >= 0 ? at + "\"wait\"".length() + json.substring(at + 6).indexOf(':') + 1 : flipped.length / 3;
        while (at < flipped.length && !Character.isDigit(flipped[at])) {
            at++;
        }
        flipped[at] ^= 0x01;
        out.add(new String(flipped, java.nio.charset.StandardCharsets.UTF_8));
        return out;
    }

    /** The same damages with the checksum made anew: the field checks themselves must refuse type changes. */
    private static List<String> sealedTypeChanges(String json, List<String> ignored) throws IOException {
        ObjectNode root = (ObjectNode) Json.JSON.readTree(json);
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (ignored.contains(k)) {
                continue;
            }
            ObjectNode b = root.deepCopy();
            b.put(k, "abc");
            out.add(JsonChecksum.seal(b).toString());
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"adam", "kalman", "lm"})
    void everyDamageOfATrainingCheckpointIsRefused(String optimizer) throws Exception {
        Path base = shared.resolve("base-" + optimizer);
        Cli.Result r = Cli.run(train(base, optimizer, 2));
        assertThat(r.code()).as(r.err()).isZero();
        Path state = base.resolve("checkpoint").resolve("state.json");
        String json = Files.readString(state);
        List<String> bad = new ArrayList<>(damages(json));
        // rng and checksum are not read as settings; "checksum" damage is covered by the unsealed cases
        bad.addAll(sealedTypeChanges(json, List.of("rng", "checksum")));
        int i = 0;
        for (String d : bad) {
            Path dir = shared.resolve(optimizer + "-" + i++);
            copy(base, dir);
            Files.writeString(dir.resolve("checkpoint").resolve("state.json"), d);
            refused(Cli.run(train(dir, optimizer, 3, "--resume")), optimizer + " damage " + d.substring(0,
                Math.min(120, d.length())), "checkpoint");
        }
        // the optimizer's binary state: a flipped byte and a truncation
        Path bin = Files.list(base.resolve("checkpoint")).filter(p -> p.toString().endsWith(".bin")).findFirst()
            .orElseThrow();
        byte[] b = Files.readAllBytes(bin);
        for (int k = 0; k < 2; k++) {
            Path dir = shared.resolve(optimizer + "-bin-" + k);
            copy(base, dir);
            byte[] c = k == 0 ? b.clone() : java.util.Arrays.copyOf(b, b.length / 2);
            if (k == 0) {
                c[c.length / 2] ^= 0x10;
            }
            Files.write(dir.resolve("checkpoint").resolve(bin.getFileName().toString()), c);
            refused(Cli.run(train(dir, optimizer, 3, "--resume")), optimizer + " optimizer state " + k,
                bin.getFileName().toString());
        }
    }

    @Test
    void aResumeOnOtherDataWithTheSameCountIsRefusedNamingTheData() throws Exception {
        Path base = shared.resolve("base-data");
        assertThat(Cli.run(train(base, "adam", 2)).code()).isZero();
        List<Structure> all = StructureIO.readAll(data);
        Structure s = all.get(1);
        all.set(1, s.withEnergyAndForces(s.energy() + 1e-3, s.forces()));
        Path other = shared.resolve("other.xyz");
        StructureIO.write(other, all);
        List<String> a = new ArrayList<>(List.of(train(base, "adam", 3, "--resume")));
        a.set(a.indexOf(data.toString()), other.toString());
        refused(Cli.run(a.toArray(new String[0])), "other data", "--data differs from the checkpoint");
    }

    @Test
    void everyDamageOfASelectionCheckpointIsRefused() throws Exception {
        Path base = shared.resolve("path");
        String[] args = {"select", "--data", data.toString(), "--out", base.toString(), "--hidden", "4",
            "--epochs", "3", "--fit-epochs", "2", "--fit-patience", "0", "--batch", "4", "--fit-lr", "0.01",
            "--lambdas", "8,16,300", "--prox", "plain", "--seed", "2"};
        List<String> first = new ArrayList<>(List.of(args));
        first.addAll(List.of("--stop-after", "1"));
        Cli.run(first.toArray(new String[0]));
        Path state = Files.walk(base.resolve("checkpoint")).filter(p -> p.getFileName().toString()
            .equals("path-state.json")).findFirst().orElseThrow();
        String json = Files.readString(state);
        List<String> bad = new ArrayList<>(damages(json));
        bad.addAll(sealedTypeChanges(json, List.of("checksum", "onset_pending", "version")));
        int i = 0;
        for (String d : bad) {
            Path dir = shared.resolve("path-" + i++);
            copy(base, dir);
            Files.writeString(dir.resolve(base.relativize(state).toString()), d);
            List<String> resume = new ArrayList<>(List.of(args));
            resume.set(resume.indexOf(base.toString()), dir.toString());
            resume.add("--resume");
            refused(Cli.run(resume.toArray(new String[0])), "select damage " + d.substring(0,
                Math.min(120, d.length())), "checkpoint");
        }
    }

    @Test
    void aDamagedRefitSplitIsRefused() throws Exception {
        Path path = shared.resolve("rpath");
        Cli.Result sel = Cli.run("select", "--data", data.toString(), "--out", path.toString(), "--hidden", "4",
            "--epochs", "2", "--fit-epochs", "2", "--fit-patience", "0", "--batch", "4", "--fit-lr", "0.01",
            "--lambdas", "8,300", "--prox", "plain", "--no-models", "--seed", "2");
        assertThat(sel.code()).as(sel.err()).isZero();
        Path base = shared.resolve("refit");
        String[] args = {"refit", "--path", path.toString(), "--choose", "count:30", "--no-full", "--test",
            data.toString(), "--epochs", "2", "--splits", "1", "--force-atoms", "4", "--out", base.toString()};
        Cli.Result r = Cli.run(args);
        assertThat(r.code()).as(r.err()).isZero();
        Path state = Files.walk(base).filter(p -> p.getFileName().toString().equals("state.json")).findFirst()
            .orElseThrow();
        String json = Files.readString(state);
        int i = 0;
        for (String d : List.of(json.replace("\"epoch\":2", "\"epoch\":\"abc\""), json.substring(0, 40))) {
            Path dir = shared.resolve("refit-" + i++);
            copy(base, dir);
            Path split = dir.resolve(base.relativize(state).toString()).getParent().getParent();
            Files.writeString(split.resolve("checkpoint").resolve("state.json"), d);
            Files.delete(split.resolve("refit-split.json")); // as if killed before the split finished
            List<String> resume = new ArrayList<>(List.of(args));
            resume.set(resume.indexOf(base.toString()), dir.toString());
            resume.add("--resume");
            refused(Cli.run(resume.toArray(new String[0])), "refit damage " + i, "checkpoint");
        }
    }
}
