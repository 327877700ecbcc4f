package dev.sieve.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputGuardTest {

    @Test
    void realPathsOfMissingOutputsFollowSymlinksBeforeDotDot(@TempDir Path dir) throws Exception {
        Path deep = Files.createDirectories(dir.resolve("a").resolve("b"));
        Path link = Files.createSymbolicLink(dir.resolve("l"), deep);
        Path real = dir.toRealPath();
        assertThat(OutputGuard.real(link.resolve("..").resolve("x.xyz"))).isEqualTo(real.resolve("a").resolve("x.xyz"));
        assertThat(OutputGuard.real(dir.resolve("new").resolve("..").resolve("y"))).isEqualTo(real.resolve("y"));
        assertThat(OutputGuard.real(link.resolve("new").resolve("z"))).isEqualTo(deep.toRealPath().resolve("new/z"));
    }

    @Test
    void filesInsideInputDirectoriesCountOnlyWhenRead(@TempDir Path dir) throws Exception {
        Path model = Files.createDirectories(dir.resolve("m"));
        OutputGuard.Input in = OutputGuard.directory("--model", model, OutputGuard.MODEL_FILES);
        OutputGuard.requireFile("--out", model.resolve("pred.xyz"), in);
        assertThatThrownBy(() -> OutputGuard.requireFile("--out", model.resolve("weights.013.data"), in))
            .isInstanceOf(InputException.class).hasMessage("--out " + model.resolve("weights.013.data")
                + " would overwrite weights.013.data of the input --model " + model + "; choose another output");
        OutputGuard.requireDirectory("--out", dir, List.of("run.json"), in);
        assertThatThrownBy(() -> OutputGuard.requireDirectory("--out", dir, List.of("m"), in))
            .hasMessage("--out " + dir + " would overwrite the input --model " + model
                + "; choose another output directory");
        assertThat(OutputGuard.globQuote("a[1]{x}*.csv")).isEqualTo("a\\[1\\]\\{x\\}\\*.csv");
    }

    @Test
    void aSecondLockIsRefusedAndReleasingRemovesTheDirectoryItCreated(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("new").resolve("out");
        List<String> warnings = new ArrayList<>();
        try (OutputLock lock = OutputLock.directory("--out", out, "sieve test", warnings::add)) {
            assertThat(Files.readString(lock.lockFile())).startsWith("pid=" + ProcessHandle.current().pid() + "\n")
                .contains("\nhost=", "\nsince=", "\ncommand=sieve test\n");
            assertThatThrownBy(() -> OutputLock.directory("--out", out, "sieve other", warnings::add))
                .isInstanceOf(InputException.class).hasMessageContaining("is in use by another run (sieve test, PID "
                    + ProcessHandle.current().pid());
        }
        assertThat(dir.resolve("new")).doesNotExist();
        assertThat(warnings).isEmpty();
    }

    @Test
    void aLiveProcessThatStartedAtAnotherTimeHoldsNoLock(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(OutputLock.NAME), "pid=" + ProcessHandle.current().pid() + "\nhost="
            + OutputLock.hostName() + "\nsince=2020-01-01T00:00:00Z\nprocess_start=2020-01-01T00:00:00Z\n");
        List<String> warnings = new ArrayList<>();
        try (OutputLock lock = OutputLock.directory("--out", dir, "sieve test", warnings::add)) {
            assertThat(warnings).singleElement().asString().startsWith("--out " + dir + ": took over the stale lock");
        }
        assertThat(dir).isEmptyDirectory();
    }
}
