using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SymGrad.Generator.Tests.Infrastructure;

namespace SymGrad.Generator.Tests.Properties;

/// <summary>
/// Compiles a batch of <see cref="RandomLoopProgram"/>s as <c>F0 .. Fn</c> through the generator in
/// one in-memory compilation and checks each generated gradient at the program's points: the method's
/// value (<see cref="ReturnedValue"/>), input arrays untouched, and the derivatives with respect to <c>x</c> and every
/// <c>a[k]</c> against central finite differences. A problem names the program (its C# source).
/// </summary>
public static class LoopProgramBatch
{
    private delegate double LoopGradient(double[] a, double x, double[] b, Span<double> da, out double dx);

    public static string Source(IReadOnlyList<RandomLoopProgram> programs)
    {
        var source = new StringBuilder("using System;\nusing SymGrad;\npublic static partial class RandomLoops\n{\n");
        for (int i = 0; i < programs.Count; i++)
        {
            source.Append(programs[i].Render("F" + i));
        }

        return source.Append("}\n").ToString();
    }

    public static BatchCheck Check(IReadOnlyList<RandomLoopProgram> programs)
    {
        GeneratorRun run = GeneratorHarness.Run(Source(programs));
        var problems = run.GeneratorDiagnostics.Concat(run.OutputProblems).ToList();
        if (problems.Count > 0)
        {
            return new BatchCheck(programs.Count, 0, 0, Array.Empty<string>(), Describe(problems, programs));
        }

        Type type = run.Load().GetType("RandomLoops")!;
        int checkedPoints = 0;
        int skipped = 0;
        var mismatches = new List<string>();
        for (int i = 0; i < programs.Count; i++)
        {
            var f = type.GetMethod("F" + i)!.CreateDelegate<Func<double[], double, double[], double>>();
            var gradient = type.GetMethod("F" + i + "Gradient")!.CreateDelegate<LoopGradient>();
            foreach (RandomLoopProgram.LoopPoint point in programs[i].Points)
            {
                string? failure = CheckPoint(f, gradient, point, out bool isChecked);
                if (failure is not null)
                {
                    mismatches.Add($"F{i} at {point}: {failure}\n{programs[i].Render("F" + i)}");
                }
                else if (isChecked)
                {
                    checkedPoints++;
                }
                else
                {
                    skipped++;
                }
            }
        }

        return new BatchCheck(programs.Count, checkedPoints, skipped, mismatches, null);
    }

