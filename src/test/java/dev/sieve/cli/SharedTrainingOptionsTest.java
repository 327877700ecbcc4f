package dev.sieve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.train.TrainConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** train, select and refit share their training options: the same names, defaults and parsed configuration. */
class SharedTrainingOptionsTest {
    private static final List<String> TRAINING = TrainConfig.defaults().settings().keySet().stream().toList();

    /** Option name -> (default value, description) of one command. */
    private static Map<String, List<String>> options(Object command) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (OptionSpec o : new CommandLine(command).getCommandSpec().options()) {
            m.put(o.longestName(), List.of(String.valueOf(o.defaultValue()), String.join(" ", o.description())));
        }
        return m;
    }

    @Test
    void theThreeCommandsDeclareEveryTrainingOptionWithTheSameDefault() {
        Map<String, List<String>> train = options(new TrainCommand());
        Map<String, List<String>> select = options(new SelectCommand());
        Map<String, List<String>> refit = options(new RefitCommand());
        assertThat(TRAINING).hasSizeGreaterThan(25);
        for (String k : TRAINING) {
            String o = "--" + k;
            assertThat(train).as(o).containsKey(o);
            assertThat(select.get(o)).as("select " + o).isEqualTo(train.get(o));
            assertThat(refit.get(o)).as("refit " + o).isEqualTo(train.get(o));
        }
    }

    @Test
    void theOptionDefaultsAreTheLibraryDefaults() {
        TrainCommand t = new TrainCommand();
        new CommandLine(t).parseArgs();
        assertThat(t.training.toConfig()).isEqualTo(TrainConfig.defaults());
        SelectCommand s = new SelectCommand();
        new CommandLine(s).parseArgs();
        // select's penalised fits standardise the candidates under --scaling auto; everything else is the same
        TrainConfig d = TrainConfig.defaults();
        assertThat(s.toConfig().train()).isEqualTo(d.withData(d.data().withScaling(
            dev.sieve.nn.ScalingMode.STANDARDIZE, d.data().scaleMin(), d.data().scaleMax())));
    }

    @Test
    void theAutoOptimizerIsKalmanForForceTrainingAndAdamOtherwiseAndForPenalisedFits() {
        TrainCommand energies = new TrainCommand();
        new CommandLine(energies).parseArgs();
        assertThat(energies.training.toConfig().optimizer().name()).isEqualTo("adam");
        TrainCommand forces = new TrainCommand();
        new CommandLine(forces).parseArgs("--forces", "0.1");
        assertThat(forces.training.toConfig().optimizer().name()).isEqualTo("kalman");
        SelectCommand select = new SelectCommand();
        new CommandLine(select).parseArgs("--forces", "0.1");
        assertThat(select.toConfig().train().optimizer().name()).isEqualTo("adam");
        TrainCommand explicit = new TrainCommand();
        new CommandLine(explicit).parseArgs("--forces", "0.1", "--optimizer", "rmsprop");
        assertThat(explicit.training.toConfig().optimizer().name()).isEqualTo("rmsprop");
    }

    @Test
    void settingsRoundTripThroughTheOptions() {
        // every setting written by the library parses back into the same configuration (refit relies on this)
        TrainConfig d = TrainConfig.defaults();
        TrainConfig c = d.withEpochs(77).withForces(0.25).withSeed(9).withSchedule(
            new dev.sieve.train.Schedule.Cosine(0.003, 1e-5, 40, 1.5)).withData(d.data().withDropConstant(true)
                .withScaling(dev.sieve.nn.ScalingMode.SCALE_CENTER, -2, 3).withEnergyOffset(false))
            .withLoss(dev.sieve.train.LossSettings.defaults().withForceWeight(0.25).withL2(3e-7, true)
                .withWeights(java.util.Map.of("surface", 2.5), false))
            .withNetwork(new dev.sieve.train.NetworkSettings(new int[] {7, 5, 3}, List.of(
                dev.sieve.nn.Activation.TANH, dev.sieve.nn.Activation.SOFTPLUS, dev.sieve.nn.Activation.LEAKY_RELU)));
        TrainCommand t = new TrainCommand();
        CommandLine cl = new CommandLine(t);
        List<String> args = OptionSources.toArgs(cl.getCommandSpec(), c.settings(), "test", true);
        cl.parseArgs(args.toArray(new String[0]));
        assertThat(t.training.toConfig()).isEqualTo(c);
    }

    @Test
    void librarySettingErrorsNameTheFlagOnTheCommandLine() {
        Cli.Result r = Cli.run("select", "--data", "x.xyz", "--out", "y", "--lambda-factor", "0.9");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).isEqualTo("sieve: --lambda-factor must be > 1, got 0.9" + System.lineSeparator());
        Cli.Result e = Cli.run("train", "--data", "x.xyz", "--out", "y", "--epochs", "0");
        assertThat(e.err()).startsWith("sieve: --epochs must be >= 1, got 0");
    }
}
