using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SymGrad.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace SymGrad.Generator.Tests.Issue9;

/// <summary>
/// Issue 9, items 6 and 7: the generator's time stays close to linear in the method. The time is
/// the CPU time of the thread that runs the generator driver (Roslyn runs generators on the calling
/// thread), best of five runs after a warm-up, against 1 s times how much slower the machine is than the reference machine (MachineFactor); the driver's wall-clock time (GetTimingInfo) is
/// printed beside it. CPU time, because CI machines have two cores shared with other test processes.
/// The numbers are recorded in docs/benchmarks.md.
/// </summary>
[Collection(TimingCollection.Name)]
public class ScalingTests
{
    private readonly ITestOutputHelper output;

    public ScalingTests(ITestOutputHelper output) => this.output = output;

    [Fact]
    public void TenThousandTermSumIsLoweredDifferentiatedAndEmittedWithinTwoSeconds()
    {
        string source = "using System;\nusing SymGrad;\npublic static partial class Big\n{\n    [Differentiable] public static double F(double x, double y) => "
            + string.Join(" + ", Enumerable.Range(0, 10_000).Select(i => i % 2 == 0 ? "x" : "x * y")) + ";\n}\n";
        (TimeSpan best, GeneratorRun run) = BestOfFive(source);
        output.WriteLine($"10,000 terms: {best.TotalMilliseconds:F0} ms CPU ({run.Driver.GetTimingInfo().ElapsedTime.TotalMilliseconds:F0} ms wall in the last run), {run.Generated.Single().Source.Split('\n').Length} generated lines");
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.OutputProblems);
        Assert.True(best < TimeSpan.FromSeconds(2), $"the generator took {best.TotalMilliseconds:F0} ms");

