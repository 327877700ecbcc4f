package dev.sieve.nn;

import dev.sieve.core.Messages;
import dev.sieve.core.InputException;
import dev.sieve.structure.Elements;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
        try {
            return parse(file.toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InputException(file.toString(), -1, "cannot read: " + e.getMessage(), e);
        }
    }

    /** Parses the lines of an {@code input.nn}; {@code name} is used in messages. */
    public static N2p2NetworkConfig parse(String name, List<String> lines) {
        Integer numElements = null;
        long numElementsLine = -1;
        List<String> elements = null;
        long elementsLine = -1;
        Integer hiddenLayers = null;
        long hiddenLine = -1;
        int[] nodes = null;
        long nodesLine = -1;
        List<Activation> acts = null;
        long actsLine = -1;
        boolean scale = false;
        boolean center = false;
        boolean sigma = false;
        double smin = 0.0;
        double smax = 1.0;
        boolean normalizeNodes = false;
        Map<String, Double> atomEnergies = new LinkedHashMap<>();
        Map<String, Long> atomEnergyLines = new LinkedHashMap<>();
        Double mean = null;
        Double convE = null;
        Double convL = null;
        long ln = 0;
        for (String raw : lines) {
            ln++;
            int hash = raw.indexOf('#');
            String t = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
            if (t.isEmpty()) {
                continue;
            }
            String[] f = t.split("\\s+");
            String key = f[0];
            switch (key) {
                case "number_of_elements" -> {
                    need(f, 2, name, ln);
                    numElements = parseInt(f[1], name, ln, key);
                    numElementsLine = ln;
                }
                case "elements" -> {
                    need(f, 2, name, ln);
                    elements = new ArrayList<>(Arrays.asList(f).subList(1, f.length));
                    for (String el : elements) {
                        if (!Elements.isSymbol(el)) {
                            throw new InputException(name, ln, "unknown element symbol " + Messages.quote(el));
                        }
                    }
                    if (elements.stream().distinct().count() != elements.size()) {
                        throw new InputException(name, ln, "element listed twice in " + Messages.quote(t));
                    }
                    elementsLine = ln;
                }
                case "global_hidden_layers_short" -> {
                    need(f, 2, name, ln);
                    hiddenLayers = parseInt(f[1], name, ln, key);
                    if (hiddenLayers < 1) {
                        throw new InputException(name, ln, key + " must be at least 1, got " + hiddenLayers);
                    }
                    hiddenLine = ln;
                }
                case "global_nodes_short" -> {
                    need(f, 2, name, ln);
                    nodes = new int[f.length - 1];
                    for (int k = 1; k < f.length; k++) {
                        nodes[k - 1] = parseInt(f[k], name, ln, key);
                        if (nodes[k - 1] < 1) {
                            throw new InputException(name, ln, key + ": node count must be positive, got " + f[k]);
                        }
                    }
                    nodesLine = ln;
                }
                case "global_activation_short" -> {
                    need(f, 2, name, ln);
                    acts = new ArrayList<>();
                    for (int k = 1; k < f.length; k++) {
                        if (f[k].length() != 1) {
                            throw new InputException(name, ln, key + ": activation " + Messages.quote(f[k]) + " is not a single letter");
                        }
                        try {
                            acts.add(Activation.ofLetter(f[k].charAt(0)));
                        } catch (IllegalArgumentException e) {
                            throw new InputException(name, ln, key + ": " + e.getMessage());
                        }
                    }
                    actsLine = ln;
                }
                case "scale_symmetry_functions" -> scale = true;
                case "center_symmetry_functions" -> center = true;
                case "scale_symmetry_functions_sigma" -> sigma = true;
                case "scale_min_short" -> {
                    need(f, 2, name, ln);
                    smin = parseDouble(f[1], name, ln, key);
                }
                case "scale_max_short" -> {
                    need(f, 2, name, ln);
                    smax = parseDouble(f[1], name, ln, key);
                }
                case "normalize_nodes" -> normalizeNodes = true;
                case "atom_energy" -> {
                    need(f, 3, name, ln);
                    if (atomEnergies.containsKey(f[1])) {
                        throw new InputException(name, ln, "atom_energy for " + f[1] + " given twice (first on line "
                                + atomEnergyLines.get(f[1]) + ")");
                    }
                    atomEnergies.put(f[1], parseDouble(f[2], name, ln, key));
                    atomEnergyLines.put(f[1], ln);
                }
                case "mean_energy" -> {
                    need(f, 2, name, ln);
                    mean = parseDouble(f[1], name, ln, key);
                }
                case "conv_energy" -> {
                    need(f, 2, name, ln);
                    convE = parseDouble(f[1], name, ln, key);
                    if (!(convE > 0)) {
                        throw new InputException(name, ln, "conv_energy must be positive, got " + f[1]);
                    }
                }
                case "conv_length" -> {
                    need(f, 2, name, ln);
                    convL = parseDouble(f[1], name, ln, key);
                    if (!(convL > 0)) {
                        throw new InputException(name, ln, "conv_length must be positive, got " + f[1]);
                    }
                }
                default -> {
                    // symfunction_short, training keywords, ...: not ours
                }
            }
        }
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
        for (String el : atomEnergies.keySet()) {
            if (!elements.contains(el)) {
                throw new InputException(name, atomEnergyLines.get(el), "atom_energy for element " + el
                        + ", which is not in 'elements'");
            }
        }
        ScalingMode mode;
        if (sigma) {
            mode = ScalingMode.SIGMA;
        } else if (scale && center) {
            mode = ScalingMode.SCALE_CENTER;
        } else if (scale) {
            mode = ScalingMode.MINMAX;
        } else if (center) {
            mode = ScalingMode.CENTER;
        } else {
            mode = ScalingMode.NONE;
        }
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

    private static void need(String[] f, int n, String name, long ln) {
        if (f.length < n) {
            throw new InputException(name, ln, "keyword " + f[0] + " needs " + (n - 1) + " value(s)");
        }
    }

    private static int parseInt(String s, String name, long ln, String key) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new InputException(name, ln, key + ": " + Messages.quote(s) + " is not an integer");
        }
    }

    private static double parseDouble(String s, String name, long ln, String key) {
        return ScalingFile.parseDouble(s, name, ln, key);
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
