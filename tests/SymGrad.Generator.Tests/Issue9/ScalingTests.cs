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
/// thread), warm; the 200-method test judges it against the C# compiler's own compile of the same input (CompilerWorkload), which stands for a
/// known time on the reference machine, and holds it to the time recorded there (<see cref="RecordedMilliseconds"/>: issue 9's
/// 1 s target was missed in the whole test run of 2026-12-05, met when this test ran alone); the driver's wall-clock time (GetTimingInfo) is printed beside it. CPU time, because CI machines have two cores shared with other test processes.
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
    public void TwoHundredOrdinaryMethodsStayWithinTheRecordedGeneratorTime()
    {
        // Ten copies of the seed models' 20 methods (six of which also ask for forward mode and Hessians).
        string[] sources = RealisticMethods(copies: 10, out int methods);
        Assert.True(methods >= 200, $"only {methods} methods");
        (TimeSpan warm, GeneratorRun run) = BestOfFive(sources);
        Func<CSharpCompilation> compile = CompilerWorkload(out string[] compilable);
        TimeSpan compilerWarm = WarmBestOfFive(compile, Emit);

        // Then both again, in turns, so that each pair meets the same state of the machine: on the two-core VM the times
        // of either moved by a third between runs of this test, the ratio within a pair much less. The test judges the
        // median ratio of nine pairs (five until 2026-12-06, when one run's pairs were 2.93, 3.00, 3.17, 3.00 and 3.15
        // against a bound of 3.15: a median of five moved with two pairs, and the more pairs, the less a passing
        // generator fails by chance and the surer a slower one does; the bound is unchanged).
        TimeSpan best = TimeSpan.MaxValue, compiler = TimeSpan.MaxValue;
        var ratios = new List<double>();
        for (int round = 0; round < Pairs; round++)
        {
            TimeSpan generator = TimeOf(() => GeneratorHarness.Compile(sources), c => GeneratorHarness.CreateDriver().RunGenerators(c));
            TimeSpan compiled = TimeOf(compile, Emit);
            ratios.Add(generator.TotalMilliseconds / Math.Max(1.0, compiled.TotalMilliseconds));
            best = Min(best, generator);
            compiler = Min(compiler, compiled);
        }

        double ratio = ratios.OrderBy(r => r).ElementAt(Pairs / 2);
        double allowed = RecordedMilliseconds / ReferenceCompileMilliseconds * MeasurementSpread;
        double target = TargetMilliseconds / ReferenceCompileMilliseconds;
        output.WriteLine($"the compiler's own compile of {compilable.Length} of the {sources.Length} files: {compiler.TotalMilliseconds:F0} ms CPU here at best ({compilerWarm.TotalMilliseconds:F0} ms after its warm-up), {ReferenceCompileMilliseconds:F0} ms on the reference machine");
        output.WriteLine($"{methods} methods: {best.TotalMilliseconds:F0} ms CPU at best ({warm.TotalMilliseconds:F0} ms after the warm-up; {run.Driver.GetTimingInfo().ElapsedTime.TotalMilliseconds:F0} ms wall in the last run); {ratio:F2} times the compile (median of {string.Join(", ", ratios.Select(r => r.ToString("F2")))}), about {ratio * ReferenceCompileMilliseconds:F0} ms on the reference machine; allowed {allowed:F2} times; issue 9's target of {TargetMilliseconds:F0} ms ({target:F2} times) {(ratio <= target ? "met" : "NOT met")}");
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.OutputProblems);
        Assert.Equal(methods, run.Generated.Count);
        Assert.True(ratio < allowed, $"the generator took {ratio:F2} times the compiler's own compile of its input, about {ratio * ReferenceCompileMilliseconds:F0} ms on the reference machine: slower than the {RecordedMilliseconds:F0} ms recorded there, even allowing for the measurement's spread");
    }

    /// <summary>
    /// What measures how much slower this machine is than the one the targets were set on: the C# compiler's own compile
    /// (Emit, on one thread as the generator runs) of the 200-method input, timed as the generator is. It stands for
    /// <see cref="ReferenceCompileMilliseconds"/> on that machine, so 1 s there is 1,000 / 420 = 2.38 compiles.
    /// The files that call generated gradients (the ADBench input readers) do not compile without the generator and are
    /// left out, so the Emit succeeds (asserted) and times a whole compile: binding, flow analysis, lowering and IL. The
    /// targets are seconds on that machine (docs/benchmarks.md, "Generator time"), and a two-core CI machine can be
    /// twice as slow.
    /// </summary>
    internal static Func<CSharpCompilation> CompilerWorkload(out string[] compilable)
    {
        string[] sources = RealisticMethods(copies: 10, out _);
        CSharpCompilation all = GeneratorHarness.Compile(sources);
        var broken = new HashSet<string>(all.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree is not null)
            .Select(d => d.Location.SourceTree!.ToString()));
        string[] kept = sources.Where(source => !broken.Contains(source)).ToArray();
        compilable = kept;
        CSharpCompilation Compile() => GeneratorHarness.Compile(kept).WithOptions(all.Options.WithConcurrentBuild(false));
        using var check = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult result = Compile().Emit(check);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        return Compile;
    }

    private static void Emit(CSharpCompilation compilation)
    {
        using var stream = new MemoryStream();
        compilation.Emit(stream);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>The CPU time of <paramref name="work"/> on a fresh compilation (its making not counted).</summary>
    private static TimeSpan TimeOf(Func<CSharpCompilation> compile, Action<CSharpCompilation> work)
    {
        CSharpCompilation fresh = compile();
        // Each run pays for collecting its own garbage only: without this, the collections a run triggers also swept what
        // the run before it left (the generator leaves about 400 MB a run), charged the compile with the generator's
        // garbage in the pairs below, and moved the ratio by a quarter with the tests that ran before (2.1 alone, 2.6 to
        // 3.0 after the build-scale test, on 2026-12-05).
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        TimeSpan start = ThreadCpuTime.Now();
        work(fresh);
        return ThreadCpuTime.Now() - start;
    }

    /// <summary>
    /// The compile of <see cref="CompilerWorkload"/> on the machine the targets were set on. That machine is gone, so this
    /// is derived from a generator measured on both: on the two-core VM the generator of commit 2a8ee0f took 1.72 and
    /// 1.94 times this compile (two runs, each timing both in one process as this test does; the absolute times moved
    /// by a third between runs, the ratio much less), and it took 770 ms on the reference machine: 770 / 1.83 = 420.
    /// </summary>
    internal const double ReferenceCompileMilliseconds = 420;

    /// <summary>How many pairs of the generator's and the compiler's time the 200-method test takes the median of.</summary>
    private const int Pairs = 9;

    /// <summary>
    /// How far a run's ratio of the generator's time to the compile's may stray: on the two-core VM the ratio for the
    /// same build ranged over about ±15% between runs (medians of five pairs 1.82 to 2.17; ratios of the fastest runs
    /// 1.94 to 2.59; 2a8ee0f 1.72 to 1.94), so a target
    /// within that of the measurement cannot be judged from one run. The test fails at 1.15 s on the reference
    /// machine; docs/benchmarks.md records the estimate itself.
    /// </summary>
    internal const double MeasurementSpread = 1.15;

    /// <summary>Issue 9's target for the 200 methods: 1 s on the reference machine (2.38 compiles).</summary>
    internal const double TargetMilliseconds = 1000;

    /// <summary>
    /// What the test holds the generator to: the time recorded on 2026-12-05 (docs/benchmarks.md, "Generator time"),
    /// measured as this test measures. The target above was NOT met then: the generator took 2.6 to 2.8 compiles of this
    /// input in the whole generator test run, about 1.1 to 1.17 s on the reference machine (2.06 and 2.19 with this test run
    /// alone later that day), against 1.88 compiles (0.79 s) for commit 2a8ee0f on the same input
    /// and machine; the row tiles, row lanes and their local functions of issue 12 added most of the difference, and the
    /// compiler-error check of issue 9 is a fifth of the time. Until the generator is that much faster again, this bound
    /// (the recorded time; the test fails above it times <see cref="MeasurementSpread"/>) keeps it from getting slower
    /// still, and the test's output says whether the target is met. Lower it when the generator gets faster; never raise
    /// it to let a slower generator pass. Lowered from 1150 on 2026-12-07, when the pullbacks of tiled gradients became
    /// calls of the gradient: three interleaved runs on one machine measured 1.92, 2.23 and 2.34 compiles against 2.40,
    /// 2.74 and 2.69 before (0.83 of the time), so the test now fails above 2.74 compiles instead of 3.15.
    /// </summary>
    internal const double RecordedMilliseconds = 1000;

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
        TimeSpan best = WarmBestOfFive(() => GeneratorHarness.Compile(sources), compilation => GeneratorHarness.CreateDriver().RunGenerators(compilation));
        CSharpCompilation fresh = GeneratorHarness.Compile(sources);
        return (best, GeneratorHarness.Run(fresh, GeneratorHarness.CreateDriver()));
    }

    /// <summary>
    /// The CPU time of <paramref name="work"/> on a fresh compilation from <paramref name="compile"/>, warm: the fastest of
    /// five runs (each on a compilation of its own, since semantic models and bound bodies are cached per compilation)
    /// after warm-up runs on one compilation. The targets are for warm code, as in a compiler server or an IDE, which
    /// run a generator on every edit; the runtime compiles hot methods again, optimised, only after they have run a
    /// while. On a slow two-core machine the 200-method input took ten to twenty runs to get there (2 s before,
    /// 0.6 to 0.8 s after, on one compilation), so three fixed warm-up runs measured unoptimised code. Hence: at least five warm-up runs,
    /// and more while a run is still more than 5% faster than every run before it; three runs in a row without that
    /// end the warm-up (at most 20).
    /// </summary>
    internal static TimeSpan WarmBestOfFive(Func<CSharpCompilation> compile, Action<CSharpCompilation> work)
    {
        CSharpCompilation compilation = compile();
        TimeSpan fastest = TimeSpan.MaxValue;
        int withoutProgress = 0;
        for (int warmUp = 0; warmUp < 20 && (warmUp < 5 || withoutProgress < 3); warmUp++)
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
            best = Min(best, TimeOf(compile, work));
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
