package dev.sieve.md;

import dev.sieve.config.SettingValues;
import dev.sieve.core.AtomicFile;
import dev.sieve.core.InputException;
import dev.sieve.md.potential.Potential;
import dev.sieve.results.ParityPlots;
import dev.sieve.structure.Structure;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Paired Nosé–Hoover NVT runs of a model (an HDNNP, say) and its reference potential from the same start, seed and
 * settings, and the comparison of their radial distribution functions and bond-angle distributions: the physical
 * check that a reduced feature set still gives the same liquid.
 */
public final class MdComparison {

    /** RDF bin width, Å (md's default). */
    public static final double RDF_BIN = MdSettings.RDF_BIN.defaultValue();

    /**
     * Settings of both runs.
     *
     * @param temperature thermostat and start temperature, K
     * @param steps       steps per run
     * @param equilibrate steps before sampling
     * @param sampleEvery sampling interval, steps
     * @param dt          time step, fs
     * @param damping     thermostat time constant, fs
     * @param rdfMax      RDF range, Å
     * @param adfCutoff   neighbour cutoff of the bond angles, Å
     * @param seed        seed of the start velocities
     */
    public record Settings(double temperature, long steps, long equilibrate, int sampleEvery, double dt, double damping,
                           double rdfMax, double adfCutoff, long seed) {

        public Settings {
            if (!(temperature > 0)) {
                throw new InputException("temperature must be > 0 K, got " + temperature);
            }
            if (!(rdfMax > 0)) {
                throw new InputException("rdfMax must be > 0 Å, got " + rdfMax);
            }
            if (!(adfCutoff > 0)) {
                throw new InputException("adfCutoff must be > 0 Å, got " + adfCutoff);
            }
            if (steps <= equilibrate) {
                throw new InputException("steps must exceed equilibrate, got steps " + steps + " and equilibrate "
                    + equilibrate);
            }
            if (sampleEvery < 1) {
                throw new InputException("sampleEvery must be >= 1, got " + sampleEvery);
            }
            if (equilibrate < 0) {
                throw new InputException("equilibrate must be >= 0, got " + equilibrate);
            }
        }

        /** The settings of compare-md's values {@code v} ({@link MdSettings#COMPARE}). */
        public static Settings of(SettingValues v) {
            Double t = v.get(MdSettings.COMPARE_TEMPERATURE);
            return new Settings(t == null ? Double.NaN : t, v.get(MdSettings.COMPARE_STEPS),
                v.get(MdSettings.COMPARE_EQUILIBRATE), v.get(MdSettings.COMPARE_SAMPLE_EVERY),
                v.get(MdSettings.COMPARE_DT), v.get(MdSettings.COMPARE_TDAMP), v.get(MdSettings.COMPARE_RDF),
                v.get(MdSettings.COMPARE_ADF), v.get(MdSettings.COMPARE_SEED));
        }

        /** compare-md's defaults with the temperature {@code t}. */
        public static SettingValues defaults(double t) {
            return SettingValues.defaults(MdSettings.COMPARE).with(MdSettings.COMPARE_TEMPERATURE, t);
        }

        /** The engine settings of each run: a Nosé–Hoover chain, the rest at {@link MdSettings}' defaults. */
        public MdConfig engine() {
            return MdSettings.engine(MdSettings.defaults().with(MdSettings.DT, dt).with(MdSettings.ENSEMBLE, "nhc")
                .with(MdSettings.TEMPERATURE, temperature).with(MdSettings.TDAMP, damping).with(MdSettings.SEED, seed));
        }

        /** The sampling of each run. */
        public MdAnalysis.Settings analysis() {
            return MdSettings.analysis(MdSettings.defaults().with(MdSettings.RDF, rdfMax)
                .with(MdSettings.RDF_BIN, RDF_BIN).with(MdSettings.ADF, adfCutoff)
                .with(MdSettings.SAMPLE_AFTER, equilibrate).with(MdSettings.SAMPLE_EVERY, sampleEvery));
        }
    }

