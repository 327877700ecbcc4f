package dev.sieve.cli;

import dev.sieve.core.Json;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sieve.bench.CostBenchmark;
import dev.sieve.core.AtomicFile;
import dev.sieve.core.InputException;
import dev.sieve.core.SettingException;
import dev.sieve.descriptor.SymmetryFunctionSet;
import dev.sieve.io.ReadOptions;
import dev.sieve.io.StructureIO;
import dev.sieve.select.CostModel;
import dev.sieve.structure.Structure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The cost model a cost-aware selection path uses: measured once, kept in OUT/cost-model.json for a resume. */
final class CostModels {
    private CostModels() {}

    record Measured(CostModel.Params params, CostModel.Geometry geometry, double maxHeldOutError) {}

    static final String FILE = "cost-model.json";

    static Measured measuredOrSaved(Path cellFile, SymmetryFunctionSet set, Path out, boolean resume) {
        SettingException.require(cellFile != null, "cost-structure", "FILE is required with --cost-weight > 0");
        Path saved = out.resolve(FILE);
        ObjectMapper om = Json.JSON_PRETTY;
        if (resume && Files.isRegularFile(saved)) {
            try {
                return om.readValue(saved.toFile(), Measured.class);
            } catch (IOException e) {
                throw new InputException(saved + ": cannot read the saved cost model: " + dev.sieve.core.Messages.reason(e));
            }
        }
        if (resume && Files.isDirectory(out.resolve("checkpoint"))) {
            throw new InputException("--resume: " + saved + " is missing: it holds the cost model the path was started "
                + "with, and a new measurement would give another path; start a new run in another --out");
        }
        List<Structure> cells = StructureIO.readAll(cellFile, ReadOptions.DEFAULT);
        if (cells.isEmpty()) {
            throw new InputException("--cost-structure " + cellFile + ": no structure");
        }
        CostBenchmark.Result r = CostBenchmark.run(set, cells.get(0), new int[] {10, 10}, 16, 0.75, 20, 3, 1);
        Measured m = new Measured(r.fitted(), r.geometry(), r.maxHeldOutError());
        System.out.printf(Locale.ROOT, "cost model (force kernel on %s, %d atoms): %s; largest held-out deviation "
            + "%.0f %%%n", cellFile.getFileName(), cells.get(0).size(), r.fitted().named(), 100 * r.maxHeldOutError());
        try {
            Files.createDirectories(out);
            AtomicFile.writeString(saved, om.writeValueAsString(m) + "\n");
        } catch (IOException e) {
            throw AtomicFile.unchecked(e);
        }
        return m;
    }
}
