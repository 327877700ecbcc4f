package dev.sieve.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.sieve.descriptor.SfSpec;
import dev.sieve.descriptor.SymmetryFunctionSet;
import dev.sieve.core.InputException;
import dev.sieve.io.ReadOptions;
import dev.sieve.io.StructureIO;
import dev.sieve.nn.Activation;
import dev.sieve.nn.ScalingMode;
import dev.sieve.report.RunInfo;
import dev.sieve.structure.Structure;
import dev.sieve.train.LrSchedule;
import dev.sieve.train.Optimizer;
import dev.sieve.train.TrainConfig;
import dev.sieve.train.TrainJob;
import dev.sieve.train.TrainingData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sieve train}: trains an HDNNP on energies (and optionally forces). */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Trains a Behler-Parrinello neural network potential (one network per element) on total energies "
        + "and optionally forces, and writes it to --out as an n2p2 potential directory (input.nn, scaling.data, "
        + "weights.ZZZ.data, lammps.in) plus learning_curve.csv/.png/.svg, metrics.json and run.json.",
        "Loss: mean over structures of the squared per-atom energy error + beta * mean squared force-component error "
            + "+ l2 * sum of squared weights (not first-layer weights and biases unless --l2-all).",
        "Symmetry functions are computed once; features are scaled with statistics of the training split only. "
            + "Per-element reference energies are fitted by least squares on the training split (E ~ sum_e n_e mu_e, "
            + "weighted per atom like the loss), subtracted before training and stored as atom_energy in the model, "
            + "so the model predicts raw total energies (--no-energy-offset to train on raw energies).",
        "The best weights by validation loss are kept. With the same seed and --threads the weights are "
            + "bit-identical; --resume continues from OUT/checkpoint exactly as an uninterrupted run.",
        "Every option can also be given as a key (without --) in a --config YAML/JSON file; the command line wins."})
