using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using CsCheck;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SymGrad.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace SymGrad.Generator.Tests.Properties;

/// <summary>
/// Property: for random programs with loops over arrays (<see cref="RandomLoopProgram"/>), the
/// generated gradient returns exactly the method's value, and its derivatives with respect to
/// <c>x</c> and every <c>a[k]</c> agree with central finite differences. Programs are compiled
/// through the generator in memory in batches (compiling is the cost); a failure names the program
/// (its C# source) and the point.
/// </summary>
public class LoopProgramProperties
{
    private const int ProgramsPerBatch = 40;
    private const int Batches = 15;

    private readonly ITestOutputHelper output;

    public LoopProgramProperties(ITestOutputHelper output) => this.output = output;

    private delegate double LoopGradient(double[] a, double x, double[] b, Span<double> da, out double dx);

    [Fact]
    public void GeneratedGradientsOfRandomLoopProgramsMatchFiniteDifferences()
    {
        int checkedPoints = 0;
        int skippedPoints = 0;
        Gen<RandomLoopProgram[]> batches = RandomLoopProgram.Programs.Array[ProgramsPerBatch];

        batches.Sample(
            programs =>
            {
                (int checkedHere, int skippedHere) = CheckBatch(programs);
                Interlocked.Add(ref checkedPoints, checkedHere);
                Interlocked.Add(ref skippedPoints, skippedHere);
            },
            iter: Batches,
            threads: 2,
            print: programs => $"a batch of {programs.Length} programs (the exception names the failing program and point)");

        int total = ProgramsPerBatch * Batches * RandomLoopProgram.PointsPerProgram;
        output.WriteLine($"{ProgramsPerBatch * Batches} programs, {checkedPoints} of {total} points checked, {skippedPoints} skipped (non-smooth within the step, or overflow)");
        Assert.True(ProgramsPerBatch * Batches >= 500);
        Assert.True(checkedPoints >= total * 0.9, $"only {checkedPoints} of {total} points could be checked");
    }

    private static string Source(RandomLoopProgram[] programs)
    {
        var source = new StringBuilder("using System;\nusing SymGrad;\npublic static partial class RandomLoops\n{\n");
        for (int i = 0; i < programs.Length; i++)
        {
            source.Append(programs[i].Render("F" + i));
        }

        return source.Append("}\n").ToString();
    }

    private static (int Checked, int Skipped) CheckBatch(RandomLoopProgram[] programs)
    {
        GeneratorRun run = GeneratorHarness.Run(Source(programs));
        var problems = run.GeneratorDiagnostics.Concat(run.OutputProblems).ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("generator or compile problems:\n" + Describe(problems, programs));
        }

        Type type = run.Load().GetType("RandomLoops")!;
        int checkedPoints = 0;
        int skipped = 0;
        for (int i = 0; i < programs.Length; i++)
        {
            var f = type.GetMethod("F" + i)!.CreateDelegate<Func<double[], double, double[], double>>();
            var gradient = type.GetMethod("F" + i + "Gradient")!.CreateDelegate<LoopGradient>();
            foreach (RandomLoopProgram.LoopPoint point in programs[i].Points)
            {
                if (CheckPoint(f, gradient, point, out string? failure))
                {
                    checkedPoints++;
                }
                else if (failure is null)
                {
                    skipped++;
                }
                else
                {
                    throw new InvalidOperationException($"F{i} at {point}: {failure}\n{programs[i].Render("F" + i)}");
                }
            }
        }

