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
 */
public record PathPoint(int index, double lambda, Map<String, Integer> perElement, int features, int angular,
                        int glFeatures, double trainLoss, double valLoss, double penalty, double valObjective,
                        double trainRmse, double valRmse, int epochsGl, int epochsAgl, double seconds, String setFile,
                        String modelDir) {}
