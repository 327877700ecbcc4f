package dev.sieve.nn;

import dev.sieve.core.InputException;
import dev.sieve.structure.Elements;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The network part of an n2p2 potential directory: the {@code input.nn} settings, one {@link Scaling} and one
 * {@link Network} per element, in atomic-number order (index e = e_index - 1 of {@code scaling.data}). The number of
 * inputs of each network is the number of features of its element in {@code scaling.data}.
 */
record N2p2NetworkModel(N2p2NetworkConfig config, List<Scaling> scalings, List<Network> networks) {

    public N2p2NetworkModel {
        scalings = List.copyOf(scalings);
        networks = List.copyOf(networks);
        int ne = config.elements().size();
        if (scalings.size() != ne || networks.size() != ne) {
            throw new IllegalArgumentException(ne + " elements but " + scalings.size() + " scalings and "
                    + networks.size() + " networks");
        }
        for (int e = 0; e < ne; e++) {
            if (scalings.get(e).numFeatures() != networks.get(e).numInputs()) {
                throw new IllegalArgumentException("element " + config.elements().get(e) + ": " + scalings.get(e).numFeatures()
                        + " scaled features but the network has " + networks.get(e).numInputs() + " inputs");
            }
        }
    }

    /** Reads {@code input.nn}, {@code scaling.data} and {@code weights.ZZZ.data} from {@code dir}. */
    public static N2p2NetworkModel read(Path dir) {
        return read(dir, null);
    }

    /**
     * As {@link #read(Path)}, checking {@code scaling.data} against the number of functions per element that
     * {@code input.nn} defines ({@code expectedInputs}, -1 = unknown; null = no check) before the weights are read,
     * so that a short or long scaling file is reported as such.
     */
    public static N2p2NetworkModel read(Path dir, java.util.function.ToIntFunction<String> expectedInputs) {
        N2p2NetworkConfig cfg = N2p2NetworkConfig.read(dir.resolve("input.nn"));
        Path sfile = dir.resolve("scaling.data");
        if (!Files.exists(sfile) && cfg.scalingMode() == ScalingMode.NONE) {
            throw new InputException(sfile.toString(), -1, "missing: the number of network inputs per element is taken"
                    + " from scaling.data");
        }
        List<FeatureStatistics> stats = ScalingFile.read(sfile);
        if (stats.size() != cfg.elements().size()) {
            throw new InputException(sfile.toString(), -1, "has statistics for " + stats.size() + " element(s), input.nn lists "
                    + cfg.elements().size() + " " + cfg.elements());
        }
        List<Scaling> sc = new ArrayList<>();
        List<Network> nets = new ArrayList<>();
        for (int e = 0; e < stats.size(); e++) {
            String el = cfg.elements().get(e);
            FeatureStatistics st = stats.get(e);
            int want = expectedInputs == null ? -1 : expectedInputs.applyAsInt(el);
            if (want >= 0 && want != st.numFeatures()) {
                throw new InputException(sfile.toString(), -1, "has " + st.numFeatures() + " functions for " + el
                        + ", input.nn defines " + want);
            }
            Scaling s;
            try {
                s = cfg.scalingMode() == ScalingMode.NONE ? Scaling.identity(el, st.numFeatures())
                        : new Scaling(el, cfg.scalingMode(), cfg.scaleMin(), cfg.scaleMax(), st);
            } catch (ConstantFeatureException ex) {
                throw new InputException(sfile.toString(), -1, ex.getMessage(), ex);
            }
            sc.add(s);
            Network net = cfg.newNetwork(st.numFeatures());
            WeightsFile.readInto(dir.resolve(WeightsFile.fileName(Elements.atomicNumber(el))), net);
            nets.add(net);
        }
        return new N2p2NetworkModel(cfg, sc, nets);
    }

    /**
     * Writes {@code scaling.data} and one {@code weights.ZZZ.data} per element into {@code dir} (atomically, file by
     * file). {@code input.nn}, which also holds the symmetry functions, is written by the exporter.
     */
    public void writeScalingAndWeights(Path dir) {
        List<FeatureStatistics> stats = new ArrayList<>();
        for (Scaling s : scalings) {
            if (s.statistics() == null) {
                throw new IllegalStateException("element " + s.element() + " has no feature statistics to write");
            }
            stats.add(s.statistics());
        }
        ScalingFile.write(dir.resolve("scaling.data"), stats);
        for (int e = 0; e < networks.size(); e++) {
            WeightsFile.write(dir.resolve(WeightsFile.fileName(Elements.atomicNumber(config.elements().get(e)))),
                    networks.get(e));
        }
    }

    /** Element index (atomic-number order) of {@code symbol}; IllegalArgumentException if absent. */
    public int elementIndex(String symbol) {
        int e = config.elementIndex(symbol);
        if (e < 0) {
            throw new IllegalArgumentException("element " + symbol + " is not part of the potential " + config.elements());
        }
        return e;
    }
}
