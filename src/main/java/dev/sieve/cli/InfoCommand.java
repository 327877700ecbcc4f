package dev.sieve.cli;

import dev.sieve.core.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.sieve.io.StructureIO;
import dev.sieve.io.StructureReader;
import dev.sieve.io.StructureStats;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sieve info FILE}: summary of a structure file. */
@Command(name = "info", mixinStandardHelpOptions = true,
    description = {"Summarise a structure file: number of structures and atoms, elements, cell sizes,",
        "volume per atom, energy range (total and per atom), forces, config types and temperatures."})
final class InfoCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "Structure file (any readable format, .gz too).")
    Path file;

    @Option(names = "--json", description = "Print the summary as JSON instead of text.")
    boolean json;

    @Mixin
    ReadOptionsMixin read;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws JsonProcessingException {
        StructureStats stats = new StructureStats();
        try (StructureReader r = StructureIO.open(file, read.toReadOptions())) {
            r.forEachRemaining(stats::add);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", file.toString());
            m.putAll(stats.toMap());
            out.println(Json.JSON_PRETTY.writeValueAsString(m));
        } else {
            out.println("file              " + file);
            out.print(stats.toText());
        }
        out.flush();
        return 0;
    }
}
