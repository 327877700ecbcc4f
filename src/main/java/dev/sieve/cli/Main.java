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
        HelpSections.install(cl);
        cl.setParameterExceptionHandler(Main::parameterError);
        cl.setExecutionStrategy(parsed -> {
            checkThreads(parsed);
            return new CommandLine.RunLast().execute(parsed);
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            String line = userMessage(ex);
            if (line == null) {
                throw ex;
            }
            cmd.getErr().println("sieve: " + line);
            return EXIT_USER_ERROR;
        });
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            System.err.println("sieve: " + OUT_OF_MEMORY);
            return EXIT_USER_ERROR;
        }
    }

    static final String OUT_OF_MEMORY = "out of memory; use smaller inputs or settings (cutoff, function count, "
        + "structure size), or give the JVM more memory (SIEVE_JAVA_OPTS=-Xmx8g)";

    /** Refuses {@code --threads} above four per core, for every command (a million threads would exhaust memory). */
    private static void checkThreads(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            CommandLine.Model.OptionSpec o = p.matchedOption("--threads");
            if (o != null && o.getValue() instanceof Integer t && t > maxThreads()) {
                throw new CommandLine.ParameterException(p.commandSpec().commandLine(), "--threads must be at most "
                    + maxThreads() + " (4 x " + Runtime.getRuntime().availableProcessors() + " cores), got " + t);
            }
        }
    }

    /** The most threads a command may ask for: four per available core. */
    static int maxThreads() {
        return 4 * Runtime.getRuntime().availableProcessors();
    }

    /** A picocli parse error: one line with the reason and a hint, instead of the whole usage. */
    private static int parameterError(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        StringBuilder name = new StringBuilder();
        for (CommandLine c = cmd; c != null; c = c.getParent()) {
            name.insert(0, c.getCommandName() + (name.isEmpty() ? "" : " "));
        }
        String msg = dev.sieve.core.Messages.escape(String.valueOf(ex.getMessage()).replace('\n', ' ').strip(), 400);
        cmd.getErr().println("sieve: " + msg + " (try '" + name + " --help')");
        return EXIT_USER_ERROR;
    }

    /** The one-line message for a user mistake (or a resource limit) found in {@code ex}'s causes, or null. */
    static String userMessage(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof SettingException se) {
                return se.messageFor("--" + se.setting());
            }
            if (t instanceof InputException) {
                return t.getMessage();
            }
        }
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                return OUT_OF_MEMORY;
            }
            if (t instanceof java.nio.file.FileSystemException f && f.getFile() != null) {
                return f.getFile() + ": " + dev.sieve.core.Messages.reason(f);
            }
            if (t instanceof java.io.FileNotFoundException f) {
                return dev.sieve.core.Messages.escape(String.valueOf(f.getMessage()));
            }
        }
        return null;
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
