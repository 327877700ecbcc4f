package dev.sieve.cli;

import dev.sieve.config.Setting;
import dev.sieve.train.TrainConfig;
import dev.sieve.train.TrainSettings;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The training settings of {@code train}, {@code select} and {@code refit}: their options come from the
 * {@link TrainSettings} catalogue (a command declares {@code modelTransformer = TrainingOptions.Transformer.class}),
 * and this is the one place where the parsed options become a {@link TrainConfig}.
 */
final class TrainingOptions {
    private TrainingOptions() {}

    /** Adds the training settings' options to a command. */
    public static final class Transformer extends SettingOptions.Transformer {
        @Override
        List<Setting<?>> catalogue() {
            return TrainSettings.ALL;
        }
    }

    /** The training configuration of the parsed command (train and refit). */
    static TrainConfig toConfig(CommandSpec spec) {
        return toConfig(spec, false);
    }

    /** The training configuration; {@code penalized} for select's group-lasso fits. */
    static TrainConfig toConfig(CommandSpec spec, boolean penalized) {
        return TrainConfig.of(SettingOptions.values(spec, TrainSettings.ALL), penalized);
    }

    /** The optimizers the registry knows, for help texts. */
    static String optimizers() {
        return String.join(", ", dev.sieve.train.optim.Optimizers.names());
    }
}
