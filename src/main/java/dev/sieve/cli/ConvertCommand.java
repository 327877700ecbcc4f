package dev.sieve.cli;

import dev.sieve.core.OutputGuard;
import dev.sieve.io.Format;
import dev.sieve.io.ReadOptions;
import dev.sieve.io.StructureIO;
import dev.sieve.io.WriteOptions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sieve convert IN OUT}: streams structures from one format to another. */
@Command(name = "convert", mixinStandardHelpOptions = true,
    description = {"Convert structure files between formats, streaming one structure at a time.",
        "Reads n2p2 input.data, extxyz, VASP OUTCAR, mlearn JSON, LAMMPS dump and data files (.gz too);",
        "writes n2p2 input.data, extxyz and LAMMPS data (one structure). The output is written atomically:",
        "on any error nothing is left behind."})
final class ConvertCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IN", description = "Input file.")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "Output file (.gz is compressed).")
    Path out;

    @Option(names = "--to", paramLabel = "FMT",
        description = "Output format: n2p2, extxyz, lammps-data (default: from the output file name).")
    String to;

    @Mixin
    ReadOptionsMixin read;

    @Option(names = "--quiet", description = "Do not print the number of structures converted.")
    boolean quiet;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        OutputGuard.requireFile("OUT", out, OutputGuard.input("IN", in));
        ReadOptions ro = read.toReadOptions();
        Format outFormat = to == null ? Format.detect(out) : Format.parse(to);
        WriteOptions wo = new WriteOptions(ro.typeElements());
        long n = StructureIO.convert(in, ro, out, outFormat, wo);
        if (!quiet) {
            spec.commandLine().getOut().println("converted " + n + " structure" + (n == 1 ? "" : "s") + " to " + out);
        }
        return 0;
    }
}