    private final Settings settings;
    private final MdAnalysis model;
    private final MdAnalysis reference;

    private MdComparison(Settings settings, MdAnalysis model, MdAnalysis reference) {
        this.settings = settings;
        this.model = model;
        this.reference = reference;
        if (model.rdf().bins() != reference.rdf().bins() || model.adf().bins() != reference.adf().bins()) {
            throw new IllegalArgumentException("the two analyses have different bins");
        }
    }

    /** Runs the model, then the reference, from {@code start}. */
    public static MdComparison run(Potential model, Potential reference, Structure start, Settings settings)
        throws IOException {
        MdAnalysis a = sample(model, start, settings);
        MdAnalysis b = sample(reference, start, settings);
        return new MdComparison(settings, a, b);
    }

    /** One NVT run from {@code start} with velocities at the temperature, sampled as the settings say. */
    public static MdAnalysis sample(Potential p, Structure start, Settings settings) throws IOException {
        MdEngine md = new MdEngine(p, start, settings.engine());
        md.initVelocities(settings.temperature());
        MdAnalysis analysis = new MdAnalysis(settings.analysis());
        MdRun.advance(md, settings.steps(), List.of(analysis));
        return analysis;
    }

    public Settings settings() {
        return settings;
    }

    /** The model run's analysis. */
    public MdAnalysis model() {
        return model;
    }

    /** The reference run's analysis. */
    public MdAnalysis reference() {
        return reference;
    }

    /** Largest |g_model - g_reference| over the bins. */
    public double rdfMaxDifference() {
        return rdfLargestDifference()[1];
    }

    /** Bin centre (Å) of the largest |g_model - g_reference| (0 when the RDFs agree everywhere). */
    public double rdfMaxDifferenceAt() {
        return rdfLargestDifference()[0];
    }

    private double[] rdfLargestDifference() {
        StructureAnalysis.Rdf a = model.rdf();
        StructureAnalysis.Rdf b = reference.rdf();
        double max = 0;
        double at = 0;
        for (int k = 0; k < a.bins(); k++) {
            double d = Math.abs(a.g(k) - b.g(k));
            if (d > max) {
                max = d;
                at = a.center(k);
            }
        }
        return new double[] {at, max};
    }

    /** Highest RDF bin of the model run: {r (Å), g}. */
    public double[] modelPeak() {
        return peak(model.rdf());
    }

    /** Highest RDF bin of the reference run: {r (Å), g}. */
    public double[] referencePeak() {
        return peak(reference.rdf());
    }

    private static double[] peak(StructureAnalysis.Rdf rdf) {
        double[] p = {0, 0};
        for (int k = 0; k < rdf.bins(); k++) {
            if (rdf.g(k) > p[1]) {
                p = new double[] {rdf.center(k), rdf.g(k)};
            }
        }
        return p;
    }

    /** Largest |p_model - p_reference| of the bond-angle densities, per degree. */
    public double adfMaxDifference() {
        double max = 0;
        for (int k = 0; k < model.adf().bins(); k++) {
            max = Math.max(max, Math.abs(model.adf().p(k) - reference.adf().p(k)));
        }
        return max;
    }

