package dev.sieve.select;

import java.util.Map;

/**
 * One point of a regularization path (index 0 is the dense fit, lambda 0).
 *
 * @param index        0 for the dense fit, then 1, 2, ...
 * @param lambda       penalty strength
 * @param perElement   selected features per element
 * @param features     selected features in total
 * @param angular      how many of them are angular
 * @param glFeatures   features left after the group-lasso fit (before the adaptive fit)
 * @param trainLoss    training loss of the point's model (no L2, no penalty)
 * @param valLoss      validation loss
 * @param penalty      adaptive penalty of the point's model
 * @param valObjective validation loss + penalty (the selection criterion of the paper's Figure 2)
 * @param trainRmse    training energy RMSE, meV/atom
 * @param valRmse      validation energy RMSE, meV/atom
 * @param epochsGl     epochs of the group-lasso fit
 * @param epochsAgl    epochs of the adaptive fit
 * @param seconds      wall time of the point
 * @param setFile      the selected set (relative to the path directory)
 * @param modelDir     the model directory (relative), or null
 * @param kind         null (or {@value #PATH}) for a point of the path itself; {@value #SEARCH} for the set that the
 *                     refit-validated search chose at its count ({@link SetSearch}): then lambda is the start point's,
 *                     the losses and RMSEs are the search's refits' (mean over its splits; not comparable with the
 *                     penalised fits' losses), and {@code refit --choose count:N} prefers it at its count
 */
public record PathPoint(int index, double lambda, Map<String, Integer> perElement, int features, int angular,
                        int glFeatures, double trainLoss, double valLoss, double penalty, double valObjective,
                        double trainRmse, double valRmse, int epochsGl, int epochsAgl, double seconds, String setFile,
                        String modelDir, String kind) {
    public static final String PATH = "path";
    public static final String SEARCH = "search";

    /** Whether this is a set chosen by the search after the path (not a point of the path itself). */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isSearch() {
        return SEARCH.equals(kind);
    }
}
