package dev.sieve.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonViewTest {
    @TempDir
    Path tmp;

    private JsonView read(String json) throws Exception {
        Path f = tmp.resolve("x.json");
        Files.writeString(f, json);
        return JsonView.read(f);
    }

    @Test
    void valuesOfTheRightTypeAreRead() throws Exception {
        JsonView j = read("{\"n\": 3, \"d\": \"NaN\", \"s\": \"a\", \"b\": true, \"z\": null, "
            + "\"o\": {\"v\": [1, \"-Infinity\"]}, \"rows\": [{\"k\": 1}]}");
        assertThat(j.integer("n")).isEqualTo(3);
        assertThat(j.number("n")).isEqualTo(3.0);
        assertThat(j.number("d")).isNaN();
        assertThat(j.text("s")).isEqualTo("a");
        assertThat(j.bool("b")).isTrue();
        assertThat(j.numberOrNull("z")).isNull();
        assertThat(j.optionalNumber("absent")).isNull();
        assertThat(j.object("o").numbers("v")).containsExactly(1.0, Double.NEGATIVE_INFINITY);
        assertThat(j.objects("rows").get(0).integer("k")).isEqualTo(1);
        assertThat(j.keys()).containsExactly("n", "d", "s", "b", "z", "o", "rows");
    }

    @Test
    void aMissingKeyOrAnotherTypeIsOneLineNamingTheFileAndTheKeyPath() throws Exception {
        JsonView j = read("{\"n\": 3.5, \"o\": {\"v\": [1, \"x\"]}, \"rows\": [{\"k\": 1}, {}]}");
        String f = tmp.resolve("x.json").toString();
        assertThatThrownBy(() -> j.integer("n")).isInstanceOf(InputException.class)
            .hasMessage(f + ": key 'n' must be an integer, got '3.5'");
        assertThatThrownBy(() -> j.object("o").numbers("v")).hasMessage(f + ": key 'o.v[1]' must be a number, got 'x'");
        assertThatThrownBy(() -> j.objects("rows").get(1).integer("k")).hasMessage(f + ": key 'rows[1].k' is missing");
        assertThatThrownBy(() -> j.text("o")).hasMessage(f + ": key 'o' must be a string, got an object");
        assertThatThrownBy(() -> read("[1]")).hasMessage(f + ": not a JSON object");
        assertThatThrownBy(() -> read("{\"a\": ")).isInstanceOf(InputException.class).hasMessageStartingWith(f
            + ": not valid JSON").satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void checkpointValuesAreReadWithTheirRangesAndLengths() throws Exception {
        JsonView j = read("{\"e\": 4, \"w\": [[1, 2], [\"NaN\"]], \"f\": {\"Al\": [0, 2]}, "
            + "\"s\": {\"a\": \"1\"}, \"c\": [[1, null, 2.5]], \"p\": [{\"x\": 1}]}");
        assertThat(j.integer("e", 0, 4)).isEqualTo(4);
        double[][] w = {new double[2], new double[1]};
        j.numbers("w", w);
        assertThat(w[0]).containsExactly(1.0, 2.0);
        assertThat(w[1][0]).isNaN();
        assertThat(j.object("f").ints("Al")).containsExactly(0, 2);
        assertThat(j.object("s").textValues()).containsExactly(Map.entry("a", "1"));
        JsonView row = j.list("c").list(0);
        assertThat(row.size()).isEqualTo(3);
        assertThat(row.integer(0, 1, 1)).isEqualTo(1);
        assertThat(row.numberOrNull(1)).isNull();
        assertThat(row.numberOrNull(2)).isEqualTo(2.5);
        assertThat(j.list("p").as(new TypeReference<List<Map<String, Integer>>>() {})).containsExactly(Map.of("x", 1));
    }

    @Test
    void aCheckpointValueOutOfRangeOrOfAnotherLengthIsOneLineNamingTheKeyPath() throws Exception {
        JsonView j = read("{\"e\": 5, \"w\": [[1, 2], [3]], \"f\": {\"Al\": [0, 2.5], \"Cu\": \"none\"}, "
            + "\"s\": {\"a\": 1}, \"c\": [[1, \"x\"]], \"p\": [{\"x\": \"y\"}]}");
        String f = tmp.resolve("x.json").toString();
        assertThatThrownBy(() -> j.integer("e", 0, 4)).hasMessage(f + ": key 'e' must be between 0 and 4, got 5");
        double[][] w = {new double[2], new double[2]};
        assertThatThrownBy(() -> j.numbers("w", w)).hasMessage(f + ": key 'w[1]' has 1 numbers, expected 2");
        assertThat(w[0]).containsExactly(0.0, 0.0); // nothing filled in when a list does not fit
        assertThatThrownBy(() -> j.numbers("w", new double[3][])).hasMessage(f + ": key 'w' has 2 lists, expected 3");
        assertThatThrownBy(() -> j.object("f").ints("Al"))
            .hasMessage(f + ": key 'f.Al[1]' must be an integer, got '2.5'");
        assertThatThrownBy(() -> j.object("f").ints("Cu")).hasMessage(f + ": key 'f.Cu' must be a list, got 'none'");
        assertThatThrownBy(() -> j.object("f").ints("Zn")).hasMessage(f + ": key 'f.Zn' is missing");
        assertThatThrownBy(() -> j.object("s").textValues()).hasMessage(f + ": key 's.a' must be a string, got '1'");
        assertThatThrownBy(() -> j.list("c").list(0).numberOrNull(1))
            .hasMessage(f + ": key 'c[0][1]' must be a number, got 'x'");
        assertThatThrownBy(() -> j.list("c").list(0).integer(2, 0, 9)).hasMessage(f + ": key 'c[0][2]' is missing");
        assertThat(j.list("c").list(0).invalid("has 2 values, expected 9"))
            .hasMessage(f + ": key 'c[0]' has 2 values, expected 9");
        assertThatThrownBy(() -> j.list("p").as(new TypeReference<List<Map<String, Integer>>>() {}))
            .isInstanceOf(InputException.class).hasMessageStartingWith(f + ": key 'p' is malformed: ")
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
