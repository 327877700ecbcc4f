package dev.sieve.select;

import dev.sieve.descriptor.SfSetFile;
import dev.sieve.descriptor.SymmetryFunctionSet;
import dev.sieve.nn.Scaling;
import dev.sieve.structure.Structure;
import dev.sieve.train.DataPreparation;
import dev.sieve.train.TrainConfig;
import dev.sieve.train.TrainingData;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The prepared data of a selection run (AGL path or baseline): the split, the candidates' features with constant
 * ones dropped, scalings and reference energies fitted on the training split, the loss scale and the L2 coefficient
 * in it; {@link #prepare} also writes {@code candidates.yaml}.
 *
 * @param trainIdx  training structures
 * @param valIdx    validation structures
 * @param full      features of all candidates (constant ones dropped)
 * @param cand      the candidates kept
 * @param scalings  per element
 * @param mu        per-element reference energies
 * @param lossScale factor on the data loss ({@link PathConfig#lossScale()}, or the mean squared atom count)
 * @param l2        L2 coefficient in the scaled objective
 * @param elements  the elements, in the networks' order
 */
record PathData(int[] trainIdx, int[] valIdx, TrainingData full, SymmetryFunctionSet cand, List<Scaling> scalings,
                double[] mu, double lossScale, double l2, List<String> elements) {

    static PathData prepare(List<Structure> all, SymmetryFunctionSet requested, PathConfig cfg, Path out,
                            PrintStream log) {
        TrainConfig tc = cfg.train();
        DataPreparation.Prepared prep = DataPreparation.prepare(all, null, null, requested, tc,
            DataPreparation.Constant.DROP, log);
        TrainingData full = prep.data();
        double lossScale = cfg.lossScale() > 0 ? cfg.lossScale() : prep.meanSquaredAtoms();
        PathData d = new PathData(prep.trainIdx(), prep.valIdx(), full, full.symmetryFunctions(), prep.scalings(),
            prep.atomEnergies(), lossScale, prep.l2Coefficient(tc.loss(), lossScale), full.elements());
        SfSetFile.write(out.resolve("candidates.yaml"), d.cand());
        return d;
    }
}
