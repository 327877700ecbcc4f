package dev.sieve.cli;

import dev.sieve.config.Setting;
import dev.sieve.config.SettingValues;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The command-line options of a settings catalogue: one option {@code --key} per {@link Setting} (its label,
 * documentation, unit, range and default), added to a command's model, and the parsed values read back by name.
 */
final class SettingOptions {
    private SettingOptions() {}

    /** Adds an option for each setting of {@code catalogue} that {@code spec} does not have yet. */
    static CommandSpec add(CommandSpec spec, List<Setting<?>> catalogue) {
        for (Setting<?> s : catalogue) {
            if (spec.findOption("--" + s.key()) == null) {
                spec.addOption(option(s));
            }
        }
        return spec;
    }

    /** The option of one setting. */
    static OptionSpec option(Setting<?> s) {
        OptionSpec.Builder b = OptionSpec.builder("--" + s.key()).description(description(s));
        switch (s.kind()) {
            case FLAG -> b.arity("0").type(boolean.class);
            case INTS, DOUBLES, TEXTS -> b.type(List.class).auxiliaryTypes(s.kind().elementType()).splitRegex(",")
                .paramLabel(s.label()).hideParamSyntax(true);
            default -> b.type(s.defaultText() == null ? s.kind().elementType() : primitive(s.kind()))
                .paramLabel(s.label());
        }
        if (s.defaultText() != null && s.kind() != Setting.Kind.FLAG) {
            b.defaultValue(s.defaultText()); // a flag's default is false (picocli would toggle a given default)
        }
        return b.build();
    }

    private static Class<?> primitive(Setting.Kind k) {
        return switch (k) {
            case INT -> int.class;
            case LONG -> long.class;
            case DOUBLE -> double.class;
            default -> k.elementType();
        };
    }

    /** The help text: the documentation, then unit, allowed values and default. */
    static String description(Setting<?> s) {
        StringBuilder d = new StringBuilder(s.doc().replace("%", "%%"));
        if (!s.unit().isEmpty() && !s.unit().equals("-")) {
            d.append(" Unit: ").append(s.unit()).append('.');
        }
        if (!s.range().equals(dev.sieve.config.Range.ANY)) {
            d.append(" Allowed: ").append(s.range()).append('.');
        }
        if (s.defaultText() != null && !s.defaultText().isEmpty() && s.kind() != Setting.Kind.FLAG) {
            d.append(" Default: ${DEFAULT-VALUE}.");
        }
        return d.toString();
    }

    /** The values of {@code catalogue}'s settings as parsed into {@code spec} (each checked). */
    static SettingValues values(CommandSpec spec, List<Setting<?>> catalogue) {
        SettingValues v = SettingValues.defaults(catalogue);
        for (Setting<?> s : catalogue) {
            OptionSpec o = spec.findOption("--" + s.key());
            Object x = o.getValue();
            if (x == null && s.kind() == Setting.Kind.FLAG) {
                x = Boolean.FALSE;
            }
            if (x instanceof List<?> l) {
                x = List.copyOf(new ArrayList<>(l));
            }
            v = v.withValue(s.key(), x);
        }
        return v;
    }

    /** A model transformer that adds the catalogue's options to the command it is declared on. */
    abstract static class Transformer implements CommandLine.IModelTransformer {
        abstract List<Setting<?>> catalogue();

        @Override
        public CommandSpec transform(CommandSpec spec) {
            return add(spec, catalogue());
        }
    }
}
