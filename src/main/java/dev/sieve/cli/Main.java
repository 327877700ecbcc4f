package dev.sieve.cli;

import dev.sieve.core.InputException;
import dev.sieve.core.SettingException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code sieve} command. */
@Command(name = "sieve", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Behler-Parrinello neural network potentials with adaptive-group-lasso fingerprint selection.",
    subcommands = {CommandLine.HelpCommand.class, InfoCommand.class, ConvertCommand.class, FeaturesCommand.class,
        DescriptorsCommand.class, PredictCommand.class, TrainCommand.class, EvaluateCommand.class, ExportCommand.class,
        MdCommand.class, GenerateCommand.class, CompareMdCommand.class, BenchCommand.class, DemoCommand.class,
        SelectCommand.class, RefitCommand.class, CompareCommand.class, StabilityCommand.class, CorrelationCommand.class,
        ReportCommand.class})
public final class Main implements Runnable {

    public static final int EXIT_USER_ERROR = 2;

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI and returns the exit code (used by tests). */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            Throwable t = ex;
            while (t != null && !(t instanceof InputException)) {
                t = t.getCause();
            }
            if (t instanceof SettingException se) {
                cmd.getErr().println("sieve: " + se.messageFor("--" + se.setting()));
                return EXIT_USER_ERROR;
            }
            if (t != null) {
                cmd.getErr().println("sieve: " + t.getMessage());
                return EXIT_USER_ERROR;
            }
            throw ex;
        });
        return cl.execute(args);
    }

    /** Version from the jar manifest. */
    public static String version() {
        return dev.sieve.core.Version.get();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"sieve " + version()};
        }
    }
}
