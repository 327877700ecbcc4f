package dev.sieve.select;

import dev.sieve.core.AtomicFile;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code search/count-N.csv} of a path directory: every set that the search after the path refitted at count N, in
 * order, with its move, mean validation loss and energy RMSEs over the search's splits, whether it was kept, and the
 * seconds it took.
 */
final class SearchFile {
    private SearchFile() {}

    static final String DIR = "search";

    static Path file(Path out, int count) {
        return out.resolve(DIR).resolve("count-" + count + ".csv");
    }

    static void write(Path out, SetSearch.Result r) {
        StringBuilder sb = new StringBuilder("refit,move,set,val_loss,val_rmse_mev_atom,train_rmse_mev_atom,kept,"
            + "seconds\n");
        for (SetSearch.Evaluation e : r.evaluations()) {
            sb.append(e.number()).append(',').append(quote(e.move())).append(',').append(quote(e.set())).append(',')
                .append(String.format(Locale.ROOT, "%.8g,%.6f,%.6f,%s,%.2f", e.score(), e.valRmse(), e.trainRmse(),
                    e.number() == 1 || e.accepted() ? "yes" : "no", e.seconds())).append('\n');
        }
        AtomicFile.writeString(file(out, r.count()), sb.toString());
    }

    private static String quote(String s) {
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