        return (checkedPoints, skipped);
    }

    /// <summary>Each problem with the source of the program it is in (found from the method containing it).</summary>
    private static string Describe(IEnumerable<Diagnostic> problems, RandomLoopProgram[] programs)
    {
        var text = new StringBuilder();
        foreach (IGrouping<string, Diagnostic> group in problems.GroupBy(MethodOf))
        {
            string name = group.Key.EndsWith("Gradient", StringComparison.Ordinal) ? group.Key[..^"Gradient".Length] : group.Key;
            text.Append(string.Join("\n", group.Take(3))).Append('\n');
            if (name.Length > 1 && name[0] == 'F' && int.TryParse(name[1..], out int index) && index < programs.Length)
            {
                text.Append(programs[index].Render(name)).Append('\n');
            }
        }

        return text.ToString();
    }

    private static string MethodOf(Diagnostic diagnostic)
    {
        SyntaxTree? tree = diagnostic.Location.SourceTree;
        if (tree is null)
        {
            return "?";
        }

        SyntaxNode? node = tree.GetRoot().FindNode(diagnostic.Location.SourceSpan);
        return node.AncestorsAndSelf().OfType<MethodDeclarationSyntax>().FirstOrDefault()?.Identifier.Text ?? "?";
    }

    /// <summary>True when checked and right; false with a null failure when the point cannot be checked by differences.</summary>
    private static bool CheckPoint(Func<double[], double, double[], double> f, LoopGradient gradient, RandomLoopProgram.LoopPoint point, out string? failure)
    {
        failure = null;
        double[] a = (double[])point.A.Clone();
        double[] b = (double[])point.B.Clone();
        double expectedValue = f(a, point.X, b);
        if (!double.IsFinite(expectedValue) || Math.Abs(expectedValue) > 1e8)
        {
            return false;
        }

        var da = new double[a.Length];
        Array.Fill(da, double.NaN); // the gradient must clear its outputs
        double value = gradient(a, point.X, b, da, out double dx);
        if (value != expectedValue)
        {
            failure = $"value {value:R} but the method returns {expectedValue:R}";
            return false;
        }

        if (!a.SequenceEqual(point.A) || !b.SequenceEqual(point.B))
        {
            failure = "the gradient changed its input arrays";
            return false;
        }

        // Coordinates: a[0] .. a[n-1], then x.
        double[] analytic = da.Append(dx).ToArray();
        if (analytic.Any(g => !double.IsFinite(g)))
        {
            // An intermediate overflowed (exp of a large power, say) where the result saturates: the chain
            // rule meets 0 * inf, as in every AD tool. Systematic NaNs would still fail the 90% bound.
            return false;
        }

        for (int k = 0; k < analytic.Length; k++)
        {
            double fine = Difference(f, point, k, 1e-6);
            double coarse = Difference(f, point, k, 1e-4);
            if (!double.IsFinite(fine) || Math.Abs(fine - coarse) > 1e-3 * (1 + Math.Abs(fine)))
            {
                return false; // a kink, a branch switch or a singularity within the step: differences say nothing here
            }

            // Central differences carry a rounding error of about eps |f| / h on top of the truncation error.
            double rounding = 8 * 2.2e-16 * Math.Abs(expectedValue) / 1e-6;
            // Large intermediates make the function noisy at small steps; a right gradient matches the
            // differences at some step between 1e-6 and 1e-3, a wrong one at none.
            double estimate = analytic[k];
            bool matches = new[] { 1e-6, 1e-5, 1e-4, 1e-3 }.Select(h => Difference(f, point, k, h))
                .Any(d => Math.Abs(estimate - d) <= 1e-5 + 1e-4 * Math.Abs(d) + rounding);
            if (!matches)
            {
                string coordinate = k < a.Length ? $"a[{k}]" : "x";
                failure = $"d/d{coordinate}: generated {analytic[k]:R}, finite differences {fine:R} (gradient {string.Join(", ", analytic.Select(g => g.ToString("R")))})";
                return false;
            }
        }

        return true;
    }

    private static double Difference(Func<double[], double, double[], double> f, RandomLoopProgram.LoopPoint point, int k, double h)
    {
        double[] a = point.A;
        if (k < a.Length)
        {
            double[] plus = (double[])a.Clone();
            double[] minus = (double[])a.Clone();
            plus[k] += h;
            minus[k] -= h;
            return (f(plus, point.X, point.B) - f(minus, point.X, point.B)) / (2 * h);
        }

        return (f(a, point.X + h, point.B) - f(a, point.X - h, point.B)) / (2 * h);
    }
}
