package dev.sieve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** docs/cli.md is the generated reference of the current command line, covering every command and option. */
class CliDocsTest {
    static final Path DOC = Path.of("docs", "cli.md");

    @Test
    void theReferenceIsUpToDate() throws Exception {
        assertThat(DOC).as("docs/cli.md; regenerate: java -cp target/sieve.jar dev.sieve.cli.CliDocs docs/cli.md")
            .isRegularFile();
        assertThat(Files.readString(DOC)).as("docs/cli.md is out of date; regenerate it with "
            + "java -cp target/sieve.jar dev.sieve.cli.CliDocs docs/cli.md").isEqualTo(CliDocs.markdown());
    }

    @Test
    void everyCommandAndOptionIsDocumented() {
        String doc = CliDocs.markdown();
        CommandLine root = new CommandLine(new Main());
        int options = 0;
        for (CommandLine c : root.getSubcommands().values()) {
            if (c.getCommandName().equals("help")) {
                continue;
            }
            assertThat(doc).contains("## sieve " + c.getCommandName() + "\n");
            for (CommandLine cmd : c.getSubcommands().isEmpty() ? java.util.List.of(c) : c.getSubcommands().values()) {
                for (OptionSpec o : cmd.getCommandSpec().options()) {
                    if (!o.hidden() && !o.usageHelp() && !o.versionHelp()) {
                        assertThat(doc).as(cmd.getCommandName()).contains("`" + String.join(", ", o.names()));
                        options++;
                    }
                }
            }
        }
        assertThat(options).isGreaterThan(250);
    }
}
