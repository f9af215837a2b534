package dev.memebattle.cli;
import picocli.CommandLine.Command;
@Command(name = "bench") public final class BenchCommand implements Runnable { public void run() {} }
