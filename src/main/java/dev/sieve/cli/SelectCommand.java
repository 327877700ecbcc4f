package dev.sieve.cli;

import dev.sieve.core.InputException;
import dev.sieve.core.OutputGuard;
import dev.sieve.core.OutputLock;
import dev.sieve.core.SettingException;
import dev.sieve.descriptor.SfSpec;
import dev.sieve.descriptor.SymmetryFunctionSet;
import dev.sieve.io.ReadOptions;
import dev.sieve.io.StructureIO;
import dev.sieve.select.BaselinePath;
import dev.sieve.select.FeatureCounts;
import dev.sieve.select.PathConfig;
import dev.sieve.select.PathFile;
import dev.sieve.select.SelectionMethods;
import dev.sieve.select.SelectionPath;
import dev.sieve.structure.Structure;
import dev.sieve.train.TrainConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sieve select}: the adaptive-group-lasso regularization path, or a baseline selection ({@code --method}). */
@Command(name = "select", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Selects symmetry functions by the adaptive group lasso (AGL) on the first-layer weight columns of "
        + "each element's network and writes the regularization path to --out.",
        "Penalty (lambda/D) sum_g a_g ||W0[:,g]||, applied by the group soft-threshold after every optimiser step: "
            + "W0[:,g] <- W0[:,g] max(0, 1 - lr lambda a_g / (D ||W0[:,g]||)); a_g = 1 (group lasso) or "
            + "1/||w_hat_g||^gamma (adaptive).",
        "Path: a dense fit (point 0), then for lambda_1 < lambda_2 < ... (automatic: from --lambda-start, "
            + "growing by --lambda-factor, faster while points remove nothing, and remade at smaller lambdas when a "
            + "point would remove more than --max-drop features; or --lambdas), warm-started: a group-lasso fit, removal of its zero "
            + "groups, adaptive weights from it (or from the dense fit), an adaptive fit, removal of its zero groups. "
            + "Fits stop early on the validation objective (validation loss + penalty) and keep their best state. "
            + "Removed features are dropped from the training data and the networks, so later points get faster.",
        "Outputs: path.csv, path.json, path.png/.svg (validation objective vs feature count), candidates.yaml, "
            + "points/pNNN/sf.yaml and points/pNNN/model/ (n2p2 potential) per point, checkpoint/, run.json. "
            + "A killed run continues with --resume to the same result (same seed and --threads).",
        "Baselines (--method, default agl): gl is the same path with all adaptive weights 1 (plain group lasso); "
            + "every-k, random, cur, fps, range, sensitivity and weights keep --counts features (total; split over "
            + "the elements in proportion to their candidates) by their own rule, after the same dense fit, and "
            + "refit each set without penalty for one --fit-epochs budget; their OUT has the same layout (no "
            + "checkpoint), so sieve refit reads it alike.",
        "Then: sieve refit --path OUT --choose knee ... (see sieve refit --help for the knee rule)."})
