package dev.sieve.md;

import dev.sieve.config.Range;
import dev.sieve.config.Setting;
import dev.sieve.config.SettingValues;
import java.nio.file.Path;
import java.util.List;

/**
 * The catalogue of molecular-dynamics settings ({@code sieve md}), each declared once; the builders of
 * {@link MdConfig}, {@link MdRunConfig} and {@link MdAnalysis.Settings} start from these defaults, and
 * {@link #runConfig(SettingValues, Path)} builds a run from values of this catalogue.
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

    /** Every MD setting at its default. */
    public static SettingValues defaults() {
        return SettingValues.defaults(ALL);
    }

    /** The run of values {@code v} ({@code restart}: a restart file to continue from, or null). */
    public static MdRunConfig runConfig(SettingValues v, Path restart) {
        MdConfig engine = MdConfig.builder().dt(v.get(DT)).ensemble(MdConfig.parseEnsemble(v.get(ENSEMBLE)))
            .temperature(v.get(TEMPERATURE)).damping(v.get(TDAMP)).chain(v.get(CHAIN)).seed(v.get(SEED))
            .skin(v.get(SKIN)).minDistance(v.get(MIN_DISTANCE)).build();
        MdAnalysis.Settings.Builder analysis = MdAnalysis.Settings.builder().rdfBin(v.get(RDF_BIN)).msd(v.get(MSD))
            .sampleAfter(v.get(SAMPLE_AFTER)).sampleEvery(v.get(SAMPLE_EVERY));
        if (v.get(RDF) != null) {
            analysis.rdfMax(v.get(RDF));
        }
        if (v.get(ADF) != null) {
            analysis.adfCutoff(v.get(ADF));
        }
        MdRunConfig.Builder b = MdRunConfig.builder().engine(engine).steps(v.get(STEPS)).thermoEvery(v.get(THERMO))
            .dumpEvery(v.get(DUMP)).analysis(analysis.build()).restartEvery(v.get(RESTART_EVERY));
        if (v.get(INIT_TEMPERATURE) != null) {
            b.initTemperature(v.get(INIT_TEMPERATURE));
        }
        if (v.get(MAX_EXTRAPOLATIONS) != null) {
            b.maxExtrapolations(v.get(MAX_EXTRAPOLATIONS));
        }
        if (restart != null) {
            b.restart(restart);
        }
        return b.build();
    }
}
