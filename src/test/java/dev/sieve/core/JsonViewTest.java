package dev.sieve.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
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
        assertThatThrownBy(() -> j.objects("rows").get(1).integer("k")).hasMessage(f + ": missing key 'rows[1].k'");
        assertThatThrownBy(() -> j.text("o")).hasMessage(f + ": key 'o' must be a string, got an object");
        assertThatThrownBy(() -> read("[1]")).hasMessage(f + ": not a JSON object");
        assertThatThrownBy(() -> read("{\"a\": ")).isInstanceOf(InputException.class).hasMessageStartingWith(f
            + ": not valid JSON").satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
