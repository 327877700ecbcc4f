package dev.sieve.nn;

import dev.sieve.core.Messages;
import dev.sieve.core.InputException;
import dev.sieve.io.LineInput;
import dev.sieve.io.N2p2InputNn;
import dev.sieve.structure.Elements;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The network-related settings of an n2p2 {@code input.nn}. Keywords read: {@code number_of_elements},
 * {@code elements}, {@code global_hidden_layers_short}, {@code global_nodes_short}, {@code global_activation_short},
 * {@code scale_symmetry_functions}, {@code center_symmetry_functions}, {@code scale_symmetry_functions_sigma},
 * {@code scale_min_short}, {@code scale_max_short}, {@code normalize_nodes}, {@code atom_energy El E0},
 * {@code mean_energy}, {@code conv_energy}, {@code conv_length}. All other keywords (symmetry functions, training
 * settings) are ignored here. Text after {@code #} is a comment.
 *
 * @param elements         element symbols sorted by atomic number (n2p2's element index order: index 0 here is
 *                         e_index 1 in {@code scaling.data})
 * @param hiddenNodes      nodes of each hidden layer
 * @param activations      one per hidden layer plus the output layer
 * @param scalingMode      from the scale/center/sigma keywords (n2p2's rules: sigma wins; scale+center = SCALE_CENTER)
 * @param scaleMin         {@code scale_min_short} (default 0)
 * @param scaleMax         {@code scale_max_short} (default 1)
 * @param normalizeNodes   {@code normalize_nodes}
 * @param atomEnergies     {@code atom_energy} per element symbol (physical units; missing elements have 0)
 * @param meanEnergy       {@code mean_energy} (eV per atom; 0 if absent)
 * @param convEnergy       {@code conv_energy} (1 if absent)
 * @param convLength       {@code conv_length} (1 if absent)
 * @param normalized       true when {@code mean_energy}, {@code conv_energy} and {@code conv_length} are all given
 *                         (n2p2 then works in internal units: E_int = (E - N mean_energy) conv_energy)
 */
record N2p2NetworkConfig(
        List<String> elements,
        int[] hiddenNodes,
        List<Activation> activations,
        ScalingMode scalingMode,
        double scaleMin,
        double scaleMax,
        boolean normalizeNodes,
        Map<String, Double> atomEnergies,
        double meanEnergy,
        double convEnergy,
        double convLength,
        boolean normalized) {

    public N2p2NetworkConfig {
        elements = List.copyOf(elements);
        hiddenNodes = hiddenNodes.clone();
        activations = List.copyOf(activations);
        atomEnergies = Collections.unmodifiableMap(new LinkedHashMap<>(atomEnergies));
        if (activations.size() != hiddenNodes.length + 1) {
            throw new IllegalArgumentException(activations.size() + " activations for " + hiddenNodes.length
                    + " hidden layers (need one per hidden layer plus the output layer)");
        }
    }

    @Override
    public int[] hiddenNodes() {
        return hiddenNodes.clone();
    }

    /** 0-based element index (atomic-number order) of {@code symbol}, or -1. */
    public int elementIndex(String symbol) {
        return elements.indexOf(symbol);
    }

    /** A zero-parameter network of this topology for {@code numInputs} features. */
    public Network newNetwork(int numInputs) {
        return Network.of(numInputs, hiddenNodes, activations, normalizeNodes);
    }

    /** Physical atomic energy (eV) from the network output: output / conv_energy (plus nothing else). */
    public double physicalAtomicEnergy(double networkOutput) {
        return networkOutput / convEnergy;
    }

    /**
     * Physical total energy from the sum of network outputs of a structure with {@code numAtoms} atoms and the sum of
     * their {@code atom_energy} offsets: sum / conv_energy + N mean_energy + offsets.
     */
    public double physicalTotalEnergy(double sumOfOutputs, int numAtoms, double sumOfAtomEnergies) {
        return sumOfOutputs / convEnergy + numAtoms * meanEnergy + sumOfAtomEnergies;
    }

    /** Parses {@code input.nn}. */
    public static N2p2NetworkConfig read(Path file) {
        Parser p = new Parser(file.toString());
        N2p2InputNn.read(file, p::keyword);
        return p.build();
    }

    /** Parses the lines of an {@code input.nn}; {@code name} is used in messages. */
    public static N2p2NetworkConfig parse(String name, List<String> lines) {
        Parser p = new Parser(name);
        N2p2InputNn.read(name, lines, p::keyword);
        return p.build();
    }

    /** The keywords seen so far, with the line of each for messages. */
    private static final class Parser {
        private final String name;
        Integer numElements;
        long numElementsLine = -1;
        List<String> elements;
        long elementsLine = -1;
        Integer hiddenLayers;
        long hiddenLine = -1;
        int[] nodes;
        long nodesLine = -1;
        List<Activation> acts;
        long actsLine = -1;
        boolean scale;
        boolean center;
        boolean sigma;
        double smin = 0.0;
        double smax = 1.0;
        boolean normalizeNodes;
        final Map<String, Double> atomEnergies = new LinkedHashMap<>();
        final Map<String, Long> atomEnergyLines = new LinkedHashMap<>();
        Double mean;
        Double convE;
        Double convL;

        Parser(String name) {
            this.name = name;
        }

        void keyword(String key, LineInput in) {
            long ln = in.lineNo();
            switch (key) {
                case "number_of_elements" -> {
                    need(in, 2);
                    numElements = parseInt(in, 1, key);
                    numElementsLine = ln;
                }
                case "elements" -> elements(in);
                case "global_hidden_layers_short" -> {
                    need(in, 2);
                    hiddenLayers = parseInt(in, 1, key);
                    if (hiddenLayers < 1) {
                        throw in.error(key + " must be at least 1, got " + hiddenLayers);
                    }
                    hiddenLine = ln;
                }
                case "global_nodes_short" -> nodes(in, key);
                case "global_activation_short" -> activations(in, key);
                case "scale_symmetry_functions" -> scale = true;
                case "center_symmetry_functions" -> center = true;
                case "scale_symmetry_functions_sigma" -> sigma = true;
                case "scale_min_short" -> smin = value(in, key);
                case "scale_max_short" -> smax = value(in, key);
                case "normalize_nodes" -> normalizeNodes = true;
                case "atom_energy" -> atomEnergy(in, key);
                case "mean_energy" -> mean = value(in, key);
                case "conv_energy" -> convE = positive(in, key);
                case "conv_length" -> convL = positive(in, key);
                default -> {
                    // symfunction_short, training keywords, ...: not ours
                }
            }
        }

        private void elements(LineInput in) {
            need(in, 2);
            elements = new ArrayList<>(Arrays.asList(in.tokens()).subList(1, in.count()));
            for (String el : elements) {
                if (!Elements.isSymbol(el)) {
                    throw in.error("unknown element symbol " + Messages.quote(el));
                }
            }
            if (elements.stream().distinct().count() != elements.size()) {
                throw in.error("element listed twice in " + Messages.quote(in.rest(0)));
            }
            elementsLine = in.lineNo();
        }

        private void nodes(LineInput in, String key) {
            need(in, 2);
            nodes = new int[in.count() - 1];
            for (int k = 1; k < in.count(); k++) {
                nodes[k - 1] = parseInt(in, k, key);
                if (nodes[k - 1] < 1) {
                    throw in.error(key + ": node count must be positive, got " + in.token(k));
                }
            }
            nodesLine = in.lineNo();
        }

        private void activations(LineInput in, String key) {
            need(in, 2);
            acts = new ArrayList<>();
            for (int k = 1; k < in.count(); k++) {
                String a = in.token(k);
                if (a.length() != 1) {
                    throw in.error(key + ": activation " + Messages.quote(a) + " is not a single letter");
                }
                try {
                    acts.add(Activation.ofLetter(a.charAt(0)));
                } catch (IllegalArgumentException e) {
                    throw in.error(key + ": " + e.getMessage());
                }
            }
            actsLine = in.lineNo();
        }

        private void atomEnergy(LineInput in, String key) {
            need(in, 3);
            String el = in.token(1);
            if (atomEnergies.containsKey(el)) {
                throw in.error("atom_energy for " + el + " given twice (first on line " + atomEnergyLines.get(el) + ")");
            }
            atomEnergies.put(el, parseDouble(in, 2, key));
            atomEnergyLines.put(el, in.lineNo());
        }

        private static double value(LineInput in, String key) {
            need(in, 2);
            return parseDouble(in, 1, key);
        }

        private static double positive(LineInput in, String key) {
            double v = value(in, key);
            if (!(v > 0)) {
                throw in.error(key + " must be positive, got " + in.token(1));
            }
            return v;
        }

        N2p2NetworkConfig build() {
            checkTopology();
            for (String el : atomEnergies.keySet()) {
                if (!elements.contains(el)) {
                    throw new InputException(name, atomEnergyLines.get(el), "atom_energy for element " + el
                            + ", which is not in 'elements'");
                }
            }
            ScalingMode mode = scalingMode();
            if (mode != ScalingMode.NONE && mode != ScalingMode.CENTER && !(smax > smin)) {
                throw new InputException(name, -1, "scale_max_short (" + smax + ") must be larger than scale_min_short ("
                        + smin + ")");
            }
            boolean normalized = mean != null && convE != null && convL != null;
            List<String> sorted = new ArrayList<>(elements);
            sorted.sort(Comparator.comparingInt(Elements::atomicNumber));
            return new N2p2NetworkConfig(sorted, nodes, acts, mode, smin, smax, normalizeNodes, atomEnergies,
                    normalized ? mean : 0.0, normalized ? convE : 1.0, normalized ? convL : 1.0, normalized);
        }

        private void checkTopology() {
            if (elements == null) {
                throw new InputException(name, -1, "keyword 'elements' missing");
            }
            if (numElements != null && numElements != elements.size()) {
                throw new InputException(name, numElementsLine, "number_of_elements " + numElements + " but "
                        + elements.size() + " element(s) listed on line " + elementsLine);
            }
            if (nodes == null) {
                throw new InputException(name, -1, "keyword 'global_nodes_short' missing");
            }
            if (acts == null) {
                throw new InputException(name, -1, "keyword 'global_activation_short' missing");
            }
            if (hiddenLayers != null && hiddenLayers != nodes.length) {
                throw new InputException(name, nodesLine, "global_nodes_short lists " + nodes.length
                        + " layer(s), but global_hidden_layers_short (line " + hiddenLine + ") says " + hiddenLayers);
            }
            if (acts.size() != nodes.length + 1) {
                throw new InputException(name, actsLine, "global_activation_short needs " + (nodes.length + 1)
                        + " letters (one per hidden layer and one for the output layer), got " + acts.size());
            }
        }

        /** n2p2's rules: sigma wins; scale and center together are SCALE_CENTER. */
        private ScalingMode scalingMode() {
            if (sigma) {
                return ScalingMode.SIGMA;
            } else if (scale && center) {
                return ScalingMode.SCALE_CENTER;
            } else if (scale) {
                return ScalingMode.MINMAX;
            } else if (center) {
                return ScalingMode.CENTER;
            }
            return ScalingMode.NONE;
        }
    }

    private static void need(LineInput in, int n) {
        if (in.count() < n) {
            throw in.error("keyword " + in.token(0) + " needs " + (n - 1) + " value(s)");
        }
    }

    private static int parseInt(LineInput in, int i, String key) {
        String s = in.token(i);
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw in.error(key + ": " + Messages.quote(s) + " is not an integer");
        }
    }

    /** n2p2's number rules (Fortran {@code D} exponents accepted), as for {@code scaling.data}. */
    private static double parseDouble(LineInput in, int i, String key) {
        return ScalingFile.parseDouble(in.token(i), in.file(), in.lineNo(), key);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof N2p2NetworkConfig c && elements.equals(c.elements) && Arrays.equals(hiddenNodes, c.hiddenNodes)
                && activations.equals(c.activations) && scalingMode == c.scalingMode
                && Double.compare(scaleMin, c.scaleMin) == 0 && Double.compare(scaleMax, c.scaleMax) == 0
                && normalizeNodes == c.normalizeNodes && atomEnergies.equals(c.atomEnergies)
                && Double.compare(meanEnergy, c.meanEnergy) == 0 && Double.compare(convEnergy, c.convEnergy) == 0
                && Double.compare(convLength, c.convLength) == 0 && normalized == c.normalized;
    }

    @Override
    public int hashCode() {
        return elements.hashCode() * 31 + Arrays.hashCode(hiddenNodes) * 7 + activations.hashCode();
    }

    @Override
    public String toString() {
        return "N2p2NetworkConfig[elements=" + elements + ", hidden=" + Arrays.toString(hiddenNodes) + ", activations="
                + activations + ", scaling=" + scalingMode + " [" + scaleMin + ", " + scaleMax + "], normalizeNodes="
                + normalizeNodes + ", atomEnergies=" + atomEnergies + ", normalized=" + normalized + "]";
    }
}
