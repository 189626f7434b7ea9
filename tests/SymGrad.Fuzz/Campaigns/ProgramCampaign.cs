using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CsCheck;
using SymGrad.Generator.Tests.Properties;

namespace SymGrad.Fuzz.Campaigns;

/// <summary>
/// <c>--programs N</c>: the gradient-checking campaign. Random programs from the property tests'
/// generators (scalar expressions over every supported function with conditionals; loop programs
/// with arrays, nested loops, branches, scratch arrays and the vector functions; every tenth batch
/// call graphs of two to four methods, whose gradients and pullbacks are checked method by method),
/// compiled 50 to an in-memory compilation in a collectible context, each gradient checked against
/// central finite differences at several points. Batch <c>b</c> depends only on the seed and <c>b</c>.
/// Call graphs are a tenth, not a third: they cost about five times as much to compile as the others.
/// </summary>
internal static class ProgramCampaign
{
    private const int BatchSize = 50;

    /// <summary>The share of points that must be checkable, as in the property tests: systematic NaNs or overflow fail it.</summary>
    private const double MinimumCheckedShare = 0.9;

    /// <summary>The share of points the call-graph check may leave unjudged because the program's own sums cancel, as in the property tests.</summary>
    private const double MostCancelledShare = 0.01;

    public static bool Run(FuzzOptions options)
    {
        var clock = Stopwatch.StartNew();
        int batches = (options.Programs + BatchSize - 1) / BatchSize;
        var results = new ConcurrentBag<(int Batch, Kind Kind, BatchCheck Check)>();
        Parallel.For(0, batches, new ParallelOptions { MaxDegreeOfParallelism = options.Threads }, batch =>
        {
            int size = Math.Min(BatchSize, options.Programs - batch * BatchSize);
            var pcg = new PCG((uint)batch, options.Seed);
            Kind kind = batch % 10 == 9 ? Kind.CallGraphs : batch % 2 == 1 ? Kind.Loops : Kind.Expressions;
            BatchCheck check = kind switch
            {
                Kind.CallGraphs => CallGraphBatch.Check(CallGraphProgram.Programs.Array[size].Generate(pcg, null, out _)),
                Kind.Loops => LoopProgramBatch.Check(RandomLoopProgram.Programs.Array[size].Generate(pcg, null, out _)),
                _ => ExpressionBatch.Check(RandomExpression.Of(4).Array[size].Generate(pcg, null, out _)),
            };
            results.Add((batch, kind, check));
        });

        int expressionPrograms = results.Where(r => r.Kind == Kind.Expressions).Sum(r => r.Check.Programs);
        int loopPrograms = results.Where(r => r.Kind == Kind.Loops).Sum(r => r.Check.Programs);
        int callGraphs = results.Where(r => r.Kind == Kind.CallGraphs).Sum(r => r.Check.Programs);
        int mismatches = results.Sum(r => r.Check.Mismatches.Count);
        int broken = results.Count(r => r.Check.CompileProblems is not null);
        int checkedPoints = results.Sum(r => r.Check.Checked);
        int skipped = results.Sum(r => r.Check.Skipped);
        List<string> cancelled = results.OrderBy(r => r.Batch).SelectMany(r => r.Check.CancelledPoints ?? Array.Empty<string>()).ToList();
        foreach ((int batch, Kind kind, BatchCheck check) in results.Where(r => !r.Check.Passed).OrderBy(r => r.Batch))
        {
            string what = kind switch { Kind.CallGraphs => "call graphs", Kind.Loops => "loop programs", _ => "expressions" };
            Console.WriteLine($"FAILED batch {batch} ({what}, seed {options.Seed}):");
            Console.WriteLine(Indent(check.Failure!.Length > 4000 ? check.Failure[..4000] + "\n..." : check.Failure));
        }

        int points = checkedPoints + skipped;
        bool enoughChecked = points == 0 || checkedPoints >= MinimumCheckedShare * points;
        if (!enoughChecked)
        {
            Console.WriteLine($"FAILED only {checkedPoints} of {points} points could be checked (at least {MinimumCheckedShare:P0} must be)");
        }

        foreach (string point in cancelled)
        {
            Console.WriteLine("not judged, the program's own sums cancel: " + point);
        }

        bool fewCancelled = cancelled.Count <= MostCancelledShare * points;
        if (!fewCancelled)
        {
            Console.WriteLine($"FAILED {cancelled.Count} of {points} points were left unjudged because the program's own sums cancel (at most {MostCancelledShare:P0} may be)");
        }

        Console.WriteLine($"{expressionPrograms} scalar expression programs, {loopPrograms} loop programs, {callGraphs} call graphs; {clock.Elapsed.TotalSeconds:F1} s with {options.Threads} threads, seed {options.Seed}");
        Console.WriteLine($"{options.Programs} programs, {mismatches} gradient mismatches, {broken} batches with generator or compile problems, {checkedPoints} points checked, {skipped} skipped ({cancelled.Count} where the program's own sums cancel)");
        return mismatches == 0 && broken == 0 && enoughChecked && fewCancelled;
    }

    private enum Kind
    {
        Expressions,
        Loops,
        CallGraphs,
    }

    private static string Indent(string text) => "    " + text.Replace("\n", "\n    ", StringComparison.Ordinal);
}
