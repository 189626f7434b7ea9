using System;
using System.IO;
using System.Linq;
using SymGrad.Package.Tests.Infrastructure;
using Xunit;

namespace SymGrad.Package.Tests;

/// <summary>
/// A model built with the SymGrad package publishes with PublishAot=true and the native executable computes the same
/// gradient and trains with the runtime's Adam. Needs a C toolchain (clang, or gcc) and the AOT compiler package; on a
/// machine without them the test is skipped and says which is missing.
/// </summary>
[Collection(LocalFeedCollection.Name)]
public sealed class AotTests
{
    private const string TrainingSource = """

        // Trains the weights with the runtime's Adam (the AOT-compiled runtime, not just the generated code).
        var adam = new SymGrad.Optimizers.Adam(learningRate: 0.05);
        double first = Model.Loss(w, -0.2, x, 1.0);
        for (int step = 0; step < 200; step++)
        {
            Model.LossGradient(w, -0.2, x, 1.0, dw, out _);
            adam.Step(w, dw);
        }

        Console.WriteLine("trained " + first.ToString("R", CultureInfo.InvariantCulture) + " " + Model.Loss(w, -0.2, x, 1.0).ToString("R", CultureInfo.InvariantCulture));
        """;

    private readonly LocalFeed feed;

    public AotTests(LocalFeed feed) => this.feed = feed;

    [SkippableFact]
    public void AModelPublishesWithNativeAotAndItsGradientStillMatches()
    {
        string? compiler = new[] { "clang", "gcc" }.FirstOrDefault(OnPath);
        Skip.If(compiler is null, "NativeAOT needs clang or gcc on PATH to link; neither was found, so the AOT publish was not tried.");

        string folder = feed.NewConsoleProject("Aot", withConfiguredSources: true);
        string app = Path.Combine(folder, "App");
        string project = Path.Combine(app, "App.csproj");
        File.WriteAllText(project, File.ReadAllText(project).Replace("</PropertyGroup>", "  <PublishAot>true</PublishAot>\n  </PropertyGroup>"));
        File.WriteAllText(Path.Combine(app, "Model.cs"), FreshProjectTests.ModelSource);
        File.WriteAllText(Path.Combine(app, "Program.cs"), "using System.Linq;\n" + FreshProjectTests.ProgramSource + TrainingSource);

        CommandResult publish = DotNet.Run(app, "publish -c Release -r linux-x64 -o out", TimeSpan.FromMinutes(10));
        Skip.If(
            publish.ExitCode != 0 && publish.Output.Contains("ilcompiler", StringComparison.OrdinalIgnoreCase) && publish.Output.Contains("NU1"),
            "The AOT compiler package (runtime.linux-x64.Microsoft.DotNet.ILCompiler) could not be restored from this machine's package cache or sources:\n" + publish.Output);
        Assert.True(publish.ExitCode == 0, publish.ToString());
        Assert.True(feed.RestoredFromLocalFeed(folder), "SymGrad was restored from another source than the freshly packed feed (a stale SymGrad " + BuildInfo.Version + " in this machine's package cache?)");
        // Trim and AOT analysis of the runtime and the generated code: any warning would be an IL2xxx/IL3xxx line.
        Assert.DoesNotContain("warning IL", publish.Output);

        string executable = Path.Combine(app, "out", "App");
        Assert.True(File.Exists(executable), "no native executable at " + executable);
        CommandResult run = NativeRun(executable);

        string[] lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(run.ExitCode == 0, run.ToString());
        FreshProjectTests.AssertGradientMatchesFiniteDifferences(lines[0]);
        Assert.Equal("generated-by " + BuildInfo.Version, lines[1]);
        double[] trained = lines[2].Split(' ').Skip(1).Select(s => double.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        double expected = TrainedLossWithFiniteDifferences();
        Assert.Equal(FreshProjectTests.Loss(new[] { 0.3, -0.7, 1.1 }, -0.2, new[] { 0.5, -1.25, 2.0 }, 1.0), trained[0], 12);
        Assert.True(Math.Abs(trained[1] - expected) < 1e-6, $"the native program trained to loss {trained[1]}; the JIT-compiled Adam on finite-difference gradients reaches {expected}");
        Assert.True(trained[1] < trained[0], $"Adam did not reduce the loss: {trained[0]} -> {trained[1]}");
    }

    /// <summary>The same 200 Adam steps, in this process, on central finite differences of this file's copy of the model.</summary>
    private static double TrainedLossWithFiniteDifferences()
    {
        double[] w = { 0.3, -0.7, 1.1 };
        double[] x = { 0.5, -1.25, 2.0 };
        var adam = new SymGrad.Optimizers.Adam(learningRate: 0.05);
        var gradient = new double[w.Length];
        for (int step = 0; step < 200; step++)
        {
            for (int i = 0; i < w.Length; i++)
            {
                const double h = 1e-6;
                double[] plus = (double[])w.Clone(), minus = (double[])w.Clone();
                plus[i] += h;
                minus[i] -= h;
                gradient[i] = (FreshProjectTests.Loss(plus, -0.2, x, 1.0) - FreshProjectTests.Loss(minus, -0.2, x, 1.0)) / (2 * h);
            }

            adam.Step(w, gradient);
        }

        return FreshProjectTests.Loss(w, -0.2, x, 1.0);
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Any(directory => directory.Length > 0 && File.Exists(Path.Combine(directory, tool)));

    private static CommandResult NativeRun(string executable)
    {
        var start = new System.Diagnostics.ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = System.Diagnostics.Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        if (!process.WaitForExit(60_000))
        {
            process.Kill();
        }

        return new CommandResult(executable, process.ExitCode, output, TimeSpan.Zero);
    }
}