        var f = run.Load().GetType("Big")!.GetMethod("FGradient")!;
        object?[] arguments = { 0.5, 2.0, 0.0, 0.0 };
        double value = (double)f.Invoke(null, arguments)!;
        Assert.Equal(5_000 * 0.5 + 5_000 * 0.5 * 2.0, value, 6);
        Assert.Equal(5_000 + 5_000 * 2.0, (double)arguments[2]!, 6);
        Assert.Equal(5_000 * 0.5, (double)arguments[3]!, 6);
    }

    [Fact]
    public void TwoHundredOrdinaryMethodsAreGeneratedWithinOneSecond()
    {
        // Ten copies of the seed models' 20 methods (six of which also ask for forward mode and Hessians).
        string[] sources = RealisticMethods(copies: 10, out int methods);
        Assert.True(methods >= 200, $"only {methods} methods");
        (TimeSpan best, GeneratorRun run) = BestOfFive(sources);
        double factor = MachineFactor(output);
        output.WriteLine($"{methods} methods: {best.TotalMilliseconds:F0} ms CPU ({run.Driver.GetTimingInfo().ElapsedTime.TotalMilliseconds:F0} ms wall in the last run)");
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.OutputProblems);
        Assert.Equal(methods, run.Generated.Count);
        Assert.True(best.TotalSeconds < 1.0 * factor, $"the generator took {best.TotalMilliseconds:F0} ms for {methods} methods: over 1 s on the reference machine (this one is {factor:F2} times slower)");
    }

    /// <summary>
    /// How much slower this machine is than the one the targets were set on, never below 1: the C# compiler's own
    /// compile (Emit) of the 200-method input, timed as the generator is, over <see cref="ReferenceCompileMilliseconds"/>.
    /// The targets are seconds on that machine (docs/benchmarks.md, "Generator time"), and a two-core CI machine can be
    /// twice as slow: the same generator (commit 2a8ee0f) took 770 ms there and 1,500 ms on one such machine.
    /// </summary>
    internal static double MachineFactor(ITestOutputHelper output)
    {
        string[] sources = RealisticMethods(copies: 10, out _);
        TimeSpan compile = WarmBestOfFive(sources, compilation =>
        {
            // One thread, as the generator runs: Emit otherwise compiles methods on the thread pool.
            using var stream = new MemoryStream();
            compilation.WithOptions(compilation.Options.WithConcurrentBuild(false)).Emit(stream);
        });
        double factor = Math.Max(1.0, compile.TotalMilliseconds / ReferenceCompileMilliseconds);
        output.WriteLine($"machine factor {factor:F2}: the compiler's own compile of the 200 methods took {compile.TotalMilliseconds:F0} ms CPU here, {ReferenceCompileMilliseconds:F0} ms on the reference machine");
        return factor;
    }

    /// <summary>
    /// The compile of <see cref="MachineFactor"/> on the machine the targets were set on. That machine is gone, so this
    /// is derived: the compile took 630 ms on a machine where the generator of commit 2a8ee0f took 1,500 ms against
    /// its 770 ms there (both best of three, warm, in this test), so 630 × 770 / 1,500.
    /// </summary>
    internal const double ReferenceCompileMilliseconds = 323;

    /// <summary>The seed models (samples/SymGrad.Models), each file with [Differentiable] methods copied into namespaces of its own.</summary>
    internal static string[] RealisticMethods(int copies, out int methods)
    {
        string folder = RepositoryPaths.Of("samples", "SymGrad.Models");
        List<string> files = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar) && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();
        var sources = new List<string>();
        methods = 0;
        foreach (string file in files)
        {
            string text = File.ReadAllText(file);
            sources.Add(text);
            int perFile = CountOf(text, "[Differentiable");
            methods += perFile;
            if (perFile == 0)
            {
                continue;
            }

            for (int copy = 1; copy < copies; copy++)
            {
                // Block-scoped (AdBench) or file-scoped namespaces both become SymGrad.Models.Copy{n}.
                string renamed = text.Replace("namespace SymGrad.Models.AdBench", "namespace SymGrad.Models.Copy" + copy)
                    .Replace("namespace SymGrad.Models;", "namespace SymGrad.Models.Copy" + copy + ";");
                sources.Add("using SymGrad.Models;\nusing SymGrad.Models.AdBench;\n" + renamed);
                methods += perFile;
            }
        }

        return sources.ToArray();
    }

    private static int CountOf(string text, string part)
    {
        int count = 0;
        for (int at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>
    /// Warms the generator up until its time stops falling, then runs it five times on fresh compilations and returns
    /// the fastest (see <see cref="WarmBestOfFive"/>), with one more run whose output the test checks.
    /// </summary>
    internal static (TimeSpan Best, GeneratorRun Run) BestOfFive(params string[] sources)
    {
        TimeSpan best = WarmBestOfFive(sources, compilation => GeneratorHarness.CreateDriver().RunGenerators(compilation));
        CSharpCompilation fresh = GeneratorHarness.Compile(sources);
        return (best, GeneratorHarness.Run(fresh, GeneratorHarness.CreateDriver()));
    }

    /// <summary>
    /// The CPU time of <paramref name="work"/> on a fresh compilation of <paramref name="sources"/>, warm: the fastest of
    /// five runs (each on a compilation of its own, since semantic models and bound bodies are cached per compilation)
    /// after warm-up runs on one compilation. The targets are for warm code, as in a compiler server or an IDE, which
    /// run a generator on every edit; the runtime compiles hot methods again, optimised, only after they have run a
    /// while. On a slow two-core machine the 200-method input took ten to twenty runs to get there (2 s before,
    /// 0.6 to 0.8 s after), so three fixed warm-up runs measured unoptimised code. Hence: at least five warm-up runs,
    /// and more while a run is still more than 5% faster than every run before it; three runs in a row without that
    /// end the warm-up (at most 30).
    /// </summary>
    internal static TimeSpan WarmBestOfFive(string[] sources, Action<CSharpCompilation> work)
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(sources);
        TimeSpan fastest = TimeSpan.MaxValue;
        int withoutProgress = 0;
        for (int warmUp = 0; warmUp < 30 && (warmUp < 5 || withoutProgress < 3); warmUp++)
        {
            TimeSpan started = ThreadCpuTime.Now();
            work(compilation);
            TimeSpan took = ThreadCpuTime.Now() - started;
            withoutProgress = took.Ticks < fastest.Ticks * 0.95 ? 0 : withoutProgress + 1;
            fastest = took < fastest ? took : fastest;
        }

        TimeSpan best = TimeSpan.MaxValue;
        for (int i = 0; i < 5; i++)
        {
            CSharpCompilation fresh = GeneratorHarness.Compile(sources);
            TimeSpan start = ThreadCpuTime.Now();
            work(fresh);
            TimeSpan elapsed = ThreadCpuTime.Now() - start;
            best = elapsed < best ? elapsed : best;
        }

        return best;
    }
}

/// <summary>Timing tests run alone, after the parallel test classes.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingCollection
{
    public const string Name = "Generator timing";
}