    /**
     * The comparison numbers as {@code compare-md} records them in run.json ({@code results.comparison}, written from
     * {@link #summary()}).
     *
     * @param rdfMaxAbsDifference          largest |g_model - g_reference|
     * @param rdfMaxDifferenceAt           where it is (Å)
     * @param firstPeakModel               highest RDF bin of the model run: {r (Å), g}
     * @param firstPeakReference           highest RDF bin of the reference run: {r (Å), g}
     * @param adfMaxAbsDifferencePerDegree largest bond-angle density difference, per degree
     */
    public record Summary(double rdfMaxAbsDifference, double rdfMaxDifferenceAt, double[] firstPeakModel,
                          double[] firstPeakReference, double adfMaxAbsDifferencePerDegree) {

        /**
         * The comparison of a run.json, or null when it records none.
         *
         * @throws InputException naming the file and the key when a key is missing or of another type
         */
        public static Summary read(dev.sieve.results.RunInfo.Recorded run) {
            dev.sieve.core.JsonView c = run.result("comparison");
            if (c == null) {
                return null;
            }
            return new Summary(c.number("rdf_max_abs_difference"), c.number("rdf_max_difference_at_A"),
                peak(c, "first_peak_hdnnp"), peak(c, "first_peak_reference"),
                c.number("adf_max_abs_difference_per_degree"));
        }

        private static double[] peak(dev.sieve.core.JsonView c, String key) {
            double[] p = c.numbers(key);
            if (p.length != 2) {
                throw new InputException(c.file(), -1, "key 'results.comparison." + key + "' must be [r, g], got "
                    + p.length + " numbers");
            }
            return p;
        }
    }

    /** The comparison numbers under the keys of run.json. */
    public Map<String, Object> summary() {
        Map<String, Object> res = new LinkedHashMap<>();
        res.put("rdf_max_abs_difference", rdfMaxDifference());
        res.put("rdf_max_difference_at_A", rdfMaxDifferenceAt());
        res.put("first_peak_hdnnp", modelPeak());
        res.put("first_peak_reference", referencePeak());
        res.put("adf_max_abs_difference_per_degree", adfMaxDifference());
        return res;
    }

    /** Writes {@code rdf_compare.csv}, {@code adf_compare.csv} and the plots {@code rdf} and {@code adf} into dir. */
    public void write(Path dir) {
        StructureAnalysis.Rdf ra = model.rdf();
        StructureAnalysis.Rdf rb = reference.rdf();
        int nb = ra.bins();
        double[] r = new double[nb];
        double[] ga = new double[nb];
        double[] gb = new double[nb];
        StringBuilder rdf = new StringBuilder("r_A,g_hdnnp,g_reference,difference\n");
        for (int k = 0; k < nb; k++) {
            r[k] = ra.center(k);
            ga[k] = ra.g(k);
            gb[k] = rb.g(k);
            rdf.append(String.format(Locale.ROOT, "%.4f,%.6f,%.6f,%.6f%n", r[k], ga[k], gb[k], ga[k] - gb[k]));
        }
        AtomicFile.writeString(dir.resolve("rdf_compare.csv"), rdf.toString());
        StructureAnalysis.AngleDistribution aa = model.adf();
        StructureAnalysis.AngleDistribution ab = reference.adf();
        int na = aa.bins();
        double[] th = new double[na];
        double[] pa = new double[na];
        double[] pb = new double[na];
        StringBuilder adf = new StringBuilder("angle_deg,p_hdnnp,p_reference\n");
        for (int k = 0; k < na; k++) {
            th[k] = aa.center(k);
            pa[k] = aa.p(k);
            pb[k] = ab.p(k);
            adf.append(String.format(Locale.ROOT, "%.2f,%.8f,%.8f%n", th[k], pa[k], pb[k]));
        }
        AtomicFile.writeString(dir.resolve("adf_compare.csv"), adf.toString());
        ParityPlots.save(chart("Radial distribution function at " + settings.temperature() + " K", "r (Å)", "g(r)", r,
            ga, gb), dir, "rdf");
        ParityPlots.save(chart("Bond-angle distribution (r < " + settings.adfCutoff() + " Å)", "angle (degrees)",
            "p (1/degree)", th, pa, pb), dir, "adf");
    }

    private static XYChart chart(String title, String x, String y, double[] xs, double[] a, double[] b) {
        XYChart c = new XYChartBuilder().width(900).height(600).title(title).xAxisTitle(x).yAxisTitle(y).build();
        c.addSeries("HDNNP", xs, a).setMarker(SeriesMarkers.NONE);
        c.addSeries("reference", xs, b).setMarker(SeriesMarkers.NONE);
        return c;
    }
}
