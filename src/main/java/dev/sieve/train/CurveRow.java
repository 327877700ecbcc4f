package dev.sieve.train;

/**
 * One epoch of the learning curve. Training values are means over the epoch's mini-batches (taken while the weights
 * change, as Keras reports them); validation values are exact, after the epoch.
 *
 * @param epoch          1-based epoch
 * @param lr             learning rate of the epoch
 * @param trainLoss      mean batch loss including L2
 * @param valLoss        validation loss (energy + beta force term, no L2): the early-stopping criterion
 * @param trainRmse      training energy RMSE, meV/atom
 * @param valRmse        validation energy RMSE, meV/atom
 * @param trainForceRmse training force RMSE over the force atoms, eV/Å (NaN without forces)
 * @param valForceRmse   validation force RMSE over the force atoms, eV/Å (NaN without forces)
 * @param seconds        wall time since the start of training (across resumes)
 */
public record CurveRow(int epoch, double lr, double trainLoss, double valLoss, double trainRmse, double valRmse,
                       double trainForceRmse, double valForceRmse, double seconds) {
}