    /// <summary>Each problem with the source of the program it is in (found from the method containing it).</summary>
    private static string Describe(IEnumerable<Diagnostic> problems, IReadOnlyList<RandomLoopProgram> programs)
    {
        var text = new StringBuilder();
        foreach (IGrouping<string, Diagnostic> group in problems.GroupBy(MethodOf))
        {
            string name = group.Key.EndsWith("Gradient", StringComparison.Ordinal) ? group.Key[..^"Gradient".Length] : group.Key;
            text.Append(string.Join("\n", group.Take(3))).Append('\n');
            if (name.Length > 1 && name[0] == 'F' && int.TryParse(name[1..], out int index) && index < programs.Count)
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

    /// <summary>The central steps the cancellation rules below look at.</summary>
    private static readonly double[] Steps = { 1e-6, 1e-5, 1e-4, 1e-3 };

    /// <summary>Whether central differences are exactly 0 at every step from 1e-6 to 1e-3.</summary>
    private static bool IsFlat(Func<double, double> difference) => Steps.All(h => difference(h) == 0);

    /// <summary>A mismatch, or null with <paramref name="isChecked"/> false when differences cannot judge the point.</summary>
    private static string? CheckPoint(Func<double[], double, double[], double> f, LoopGradient gradient, RandomLoopProgram.LoopPoint point, out bool isChecked)
    {
        isChecked = false;
        double[] a = (double[])point.A.Clone();
        double[] b = (double[])point.B.Clone();
        double expectedValue = f(a, point.X, b);
        if (!double.IsFinite(expectedValue) || Math.Abs(expectedValue) > 1e8)
        {
            return null;
        }

        var da = new double[a.Length];
        Array.Fill(da, double.NaN); // the gradient must clear its outputs
        double value = gradient(a, point.X, b, da, out double dx);
        if (!ReturnedValue.Matches(expectedValue, value))
        {
            return $"value {value:R} but the method returns {expectedValue:R}";
        }

        if (!a.SequenceEqual(point.A) || !b.SequenceEqual(point.B))
        {
            return "the gradient changed its input arrays";
        }

        // Coordinates: a[0] .. a[n-1], then x.
        double[] analytic = da.Append(dx).ToArray();
        if (analytic.Any(g => !double.IsFinite(g)))
        {
            // An intermediate overflowed (exp of a large power, say) where the result saturates: the chain
            // rule meets 0 * inf, as in every AD tool. Systematic NaNs still fail the callers' 90% bound.
            return null;
        }

        if (analytic.Any(g => g != 0) && Enumerable.Range(0, analytic.Length).All(k => IsFlat(h => Difference(f, point, k, h))))
        {
            // No coordinate moves the value at any step while the gradient is not zero: large intermediates cancel
            // in the value (iterationStop + 0.5 * sum + (sum - iterationStop) with iterationStop near 1e19 is 0.0 at
            // every nearby point), so differences in double cannot see the real derivative.
            return null;
        }

        double? grid = null;
        for (int k = 0; k < analytic.Length; k++)
        {
            int coordinate = k;
            if (analytic[k] != 0 && (grid ??= RoundingGrid(f, point, analytic.Length)) > 0
                && 2 * Math.Abs(analytic[k]) * 1e-3 < 4 * grid && Math.Abs(Change(f, point, coordinate, 1e-3)) < 4 * grid)
            {
                // The same cancellation, seen in one coordinate: the value is rounded to the grid of an intermediate
                // near 2e10 that cancels in it (previous + 0.5 * iteration - previous), and both this partial and the
                // value's own change are under four steps of that grid at the largest step (a partial of -0.0023
                // against one step of 3.8e-6), so differences cannot judge it. The point is left unchecked.
                return null;
            }

            switch (FiniteDifferenceCheck.Compare(analytic[k], expectedValue, h => Difference(f, point, coordinate, h), out double fine))
            {
                case FiniteDifferenceCheck.Verdict.Uncheckable:
                    return null;
                case FiniteDifferenceCheck.Verdict.Mismatch:
                    string name = k < a.Length ? $"a[{k}]" : "x";
                    return $"d/d{name}: generated {analytic[k]:R}, finite differences {fine:R} (gradient {string.Join(", ", analytic.Select(g => g.ToString("R")))})";
            }
        }

        isChecked = true;
        return null;
    }

    /// <summary>
    /// The step of the grid the value is rounded to near the point, or 0 when there is no sign of one. A value computed
    /// as large intermediates that cancel changes only by short multiples of one power of two (the intermediate's unit
    /// in the last place): every nonzero change any coordinate's central step (1e-6 to 1e-3) makes has at most 24
    /// significant bits, and at least three do. A smooth value's changes carry about 53.
    /// </summary>
    private static double RoundingGrid(Func<double[], double, double[], double> f, RandomLoopProgram.LoopPoint point, int coordinates)
    {
        double grid = double.PositiveInfinity;
        int seen = 0;
        foreach (double h in Steps)
        {
            for (int k = 0; k < coordinates; k++)
            {
                double change = Math.Abs(Change(f, point, k, h));
                if (change == 0)
                {
                    continue;
                }

                if (!double.IsNormal(change) || SignificantBits(change) > 24)
                {
                    return 0;
                }

                seen++;
                grid = Math.Min(grid, change);
            }
        }

        return seen >= 3 ? grid : 0;
    }

    private static int SignificantBits(double value)
    {
        long mantissa = (BitConverter.DoubleToInt64Bits(value) & ((1L << 52) - 1)) | (1L << 52);
        return 53 - System.Numerics.BitOperations.TrailingZeroCount(mantissa);
    }

    /// <summary>f at the point moved by +h in coordinate k, minus f moved by -h: exact when both lie on one grid.</summary>
    private static double Change(Func<double[], double, double[], double> f, RandomLoopProgram.LoopPoint point, int k, double h)
    {
        double[] a = point.A;
        if (k < a.Length)
        {
            double[] plus = (double[])a.Clone();
            double[] minus = (double[])a.Clone();
            plus[k] += h;
            minus[k] -= h;
            return f(plus, point.X, point.B) - f(minus, point.X, point.B);
        }

        return f(a, point.X + h, point.B) - f(a, point.X - h, point.B);
    }

    private static double Difference(Func<double[], double, double[], double> f, RandomLoopProgram.LoopPoint point, int k, double h) =>
        Change(f, point, k, h) / (2 * h);
}
