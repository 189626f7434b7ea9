using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SymGrad.Fuzz.Corpus;
using SymGrad.Fuzz.Inputs;
using SymGrad.Fuzz.Shrinking;
using SymGrad.Generator.Tests.Hardening;
using SymGrad.Generator.Tests.Infrastructure;

namespace SymGrad.Fuzz.Campaigns;

/// <summary>
/// <c>--inputs N</c>: runs the generator in memory over N inputs (<see cref="InputFactory"/>) and
/// judges each (<see cref="InputVerdict"/>). Each distinct failure is shrunk and written for the
/// regression test; the last line printed is the summary
/// <c>N inputs, E generator exceptions, C generated-code compile errors, D accepted, R rejected with SYMGRAD diagnostics</c>.
/// A run of 100 or more inputs starts with the <see cref="ScaleProbes"/>; a probe that crashes the
/// process or does not finish counts as a generator exception.
/// </summary>
internal static class InputCampaign
{
    /// <summary>A generator run longer than this on one input stalls an IDE noticeably.</summary>
    private static readonly TimeSpan SlowGenerator = TimeSpan.FromSeconds(2);

    public static bool Run(FuzzOptions options)
    {
        var clock = Stopwatch.StartNew();
        (var corpus, var dropped) = CorpusLoader.Load();
        Console.WriteLine($"corpus: {corpus.Count} files and inline cases ({dropped.Count} left out: they do not compile on their own{(dropped.Count > 0 ? ": " + string.Join(", ", dropped) : "")})");
        if (corpus.Count == 0)
        {
            Console.WriteLine("the corpus is empty: run from the repository");
            return false;
        }

        var factory = new InputFactory(corpus, options.Seed);
        var counts = new int[Enum.GetValues<InputOutcome>().Length];
        var failures = new ConcurrentBag<(FuzzInput Input, InputVerdict Verdict)>();
        var slow = new ConcurrentBag<(FuzzInput Input, TimeSpan Time)>();
        long slowestTicks = 0;
        int slowestIndex = -1;
        object slowestLock = new();
        int done = 0;
        // The first inputs of a run of at least 100 are the scale probes, judged in child processes.
        int probes = options.Inputs >= 100 ? ScaleProbes.All.Count : 0;
        Parallel.For(0, options.Inputs, new ParallelOptions { MaxDegreeOfParallelism = options.Threads }, index =>
        {
            FuzzInput input = index < probes
                ? new FuzzInput(index, "scale probe: " + ScaleProbes.All[index].Name, ScaleProbes.All[index].Source)
                : factory.Create(index);
            InputVerdict verdict = index < probes ? ChildJudge.Judge(input.Source) : InputVerdict.Judge(input.Source);
            Interlocked.Increment(ref counts[(int)verdict.Outcome]);
            if (verdict.Outcome.IsFailure())
            {
                failures.Add((input, verdict));
            }

            if (verdict.GeneratorTime > SlowGenerator)
            {
                slow.Add((input, verdict.GeneratorTime));
            }

            lock (slowestLock)
            {
                if (verdict.GeneratorTime.Ticks > slowestTicks)
                {
                    slowestTicks = verdict.GeneratorTime.Ticks;
                    slowestIndex = index;
                }
            }

            int finished = Interlocked.Increment(ref done);
            if (finished % 5_000 == 0)
            {
                // Running counts, so that a long run stopped early still says what it found.
                Console.Error.WriteLine($"{finished} inputs judged ({clock.Elapsed.TotalSeconds:F0} s): {counts[0]} generator exceptions, {counts[1]} generated-code compile errors, {counts[4]} accepted, {counts[2]} rejected with SYMGRAD diagnostics");
            }
        });

        ReportFailures(options, failures);
        foreach ((FuzzInput input, TimeSpan time) in slow.OrderBy(s => s.Input.Index))
        {
            // Reported, not failed: the summary's contract is exceptions and compile errors; docs/reliability.md tracks these.
            Console.WriteLine($"SLOW input #{input.Index} ({input.Origin}): the generator took {time.TotalMilliseconds:F0} ms");
        }

        int exceptions = counts[(int)InputOutcome.GeneratorException];
        int compileErrors = counts[(int)InputOutcome.GeneratedCodeError];
        Console.WriteLine($"{counts[(int)InputOutcome.RejectedByCSharp]} inputs rejected by C# errors in the user's own code; slowest generator run {TimeSpan.FromTicks(slowestTicks).TotalMilliseconds:F0} ms (input #{slowestIndex}); {clock.Elapsed.TotalSeconds:F1} s with {options.Threads} threads, seed {options.Seed}");
        Console.WriteLine($"{options.Inputs} inputs, {exceptions} generator exceptions, {compileErrors} generated-code compile errors, {counts[(int)InputOutcome.Accepted]} accepted, {counts[(int)InputOutcome.RejectedBySymGrad]} rejected with SYMGRAD diagnostics");
        return exceptions == 0 && compileErrors == 0;
    }

    /// <summary>One paragraph per distinct defect; new ones are shrunk and written as regression files.</summary>
    private static void ReportFailures(FuzzOptions options, ConcurrentBag<(FuzzInput Input, InputVerdict Verdict)> failures)
    {
        string recorded = RepositoryPaths.Of("tests", "SymGrad.Generator.Tests", "Hardening", "Regressions");
        var writer = new FindingWriter(options.OutputFolder ?? recorded, recorded);
        foreach (var group in failures.GroupBy(f => (f.Verdict.Outcome, f.Verdict.Signature)).OrderByDescending(g => g.Count()))
        {
            (FuzzInput input, InputVerdict verdict) = group.OrderBy(f => f.Input.Source.Length).ThenBy(f => f.Input.Index).First();
            string fileName = FindingWriter.FileNameOf(verdict);
            Console.WriteLine($"FAILED {group.Count()} inputs: {verdict.Outcome} {verdict.Signature} (smallest: input #{input.Index}, {input.Origin})");
            Console.WriteLine("    " + (verdict.Detail.Split('\n').FirstOrDefault() ?? ""));
            if (input.Origin.StartsWith("scale probe", StringComparison.Ordinal))
            {
                // Not shrunk in this process (it might overflow the stack) and not replayed by the tests: every run of 100 or more inputs probes again.
                Console.WriteLine("    a scale probe: every fuzz run of 100 or more inputs replays it");
                continue;
            }

            if (writer.IsKnown(verdict))
            {
                Console.WriteLine($"    already recorded: Hardening/Regressions/{fileName}");
                continue;
            }

            string shrunk = Shrinker.Shrink(input.Source, verdict, TimeSpan.FromSeconds(options.ShrinkSeconds));
            string foundBy = $"--inputs {options.Inputs} --seed {options.Seed}, input #{input.Index} ({input.Origin}), shrunk";
            Console.WriteLine($"    shrunk from {input.Source.Length} to {shrunk.Length} characters: {writer.Write(verdict, shrunk, foundBy)}");
        }
    }
}