public final class SelectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "FILE", description = "Training structures with energies "
        + "(and forces); split into training and validation by --split.")
    Path data;

    @Option(names = "--sf", defaultValue = "thesis22", paramLabel = "SPEC",
        description = "Candidate symmetry functions (default ${DEFAULT-VALUE}): " + SfSpec.FORMS + ".")
    String sf;

    @Option(names = "--out", paramLabel = "DIR", description = "Path directory.")
    Path out;

    @Option(names = "--every", defaultValue = "1", paramLabel = "K", description = "Use every K-th structure of --data "
        + "(subsampling; default ${DEFAULT-VALUE}).")
    int every;

    @Option(names = "--limit", defaultValue = "0", paramLabel = "N", description = "Use at most N structures (after "
        + "--every); 0 = all (default).")
    int limit;

    @Option(names = "--method", defaultValue = "agl", paramLabel = "NAME",
        description = "Selection method (default ${DEFAULT-VALUE}): agl (adaptive group lasso path), gl (plain "
            + "group lasso path, --gamma 0), every-k (evenly spaced candidates in file order), random (seeded random "
            + "subsets), cur (greedy CUR column selection on the training feature matrix), fps (farthest point "
            + "sampling of the standardised feature columns), range (drop the smallest raw max-min ranges), "
            + "sensitivity (keep the largest mean |dE/dG| of the dense fit), weights (keep the largest first-layer "
            + "weight columns of the dense fit), drop-one (backward elimination on the dense fit: drop the candidate "
            + "whose input held at its mean changes the atomic energies least, one at a time).")
    String method;

    @Option(names = "--counts", split = ",", paramLabel = "N[,N...]",
        description = "Baseline methods: total feature counts of the sets, e.g. 64,32,16,8 (default: halving from "
            + "the candidate count down to 2). agl and gl: counts the automatic lambda sequence passes through (a "
            + "point that would remove features past one is remade at smaller lambdas, bisecting, up to 8 times), "
            + "so that refit's count:N finds exactly N.")
    List<Integer> counts;

    @Option(names = "--fit-epochs", defaultValue = "100", paramLabel = "N",
        description = "Maximum epochs of each penalised fit (group lasso and adaptive, per lambda; default "
            + "${DEFAULT-VALUE}).")
    int fitEpochs;

    @Option(names = "--fit-patience", defaultValue = "20", paramLabel = "N",
        description = "Early-stopping patience of each penalised fit, on the validation objective (default "
            + "${DEFAULT-VALUE}).")
    int fitPatience;

    @Option(names = "--lambdas", split = ",", paramLabel = "L[,L...]",
        description = "Explicit increasing lambda list; default: automatic. A lambda means something only with its "
            + "loss scale and D convention (--loss-scale, --penalty-d): the paper's 0.005 does not carry over as is.")
    List<Double> lambdas;

    @Option(names = "--lambda-factor", defaultValue = "1.05", paramLabel = "F",
        description = "Geometric growth of the automatic lambda sequence (default ${DEFAULT-VALUE}).")
    double lambdaFactor;

    @Option(names = "--lambda-start", defaultValue = "zero", paramLabel = "zero|onset|L",
        description = "How the automatic lambda sequence starts: zero (default) at --start-factor x lambda_zero, far "
            + "below where features go, after which the sequence accelerates (factor^2, ^4, ... up to 2 after points "
            + "that removed nothing); onset probes point 1 (a group-lasso and an "
            + "adaptive fit from the dense weights; steps of 10 from --start-factor x lambda_zero, then bisection to "
            + "within --lambda-factor) for the smallest lambda that removes a feature, and starts --onset-point - 1 "
            + "factors below it (fits that have not converged in --fit-epochs can make the path fall steeply "
            + "right after it); a number starts there.")
    String lambdaStart;

    @Option(names = "--penalty-d", defaultValue = "current", paramLabel = "current|candidates|none",
        description = "D in the penalty's lambda/D: the element's current feature count (default; lambda means the "
            + "same per feature however many are left), its candidate count (fixed D, the paper's formula) or none "
            + "(lambda alone, as the seed authors' code). Their code also uses the per-atom energy MSE: --loss-scale 1.")
    String penaltyD;

    @Option(names = "--max-drop", defaultValue = "0", paramLabel = "N",
        description = "The automatic sequence remakes a point at a smaller lambda (the geometric midpoint towards the "
            + "previous one) while it would remove more than N features, so a steep path still passes through the "
            + "counts in between; 0 = a tenth of the current count, at least 1 (default); negative = no limit.")
    int maxDrop;

    @Option(names = "--prox", defaultValue = "optimizer", paramLabel = "optimizer|plain",
        description = "The group soft-threshold's step: in the optimizer's metric (default: with Adam, threshold "
            + "lr lambda a_g / (D (sqrt(vhat) + eps)) averaged over the group, so a feature survives while its loss "
            + "gradient outweighs lambda a_g / D) or plain (lr lambda a_g / D, Sieve's earlier rule, under which "
            + "Adam's unit-size steps make features vanish all at once).")
    String prox;

    @Option(names = "--groups", defaultValue = "removed", paramLabel = "removed|revivable",
        description = "What happens to a feature whose weight column the penalty zeroes: removed for good (default; "
            + "the sets along the path are nested and later points get faster) or revivable (kept as a zero column "
            + "that the next point's group-lasso fit may bring back, as the seed authors' code does; sets need not be "
            + "nested, every fit runs on all candidates, and with --penalty-d current D is the candidate count).")
    String groups;

    @Option(names = "--triplet-weight", defaultValue = "0", paramLabel = "W",
        description = "Cost-aware: besides its columns, the block of all angular functions of an element that share "
            + "one triplet loop (one cutoff) is penalised as a group (sparse group lasso; adaptive like the columns), "
            + "with weight W x (the loop's measured cost / the mean marginal cost of a function) when --cost-structure "
            + "is given, else W x sqrt(block size); it lets the path drop a whole loop, which is what makes MD faster "
            + "(the first angular function of a cutoff carries the loop). 0 = off (default).")
    double tripletWeight;

    @Option(names = "--correlation-weight", defaultValue = "0", paramLabel = "K",
        description = "Correlation-aware AGL: adaptive weights times (1 + K m_g), m_g the largest |Pearson r| on the "
            + "training atoms between function g and a current function whose column is stronger, so that of two "
            + "near-copies the weaker goes first instead of both surviving (the paper's outlook; Chakraborty & Pal "
            + "2015). 0 = off (default).")
    double correlationWeight;

    @Option(names = "--cost-weight", defaultValue = "0", paramLabel = "BETA",
        description = "Cost-aware AGL: adaptive weights times (c_g / mean c)^BETA, c_g the marginal MD cost of "
            + "function g in the current set, measured in the force kernel on --cost-structure (sieve bench cost's "
            + "model: the last angular function of a cutoff carries its whole triplet loop); 0 = plain AGL (default).")
    double costWeight;

    @Option(names = "--cost-structure", paramLabel = "FILE",
        description = "Cell on which --cost-weight measures the kernel (e.g. a training structure of typical size).")
    Path costStructure;

    @Option(names = "--onset-point", defaultValue = "3", paramLabel = "K",
        description = "With --lambda-start onset: features start to vanish at about point K (default ${DEFAULT-VALUE}).")
    int onsetPoint;

    @Option(names = "--start-factor", defaultValue = "1e-6", paramLabel = "F",
        description = "lambda_zero is the smallest lambda at which one shrink step of the fits' initial learning rate "
            + "would zero a group of the dense weights; F x lambda_zero is where the onset search begins, and "
            + "lambda_start itself with --lambda-start zero (default ${DEFAULT-VALUE}; with Adam groups go far below "
            + "lambda_zero).")
    double startFactor;

    @Option(names = "--min-features", defaultValue = "0", paramLabel = "N",
        description = "Stop once at most N features are left in total; 0 = until some element has none (default).")
    int minFeatures;

    @Option(names = "--max-points", defaultValue = "400", paramLabel = "N",
        description = "At most N lambda points (default ${DEFAULT-VALUE}).")
    int maxPoints;

    @Option(names = "--gamma", defaultValue = "1", paramLabel = "G",
        description = "Adaptive weights a_g = 1/||w_hat_g||^G (default ${DEFAULT-VALUE}; 0: all 1, as --method gl).")
    double gamma;

    @Option(names = "--adaptive-from", defaultValue = "gl", paramLabel = "gl|dense",
        description = "w_hat from the group-lasso fit at the same lambda (gl, the paper) or from the dense fit "
            + "(default ${DEFAULT-VALUE}).")
    String adaptiveFrom;

    @Option(names = "--loss-scale", defaultValue = "0", paramLabel = "S",
        description = "Factor on the data loss in every fit of the path; 0 = the mean squared atom count of the "
            + "training structures, so that the energy term is the per-structure total-energy MSE in eV^2 as in the "
            + "paper's formula (exactly, for equal-size cells); 1 = the per-atom energy MSE, as the seed authors' "
            + "code. It sets the balance of loss and penalty in the validation objective (default ${DEFAULT-VALUE}).")
    double lossScale;

    @Option(names = "--no-models", description = "Do not write an n2p2 model directory per point.")
    boolean noModels;

    @Option(names = "--fit-lr", defaultValue = "0.001", paramLabel = "LR", description = "Initial learning rate of "
        + "every penalised fit (restarted per fit, halved every --lr-every epochs down to --lr-min; default "
        + "${DEFAULT-VALUE}). The prox step uses the same rate.")
    double fitLr;

    @Option(names = "--resume", description = "Continue the path in --out from its checkpoint.")
    boolean resume;

    @Option(names = "--stop-after", hidden = true, defaultValue = "-1", paramLabel = "N",
        description = "Testing: stop as if killed after N checkpointed points.")
    int stopAfter;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML or JSON file with options as keys (as in "
        + "sieve train); command-line options override it.")
    Path config;

    @Mixin
    TrainingOptions training;

    @Mixin
    ReadOptionsMixin readOptions;

    /** Set when this instance was parsed with the config file's options merged in. */
    private boolean merged;

    @Override
    public Integer call() throws Exception {
        if (config != null && !merged) {
            SelectCommand m = new SelectCommand();
            m.merged = true;
            return OptionSources.rerun(spec, OptionSources.readConfigFile(config), "--config " + config, true, m);
        }
        SettingException.require(data != null, "data", "FILE is required (on the command line or in a config file)");
        SettingException.require(out != null, "out", "DIR is required (on the command line or in a config file)");
        String m = checkMethod();
        PathConfig pc = toConfig(); // settings first: a bad value is reported before any data is read
        if (SelectionMethods.GL.equals(m)) {
            pc = pc.withAdaptive(0.0, pc.adaptiveFromDense());
        }
        OutputGuard.requireDirectory("--out", out, WRITES, OutputGuard.input("--data", data),
            OutputGuard.input("--config", config), OutputGuard.input("--cost-structure", costStructure),
            Outputs.sfSpec("--sf", sf));
        try (OutputLock lock = Outputs.lockDirectory("--out", out, spec)) {
            run(m, pc);
        }
        return 0;
    }

    /** The names select writes into --out. */
    static final List<String> WRITES = List.of("path.*", "candidates.yaml", "points", "checkpoint", "run.json",
        "cost-model.json", OutputLock.NAME);

    private void run(String m, PathConfig pc) {
        List<Structure> d = readSubset(data, readOptions.toReadOptions(), every, limit);
        LinkedHashSet<String> els = new LinkedHashSet<>();
        for (Structure s : d) {
            els.addAll(s.distinctElements());
        }
        SymmetryFunctionSet set = SfSpec.resolve(sf, new ArrayList<>(els));
        PathFile.Source source = new PathFile.Source(data.toAbsolutePath().normalize().toString(), every, limit,
            d.size(), sf);
        if (SelectionMethods.isPath(m)) {
            SelectionPath sp = new SelectionPath(d, set, pc, out, source, System.out);
            if (costWeight > 0 || tripletWeight > 0 && costStructure != null) {
                CostModels.Measured cm = CostModels.measuredOrSaved(costStructure, set, out, resume);
                sp.withCosts(cm.params(), cm.geometry());
            }
            sp.run(resume, stopAfter, Provenance.runInfo(spec));
        } else {
            new BaselinePath(d, set, pc, m, counts, out, source, System.out).run(Provenance.runInfo(spec));
        }
    }

    /** The canonical --method, checked against the options that only some methods take. */
    private String checkMethod() {
        String m = SelectionMethods.require(method);
        boolean path = SelectionMethods.isPath(m);
        SettingException.require(path || counts == null || !counts.isEmpty(), "counts", "needs at least one value");
        SettingException.require(!path || counts == null || lambdas == null, "counts", "needs the automatic lambda "
            + "sequence, not --lambdas");
        SettingException.require(path || !resume, "resume", "is only for --method agl and gl (a baseline has no "
            + "checkpoint; rerun it)");
        SettingException.require(!SelectionMethods.GL.equals(m) || gamma == 0.0
            || !spec.commandLine().getParseResult().hasMatchedOption("--gamma"), "gamma",
            "cannot be combined with --method gl (which sets it to 0)");
        FeatureCounts.check(counts);
        return m;
    }

    private boolean revivable() {
        return switch (groups.toLowerCase(Locale.ROOT)) {
            case "revivable" -> true;
            case "removed" -> false;
            default -> throw new SettingException("groups", "must be removed or revivable, got '" + groups + "'");
        };
    }

    private boolean plainProx() {
        return switch (prox.toLowerCase(Locale.ROOT)) {
            case "plain" -> true;
            case "optimizer", "preconditioned" -> false;
            default -> throw new SettingException("prox", "must be optimizer or plain, got '" + prox + "'");
        };
    }

    PathConfig toConfig() {
        SettingException.require(training.split < 1, "split", "1 (no validation) is for train only: select stops and "
            + "chooses by the validation loss; got " + training.split);
        TrainConfig tc = training.toConfig(true);
        boolean fromDense = switch (adaptiveFrom.toLowerCase(Locale.ROOT)) {
            case "gl", "group-lasso" -> false;
            case "dense" -> true;
            default -> throw new SettingException("adaptive-from", "must be gl or dense, got '" + adaptiveFrom + "'");
        };
        return PathConfig.defaults(tc)
            .withFits(tc.schedule().withLr0(fitLr), tc.stopping().withEpochs(fitEpochs).withPatience(fitPatience))
            .withLambdas(PathConfig.Lambdas.defaults().withExplicit(lambdas).withGrowth(lambdaFactor, startFactor)
                .withLimits(minFeatures, maxPoints).withStart(lambdaStart, onsetPoint).withMaxDrop(maxDrop)
                .withTargets(counts))
            .withAdaptive(gamma, fromDense).withWriteModels(!noModels).withLossScale(lossScale)
            .withPenaltyD(PathConfig.PenaltyD.parse(penaltyD)).withCostWeight(costWeight).withPlainProx(plainProx())
            .withRevivable(revivable()).withTripletWeight(tripletWeight)
            .withCorrelationWeight(correlationWeight);
    }

    /** Reads a structure file and keeps every k-th structure, at most {@code limit} (0: all). */
    static List<Structure> readSubset(Path p, ReadOptions ro, int every, int limit) {
        if (every < 1) {
            throw new SettingException("every", "must be >= 1, got " + every);
        }
        if (limit < 0) {
            throw new SettingException("limit", "must be >= 0, got " + limit);
        }
        List<Structure> l = StructureIO.readAll(p, ro);
        List<Structure> r = new ArrayList<>();
        for (int i = 0; i < l.size() && (limit == 0 || r.size() < limit); i += every) {
            r.add(l.get(i));
        }
        if (r.isEmpty()) {
            throw new InputException(p + ": no structures");
        }
        return r;
    }
}
