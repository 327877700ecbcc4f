package dev.sieve.md;

import dev.sieve.config.Range;
import dev.sieve.config.Setting;
import dev.sieve.config.SettingValues;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The catalogue of molecular-dynamics settings ({@code sieve md}), each declared once; {@link MdConfig},
 * {@link MdAnalysis.Settings} and {@link MdRunConfig} are built by name from values of it ({@link #engine},
 * {@link #analysis}, {@link #runConfig}).
 */
public final class MdSettings {
    private MdSettings() {}

    public static final String RUN = "Integration and thermostat";
    public static final String OUTPUT = "Output";
    public static final String ANALYSIS = "Structure analysis";

    public static final Setting<Long> STEPS = Setting.longValue("steps", null).range(Range.atLeast(0)).group(RUN)
        .doc("Number of time steps. Required.");
    public static final Setting<Double> DT = Setting.real("dt", "1.0").range(Range.above(0)).unit("fs").label("FS")
        .group(RUN).doc("Time step.");
    public static final Setting<String> ENSEMBLE = Setting.text("ensemble", "nve").label("E").group(RUN)
        .doc("nve, langevin (BAOAB) or nhc (Nosé–Hoover chain).");
    public static final Setting<Double> TEMPERATURE = Setting.real("temperature", "0").range(Range.atLeast(0))
        .unit("K").label("K").group(RUN)
        .doc("Thermostat temperature, and initial temperature unless --init-temperature.");
    public static final Setting<Double> INIT_TEMPERATURE = Setting.real("init-temperature", null)
        .range(Range.atLeast(0)).unit("K").label("K").group(RUN)
        .doc("Maxwell-Boltzmann initial velocities at this temperature (none given: --temperature).");
    public static final Setting<Double> TDAMP = Setting.real("tdamp", "100").unit("fs").label("FS").group(RUN)
        .doc("Thermostat time constant (more than --dt).");
    public static final Setting<Integer> CHAIN = Setting.integer("chain", "3").range(Range.atLeast(1)).label("M")
        .group(RUN).doc("Nosé–Hoover chain length.");
    public static final Setting<Long> SEED = Setting.longValue("seed", "1").label("S").group(RUN)
        .doc("Random seed (initial velocities, Langevin noise).");
    public static final Setting<Double> SKIN = Setting.real("skin", "1.0").range(Range.atLeast(0)).unit("Å")
        .label("Å").group(RUN).doc("Verlet-list skin.");
    public static final Setting<Double> MIN_DISTANCE = Setting.real("min-distance", "0.5").range(Range.atLeast(0))
        .unit("Å").label("Å").group(RUN).doc("Stop when atoms come closer.");
    public static final Setting<Long> MAX_EXTRAPOLATIONS = Setting.longValue("max-extrapolations", null)
        .range(Range.atLeast(0)).group(RUN).doc("HDNNP: stop after N symmetry-function values outside the training "
            + "range (none given: never).");
    public static final Setting<Integer> THREADS = Setting.integer("threads", "1").range(Range.atLeast(1))
        .group(RUN).doc("Threads for force evaluation.");

    public static final Setting<Integer> THERMO = Setting.integer("thermo", "100").range(Range.atLeast(1)).label("K")
        .group(OUTPUT).doc("Thermo output every K steps.");
    public static final Setting<Integer> DUMP = Setting.integer("dump", "0").range(Range.atLeast(0)).label("K")
        .group(OUTPUT).doc("Trajectory frame every K steps, 0 = none.");
    public static final Setting<Long> RESTART_EVERY = Setting.longValue("restart-every", "1000")
        .range(Range.atLeast(0)).label("K").group(OUTPUT)
        .doc("Write OUT/restart.json every K steps, 0 = only at the end.");

    public static final Setting<Long> SAMPLE_AFTER = Setting.longValue("sample-after", "0").range(Range.atLeast(0))
        .group(ANALYSIS).doc("Structure analysis starts after N steps (equilibration).");
    public static final Setting<Integer> SAMPLE_EVERY = Setting.integer("sample-every", "10")
        .range(Range.atLeast(1)).label("K").group(ANALYSIS).doc("Analysis sample every K steps.");
    public static final Setting<Double> RDF = Setting.real("rdf", null).range(Range.above(0)).unit("Å")
        .label("RMAX").group(ANALYSIS).doc("Radial distribution function up to RMAX -> OUT/rdf.csv.");
    public static final Setting<Double> RDF_BIN = Setting.real("rdf-bin", "0.05").range(Range.above(0)).unit("Å")
        .label("Å").group(ANALYSIS).doc("RDF bin width.");
    public static final Setting<Double> ADF = Setting.real("adf", null).range(Range.above(0)).unit("Å")
        .label("RCUT").group(ANALYSIS).doc("Bond-angle distribution of neighbours within RCUT -> OUT/adf.csv (1° bins).");
    public static final Setting<Boolean> MSD = Setting.flag("msd").group(ANALYSIS)
        .doc("Mean squared displacement from the first sample -> OUT/msd.csv with the diffusion coefficient.");

    /** Every MD setting, in the order of {@code --help}. */
    public static final List<Setting<?>> ALL = List.of(STEPS, DT, ENSEMBLE, TEMPERATURE, INIT_TEMPERATURE, TDAMP,
        CHAIN, SEED, SKIN, MIN_DISTANCE, MAX_EXTRAPOLATIONS, THREADS, THERMO, DUMP, RESTART_EVERY, SAMPLE_AFTER,
        SAMPLE_EVERY, RDF, RDF_BIN, ADF, MSD);

    public static final String COMPARISON = "Both runs";

    /** compare-md: the same NVT run with two potentials (its own defaults: long runs that sample a liquid). */
    public static final Setting<Double> COMPARE_TEMPERATURE = Setting.real("temperature", null).range(Range.above(0))
        .unit("K").label("K").group(COMPARISON).doc("NVT temperature (Nosé–Hoover chain). Required.");
    public static final Setting<Long> COMPARE_STEPS = Setting.longValue("steps", "5000").range(Range.atLeast(1))
        .group(COMPARISON).doc("Steps per run.");
    public static final Setting<Long> COMPARE_EQUILIBRATE = Setting.longValue("equilibrate", "1000")
        .range(Range.atLeast(0)).group(COMPARISON).doc("Steps before sampling.");
    public static final Setting<Integer> COMPARE_SAMPLE_EVERY = Setting.integer("sample-every", "20")
        .range(Range.atLeast(1)).label("K").group(COMPARISON).doc("Sample every K steps.");
    public static final Setting<Double> COMPARE_DT = Setting.real("dt", "2").range(Range.above(0)).unit("fs")
        .label("FS").group(COMPARISON).doc("Time step.");
    public static final Setting<Double> COMPARE_TDAMP = Setting.real("tdamp", "100").unit("fs").label("FS")
        .group(COMPARISON).doc("Thermostat time constant.");
    public static final Setting<Double> COMPARE_RDF = Setting.real("rdf", "7.0").range(Range.above(0)).unit("Å")
        .label("RMAX").group(COMPARISON).doc("RDF range (bins as --rdf-bin of sieve md).");
    public static final Setting<Double> COMPARE_ADF = Setting.real("adf", "3.4").range(Range.above(0)).unit("Å")
        .label("RCUT").group(COMPARISON).doc("Bond-angle neighbour cutoff.");
    public static final Setting<Long> COMPARE_SEED = Setting.longValue("seed", "1").label("S").group(COMPARISON)
        .doc("Seed of the start velocities.");
    public static final Setting<Integer> COMPARE_THREADS = Setting.integer("threads", "1").range(Range.atLeast(1))
        .group(COMPARISON).doc("Threads for the HDNNP.");

    /** Every compare-md setting, in the order of {@code --help}. */
    public static final List<Setting<?>> COMPARE = List.of(COMPARE_TEMPERATURE, COMPARE_STEPS, COMPARE_EQUILIBRATE,
        COMPARE_SAMPLE_EVERY, COMPARE_DT, COMPARE_TDAMP, COMPARE_RDF, COMPARE_ADF, COMPARE_SEED, COMPARE_THREADS);

    /** Every MD setting at its default. */
    public static SettingValues defaults() {
        return SettingValues.defaults(ALL);
    }

    /** The integrator and thermostat of values {@code v}. */
    public static MdConfig engine(SettingValues v) {
        return new MdConfig(v.get(DT), MdConfig.parseEnsemble(v.get(ENSEMBLE)), v.get(TEMPERATURE), v.get(TDAMP),
            v.get(CHAIN), v.get(SEED), v.get(SKIN), v.get(MIN_DISTANCE));
    }

    /** The structure analysis of values {@code v}. */
    public static MdAnalysis.Settings analysis(SettingValues v) {
        return new MdAnalysis.Settings(optional(v.get(RDF)), v.get(RDF_BIN), optional(v.get(ADF)), v.get(MSD),
            v.get(SAMPLE_AFTER), v.get(SAMPLE_EVERY));
    }

    /**
     * The run of values {@code v} ({@code restart}: a restart file to continue from, or null; no steps given: 0,
     * only the start state).
     */
    public static MdRunConfig runConfig(SettingValues v, Path restart) {
        Long steps = v.get(STEPS);
        Double init = v.get(INIT_TEMPERATURE);
        Long maxEx = v.get(MAX_EXTRAPOLATIONS);
        return new MdRunConfig(engine(v), steps == null ? 0 : steps,
            init == null ? OptionalDouble.empty() : OptionalDouble.of(init), v.get(THERMO), v.get(DUMP),
            maxEx == null ? OptionalLong.empty() : OptionalLong.of(maxEx), Optional.ofNullable(restart), analysis(v),
            v.get(RESTART_EVERY));
    }

    private static OptionalDouble optional(Double x) {
        return x == null ? OptionalDouble.empty() : OptionalDouble.of(x);
    }
}
