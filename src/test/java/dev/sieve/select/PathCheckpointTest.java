package dev.sieve.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.core.InputException;
import dev.sieve.core.SettingException;
import dev.sieve.nn.Activation;
import dev.sieve.nn.Network;
import dev.sieve.train.FitLoop;
import dev.sieve.train.NetworkSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The path's checkpoint: written and read back exactly; a malformed file is a one-line InputException. */
class PathCheckpointTest {
    static final List<String> ELEMENTS = List.of("Al", "Cu");
    static final int[] CANDIDATES = {5, 4};

    static Map<String, String> fingerprint() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("seed", "7");
        m.put("gamma", "1.0");
        return m;
    }

    static Path written(Path dir) {
        NetworkSettings ns = NetworkSettings.of(new int[] {3}, Activation.TANH);
        PathState st = new PathState(false);
        st.cur = new int[][] {{0, 2, 4}, {}};
        st.nets = new Network[] {FitLoop.newNetwork(3, ns), null};
        double[] p = st.nets[0].params();
        for (int i = 0; i < p.length; i++) {
            p[i] = 0.1 * i - 0.3;
        }
        st.denseNorms = new double[][] {{1, 2, 3, 4, 5}, {0.5, 0, 0.25, 1}};
        st.lambdaStart = 1.5e-4;
        st.finished = false;
        st.onsetPending = true;
        st.seconds = 12.5;
        st.points = new ArrayList<>(List.of(new PathPoint(0, 0.0, Map.of("Al", 5, "Cu", 4), 9, 3, 9, 0.1, 0.2, 0.0,
            0.2, 1.5, 2.5, 10, 0, 1.0, "points/p000/sf.yaml", null, null)));
        Path f = dir.resolve("checkpoint").resolve("path-state.json");
        PathCheckpoint.write(f, fingerprint(), st, ELEMENTS);
        return f;
    }

    @Test
    void readsBackWhatItWrote(@TempDir Path tmp) throws Exception {
        Path f = written(tmp);
        PathCheckpoint.Saved s = PathCheckpoint.read(f, fingerprint(), ELEMENTS, CANDIDATES);
        assertThat(s.lambdaStart()).isEqualTo(1.5e-4);
        assertThat(s.finished()).isFalse();
        assertThat(s.onsetPending()).isTrue();
        assertThat(s.seconds()).isEqualTo(12.5);
        assertThat(s.points()).hasSize(1);
        assertThat(s.points().get(0).setFile()).isEqualTo("points/p000/sf.yaml");
        assertThat(s.elements().get(0).features()).containsExactly(0, 2, 4);
        assertThat(s.elements().get(1).features()).isEmpty();
        assertThat(s.elements().get(1).denseNorms()).containsExactly(0.5, 0, 0.25, 1);
        assertThat(s.elements().get(0).params()[1]).isEqualTo(0.1 * 1 - 0.3);
        // the same state written again gives the same bytes
        Path g = tmp.resolve("again").resolve("path-state.json");
        PathState st = new PathState(false);
        st.cur = new int[][] {s.elements().get(0).features(), s.elements().get(1).features()};
        st.nets = new Network[] {FitLoop.newNetwork(3, NetworkSettings.of(new int[] {3}, Activation.TANH)), null};
        st.nets[0].setParams(s.elements().get(0).params());
        st.denseNorms = new double[][] {s.elements().get(0).denseNorms(), s.elements().get(1).denseNorms()};
        st.lambdaStart = s.lambdaStart();
        st.onsetPending = s.onsetPending();
        st.seconds = s.seconds();
        st.points = s.points();
        PathCheckpoint.write(g, fingerprint(), st, ELEMENTS);
        assertThat(Files.readString(g)).isEqualTo(Files.readString(f));
    }

    /** The message of reading {@code f} after replacing {@code from} by {@code to} in it. */
    /** Writes {@code text} with its checksum made anew (when it still parses as a JSON object). */
    static void resealed(Path f, String text) throws Exception {
        com.fasterxml.jackson.databind.JsonNode n;
        try {
            n = dev.sieve.core.Json.JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return;
        }
        if (n != null && n.isObject()) {
            Files.writeString(f, dev.sieve.core.Json.JSON_PRETTY.writeValueAsString(dev.sieve.core.JsonChecksum.seal(n)));
        }
    }

    @Test
    void anEditToAValidValueIsRefusedByTheChecksum(@TempDir Path tmp) throws Exception {
        Path f = written(tmp);
        String text = Files.readString(f);
        Files.writeString(f, text.replace("\"finished\" : false", "\"finished\" : true"));
        assertThatThrownBy(() -> PathCheckpoint.read(f, fingerprint(), ELEMENTS, CANDIDATES))
            .isInstanceOf(InputException.class).hasMessageContaining("does not match its checksum")
            .hasMessageContaining(f.toString());
    }

    static String failure(Path f, String from, String to) throws Exception {
        String text = Files.readString(f);
        assertThat(text).contains(from);
        String edited = text.replace(from, to);
        Files.writeString(f, edited);
        // an edit is refused by the checksum first; sealed again, the field's own check must name it
        assertThatThrownBy(() -> PathCheckpoint.read(f, fingerprint(), ELEMENTS, CANDIDATES))
            .isInstanceOf(InputException.class);
        resealed(f, edited);
        try {
            PathCheckpoint.read(f, fingerprint(), ELEMENTS, CANDIDATES);
        } catch (InputException e) {
            assertThat(e.getMessage()).doesNotContain("\n").contains(f.toString());
            return e.getMessage();
        } finally {
            Files.writeString(f, text);
        }
        throw new AssertionError("no InputException");
    }

    @Test
    void aMalformedStateNamesTheFileAndTheKey(@TempDir Path tmp) throws Exception {
        Path f = written(tmp);
        assertThat(failure(f, "\"lambda_start\" : 1.5E-4", "\"lambda_start\" : \"small\""))
            .contains("'lambda_start'", "must be a number", "'small'");
        assertThat(failure(f, "\"seconds\" : 12.5,", "")).contains("'seconds' is missing");
        assertThat(failure(f, "\"finished\" : false", "\"finished\" : 0")).contains("'finished'", "true or false");
        assertThat(failure(f, "\"dense_norms\"", "\"dense_norm\"")).contains("'dense_norms' is missing");
        assertThat(failure(f, "\"Cu\" : [ ]", "\"Cu\" : \"none\"")).contains("'features.Cu'", "must be a list");
        assertThat(failure(f, "\"fingerprint\" : {", "\"fingerprint\" : 3, \"x\" : {"))
            .contains("'fingerprint'", "object");
        assertThat(failure(f, "\"points\" : [", "\"points\" : 1, \"y\" : [")).contains("'points'", "must be a list");
        assertThat(failure(f, "\"format\" : \"sieve-select-state\"", "\"format\" : 1"))
            .contains("not a sieve select checkpoint");
        Files.writeString(f, "{\"format\": ");
        assertThatThrownBy(() -> PathCheckpoint.read(f, fingerprint(), ELEMENTS, CANDIDATES))
            .isInstanceOf(InputException.class).hasMessageContaining("cannot read checkpoint");
    }

    @Test
    void aMissingElementOrAnIndexOutOfRangeIsNamed(@TempDir Path tmp) throws Exception {
        Path f = written(tmp);
        assertThatThrownBy(() -> PathCheckpoint.read(f, fingerprint(), List.of("Al", "Cu", "Zn"),
            new int[] {5, 4, 3})).isInstanceOf(InputException.class).hasMessageContaining("'features.Zn' is missing");
        assertThatThrownBy(() -> PathCheckpoint.read(f, fingerprint(), ELEMENTS, new int[] {4, 4}))
            .isInstanceOf(InputException.class).hasMessageContaining("'features.Al'");
    }

    @Test
    void anotherSettingIsNotResumed(@TempDir Path tmp) {
        Path f = written(tmp);
        Map<String, String> now = fingerprint();
        now.put("gamma", "2.0");
        assertThatThrownBy(() -> PathCheckpoint.read(f, now, ELEMENTS, CANDIDATES))
            .isInstanceOf(SettingException.class)
            .hasMessageContaining("gamma differs from the checkpoint (now '2.0', checkpoint '1.0')");
    }
}