public final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML or JSON file with options as keys, e.g. "
        + "'hidden: 10,10' or 'forces: 0.1' (list values may be YAML lists); command-line options override it.")
    Path config;

    @Option(names = "--data", paramLabel = "FILE", description = "Training structures with energies (and forces), "
        + "any supported format. Required.")
    Path data;

    @Option(names = "--validation", paramLabel = "FILE", description = "Validation structures (instead of a random "
        + "split of --data).")
    Path validation;

    @Option(names = "--test", paramLabel = "FILE", description = "Test structures, evaluated once at the end.")
    Path test;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory. Required.")
    Path out;

    @Option(names = "--sf", defaultValue = "thesis22", paramLabel = "SPEC",
        description = "Symmetry-function set (default ${DEFAULT-VALUE}): " + SfSpec.FORMS + ".")
    String sf;

    @Option(names = "--hidden", defaultValue = "10,10", split = ",", paramLabel = "N[,N...]",
        description = "Hidden layer widths (default ${DEFAULT-VALUE}).")
    List<Integer> hidden;

    @Option(names = "--activation", defaultValue = "tanh", split = ",", paramLabel = "A[,A...]",
        description = "Hidden activation(s): one for all layers or one per layer; names (tanh, logistic, softplus, "
            + "relu, gaussian, cos, exp, harmonic, identity, leaky_relu) or n2p2 letters (t s p r g c S e h l L). "
            + "The output layer is linear. Default ${DEFAULT-VALUE}.")
    List<String> activation;

    @Option(names = "--forces", defaultValue = "0", paramLabel = "BETA",
        description = "Weight of the force term (mean squared force-component error, (eV/Å)^2, against the per-atom "
            + "energy error in (eV/atom)^2); 0 = energies only (default ${DEFAULT-VALUE}).")
    double forces;

    @Option(names = "--force-atoms", defaultValue = "" + TrainingData.DEFAULT_FORCE_ATOMS, paramLabel = "N",
        description = "Force training uses the forces on N atoms per structure: all atoms of a structure with at most "
            + "N atoms, else N atoms drawn once with the seed. Only their SF derivatives are kept in memory "
            + "(single precision, about N x (neighbours+1) x SFs x 12 bytes per structure). Default ${DEFAULT-VALUE}.")
    int forceAtoms;

    @Option(names = "--epochs", defaultValue = "1000", paramLabel = "N", description = "Maximum epochs (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch", defaultValue = "64", paramLabel = "N", description = "Structures per mini-batch (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--optimizer", defaultValue = "adam", paramLabel = "adam|sgd", description = "Optimiser: adam or sgd (with --momentum); default ${DEFAULT-VALUE}.")
    String optimizer;

    @Option(names = "--lr", defaultValue = "0.01", paramLabel = "LR", description = "Initial learning rate (default ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--momentum", defaultValue = "0.9", paramLabel = "MU", description = "SGD momentum (default ${DEFAULT-VALUE}).")
    double momentum;

    @Option(names = "--schedule", defaultValue = "step", paramLabel = "KIND",
        description = "Learning-rate schedule: constant; step (x --lr-factor every --lr-every epochs, not below "
            + "--lr-min); exp (x --lr-gamma per epoch, not below --lr-min); cosine (annealing to --lr-min with warm "
            + "restarts every --restart-period epochs, periods growing by --restart-mult). Default ${DEFAULT-VALUE} "
            + "(the thesis: 0.01 halved every 100 epochs down to 1e-4).")
    String schedule;

    @Option(names = "--lr-factor", defaultValue = "0.5", paramLabel = "F", description = "Step schedule factor (default ${DEFAULT-VALUE}).")
    double lrFactor;

    @Option(names = "--lr-every", defaultValue = "100", paramLabel = "K", description = "Step schedule interval in epochs (default ${DEFAULT-VALUE}).")
    int lrEvery;

    @Option(names = "--lr-min", defaultValue = "1e-4", paramLabel = "LR", description = "Floor of the step/exp schedules, minimum of cosine (default ${DEFAULT-VALUE}).")
    double lrMin;

    @Option(names = "--lr-gamma", defaultValue = "0.99", paramLabel = "G", description = "Exp schedule factor per epoch (default ${DEFAULT-VALUE}).")
    double lrGamma;

    @Option(names = "--restart-period", defaultValue = "100", paramLabel = "T", description = "Cosine schedule: first period in epochs (default ${DEFAULT-VALUE}).")
    int restartPeriod;

    @Option(names = "--restart-mult", defaultValue = "1", paramLabel = "M", description = "Cosine schedule: period multiplier after each restart (default ${DEFAULT-VALUE}).")
    double restartMult;

    @Option(names = "--l2", defaultValue = "1e-5", paramLabel = "C", description = "L2 coefficient (default ${DEFAULT-VALUE}).")
    double l2;

    @Option(names = "--l2-all", description = "Apply L2 to all parameters (default: not to first-layer weights and biases).")
    boolean l2All;

    @Option(names = "--min-delta", defaultValue = "1e-5", paramLabel = "D",
        description = "Early stopping: the validation loss must improve by more than D (in loss units) to reset "
            + "the patience (default ${DEFAULT-VALUE}).")
    double minDelta;

    @Option(names = "--patience", defaultValue = "50", paramLabel = "N", description = "Early stopping patience in epochs; 0 = never stop early (default ${DEFAULT-VALUE}).")
    int patience;

    @Option(names = "--split", defaultValue = "0.8", paramLabel = "F", description = "Training fraction of the random split of --data (default ${DEFAULT-VALUE}).")
    double split;

    @Option(names = "--scaling", defaultValue = "minmax", paramLabel = "MODE",
        description = "Feature scaling fitted on the training split: minmax (n2p2 scale, to [--scale-min, --scale-max]), "
            + "standardize ((G-mean)/sigma), center, scalecenter, sigma (n2p2 modes), none. Default ${DEFAULT-VALUE}.")
    String scaling;

    @Option(names = "--scale-min", defaultValue = "-1", paramLabel = "S", description = "S_min (default ${DEFAULT-VALUE}).")
    double scaleMin;

    @Option(names = "--scale-max", defaultValue = "1", paramLabel = "S", description = "S_max (default ${DEFAULT-VALUE}).")
    double scaleMax;

    @Option(names = "--drop-constant", description = "Drop symmetry functions that are constant on the training split "
        + "(they are listed) instead of stopping with an error.")
    boolean dropConstant;

    @Option(names = "--no-energy-offset", description = "Do not subtract fitted per-element reference energies.")
    boolean noEnergyOffset;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed of the split, initial weights, force atoms and batch order (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", defaultValue = "1", paramLabel = "N", description = "Threads (default ${DEFAULT-VALUE}); results depend on it only through the order of floating-point sums.")
    int threads;

    @Option(names = "--checkpoint-every", defaultValue = "10", paramLabel = "K", description = "Write OUT/checkpoint every K epochs, and at the end; 0 = only at the end (default ${DEFAULT-VALUE}).")
    int checkpointEvery;

    @Option(names = "--resume", description = "Continue from OUT/checkpoint (same data and options; --epochs may grow).")
    boolean resume;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Mixin
    ReadOptionsMixin readOptions;

    @Override
    public Integer call() {
        if (config != null) {
            return withConfig();
        }
        if (data == null) {
            throw new InputException("--data FILE is required (on the command line or in --config)");
        }
        if (out == null) {
            throw new InputException("--out DIR is required (on the command line or in --config)");
        }
        TrainConfig cfg = toConfig();
        ReadOptions ro = readOptions.toReadOptions();
        List<Structure> d = read(data, ro);
        List<Structure> v = validation == null ? null : read(validation, ro);
        List<Structure> t = test == null ? null : read(test, ro);
        LinkedHashSet<String> els = new LinkedHashSet<>();
        for (Structure s : d) {
            els.addAll(s.distinctElements());
        }
        SymmetryFunctionSet set = SfSpec.resolve(sf, new ArrayList<>(els));
        RunInfo run = new RunInfo("train", spec.commandLine().getParseResult() == null ? List.of()
            : spec.commandLine().getParseResult().originalArgs());
        run.option("data", data.toString()).option("validation", validation == null ? null : validation.toString())
            .option("test", test == null ? null : test.toString()).option("sf", sf);
        TrainJob.run(new TrainJob.Inputs(d, v, t, set), cfg, out, resume, quiet, run, System.out);
        return 0;
    }

    private static List<Structure> read(Path p, ReadOptions ro) {
        List<Structure> l = StructureIO.readAll(p, ro);
        if (l.isEmpty()) {
            throw new InputException(p + ": no structures");
        }
        return l;
    }

    TrainConfig toConfig() {
        if (hidden.isEmpty()) {
            throw new InputException("--hidden needs at least one layer width");
        }
        int[] h = hidden.stream().mapToInt(Integer::intValue).toArray();
        List<Activation> acts = new ArrayList<>();
        if (activation.size() == 1) {
            Activation a = parseActivation(activation.get(0));
            for (int i = 0; i < h.length; i++) {
                acts.add(a);
            }
        } else if (activation.size() == h.length) {
            for (String s : activation) {
                acts.add(parseActivation(s));
            }
        } else {
            throw new InputException("--activation gives " + activation.size() + " activations " + activation + " for "
                + h.length + " hidden layers; give one or one per layer");
        }
        LrSchedule sched = new LrSchedule(LrSchedule.parseKind(schedule), lr, lrMin, lrFactor, lrEvery, lrGamma,
            restartPeriod, restartMult);
        return new TrainConfig(h, acts, parseScaling(scaling), scaleMin, scaleMax, dropConstant, !noEnergyOffset,
            forces, forceAtoms, split, epochs, batch, Optimizer.parseKind(optimizer), momentum, sched, l2, l2All,
            minDelta, patience, seed, threads, checkpointEvery);
    }

    static Activation parseActivation(String s) {
        String t = s.strip();
        if (t.length() == 1) {
            try {
                return Activation.ofLetter(t.charAt(0));
            } catch (IllegalArgumentException e) {
                throw new InputException("--activation: " + e.getMessage());
            }
        }
        return switch (t.toLowerCase(Locale.ROOT)) {
            case "tanh" -> Activation.TANH;
            case "logistic", "sigmoid" -> Activation.LOGISTIC;
            case "softplus" -> Activation.SOFTPLUS;
            case "relu" -> Activation.RELU;
            case "gaussian" -> Activation.GAUSSIAN;
            case "cos" -> Activation.COS;
            case "exp" -> Activation.EXP;
            case "harmonic" -> Activation.HARMONIC;
            case "identity", "linear" -> Activation.IDENTITY;
            case "leaky_relu", "leakyrelu" -> Activation.LEAKY_RELU;
            case "revlogistic" -> Activation.REVLOGISTIC;
            default -> throw new InputException("unknown --activation '" + s + "'; expected tanh, logistic, softplus, "
                + "relu, gaussian, cos, exp, harmonic, identity, leaky_relu or an n2p2 letter");
        };
    }

    static ScalingMode parseScaling(String s) {
        return switch (s.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "")) {
            case "minmax", "scale" -> ScalingMode.MINMAX;
            case "standardize", "standardise" -> ScalingMode.STANDARDIZE;
            case "center" -> ScalingMode.CENTER;
            case "scalecenter" -> ScalingMode.SCALE_CENTER;
            case "sigma" -> ScalingMode.SIGMA;
            case "none" -> ScalingMode.NONE;
            default -> throw new InputException("unknown --scaling '" + s + "'; expected minmax, standardize, center, "
                + "scalecenter, sigma or none");
        };
    }

    /** Re-parses with the config file's options first and the command line after them (the command line wins). */
    private Integer withConfig() {
        JsonNode root;
        String name = config.getFileName() == null ? "" : config.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!Files.isRegularFile(config)) {
            throw new InputException("--config " + config + ": no such file");
        }
        try {
            ObjectMapper om = name.endsWith(".json") ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
            root = om.readTree(config.toFile());
        } catch (IOException e) {
            throw new InputException("--config " + config + ": " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isObject()) {
            throw new InputException("--config " + config + ": expected a mapping of option names to values");
        }
        List<String> args = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String key = f.getKey().startsWith("--") ? f.getKey() : "--" + f.getKey();
            OptionSpec o = spec.findOption(key);
            if (o == null || key.equals("--config") || key.equals("--help") || key.equals("--version")) {
                throw new InputException("--config " + config + ": unknown option '" + f.getKey() + "'");
            }
            JsonNode v = f.getValue();
            if (o.arity().max() == 0) {
                if (!v.isBoolean()) {
                    throw new InputException("--config " + config + ": option '" + f.getKey() + "' is a flag; give "
                        + "true or false, got " + v);
                }
                if (v.booleanValue()) {
                    args.add(key);
                }
                continue;
            }
            String value;
            if (v.isArray()) {
                List<String> parts = new ArrayList<>();
                v.forEach(x -> parts.add(x.asText()));
                value = String.join(",", parts);
            } else if (v.isValueNode()) {
                value = v.asText();
            } else {
                throw new InputException("--config " + config + ": option '" + f.getKey() + "' needs a value or a list, "
                    + "got " + v);
            }
            args.add(key);
            args.add(value);
        }
        List<String> cli = spec.commandLine().getParseResult().originalArgs();
        if (spec.commandLine().getParent() != null) {
            // originalArgs starts with the parent command's arguments; keep those after this subcommand's name
            cli = cli.subList(cli.indexOf(spec.name()) + 1, cli.size());
        }
        for (int i = 0; i < cli.size(); i++) {
            if (cli.get(i).equals("--config")) {
                i++;
                continue;
            }
            if (cli.get(i).startsWith("--config=")) {
                continue;
            }
            args.add(cli.get(i));
        }
        TrainCommand merged = new TrainCommand();
        CommandLine cl = new CommandLine(merged);
        cl.setOverwrittenOptionsAllowed(true);
        try {
            cl.parseArgs(args.toArray(new String[0]));
        } catch (CommandLine.ParameterException e) {
            throw new InputException("--config " + config + ": " + e.getMessage());
        }
        return merged.call();
    }
}
