using System;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Threading;
using CsCheck;
using SymGrad.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace SymGrad.Generator.Tests.Properties;

/// <summary>
/// Property: for random expressions built from every supported operation, the generated gradient
/// agrees with central finite differences. Each sample is a batch of expressions compiled through
/// the generator in memory in one compilation (compiling is the cost); on failure CsCheck shrinks
/// the expressions to a minimal failing one, and the failure names the expression and the point.
/// </summary>
public class GradientProperties
{
    private const int ExpressionsPerBatch = 50;
    private const int Batches = 24;

    private static readonly (double X, double Y, double Z)[] Points = { (0.31, -0.72, 1.13), (-1.21, 0.43, -0.52), (0.87, 1.29, -1.37) };

    private readonly ITestOutputHelper output;

    public GradientProperties(ITestOutputHelper output) => this.output = output;

    private delegate double Gradient3(double x, double y, double z, out double dx, out double dy, out double dz);

    [Fact]
    public void GeneratedGradientsOfRandomExpressionsMatchFiniteDifferences()
    {
        int checkedPoints = 0;
        int skippedPoints = 0;
        Gen<RandomExpression[]> batches = RandomExpression.Of(4).Array[ExpressionsPerBatch];

        batches.Sample(
            expressions =>
            {
                (int checkedHere, int skippedHere) = CheckBatch(expressions);
                Interlocked.Add(ref checkedPoints, checkedHere);
                Interlocked.Add(ref skippedPoints, skippedHere);
            },
            iter: Batches,
            threads: 1,
            print: expressions => string.Join("\n", expressions.Select(e => e.Render())));

        output.WriteLine($"{checkedPoints} points checked, {skippedPoints} skipped (non-smooth within the step, or overflow)");
        Assert.True(ExpressionsPerBatch * Batches >= 1000);
        Assert.True(checkedPoints >= ExpressionsPerBatch * Batches * Points.Length * 0.9, $"only {checkedPoints} points could be checked");
    }

    private static (int Checked, int Skipped) CheckBatch(RandomExpression[] expressions)
    {
        var source = new StringBuilder("using System;\nusing SymGrad;\npublic static partial class Random\n{\n");
        for (int i = 0; i < expressions.Length; i++)
        {
            source.Append("    [Differentiable] public static double F").Append(i).Append("(double x, double y, double z) => ").Append(expressions[i].Render()).Append(";\n");
        }

        source.Append("}\n");
        GeneratorRun run = GeneratorHarness.Run(source.ToString());
        if (run.GeneratorDiagnostics.Length > 0 || run.OutputProblems.Count > 0)
        {
            throw new InvalidOperationException("generator or compile problems: " + string.Join("; ", run.GeneratorDiagnostics.Concat(run.OutputProblems)));
        }

        Type type = run.Load().GetType("Random")!;
        int checkedPoints = 0;
        int skipped = 0;
        for (int i = 0; i < expressions.Length; i++)
        {
            var f = type.GetMethod("F" + i)!.CreateDelegate<Func<double, double, double, double>>();
            var gradient = type.GetMethod("F" + i + "Gradient")!.CreateDelegate<Gradient3>();
            foreach ((double x, double y, double z) in Points)
            {
                if (CheckPoint(f, gradient, new[] { x, y, z }, out string? failure))
                {
                    checkedPoints++;
                }
                else if (failure is null)
                {
                    skipped++;
                }
                else
                {
                    throw new InvalidOperationException($"F{i} = {expressions[i].Render()} at ({x}, {y}, {z}): {failure}");
                }
            }
        }

        return (checkedPoints, skipped);
    }

    /// <summary>True when checked and right; false with a null failure when the point cannot be checked by differences.</summary>
    private static bool CheckPoint(Func<double, double, double, double> f, Gradient3 gradient, double[] p, out string? failure)
    {
        failure = null;
        double value = gradient(p[0], p[1], p[2], out double dx, out double dy, out double dz);
        double expectedValue = f(p[0], p[1], p[2]);
        if (!double.IsFinite(expectedValue) || Math.Abs(expectedValue) > 1e8)
        {
            return false;
        }

        if (value != expectedValue)
        {
            failure = $"value {value} but the method returns {expectedValue}";
            return false;
        }

        double[] analytic = { dx, dy, dz };
        for (int k = 0; k < 3; k++)
        {
            double fine = Difference(f, p, k, 1e-6);
            double coarse = Difference(f, p, k, 1e-4);
            if (!double.IsFinite(fine) || Math.Abs(fine - coarse) > 1e-3 * (1 + Math.Abs(fine)))
            {
                return false; // a kink, a branch switch or a singularity within the step: differences say nothing here
            }

            if (IsKink(f, p, k))
            {
                return false; // a kink exactly at the point (a tie in Max or Min): central differences average the two sides
            }

            if (!double.IsFinite(analytic[k]) && fine == 0 && coarse == 0)
            {
                return false; // saturated (e.g. atan of an overflowing power): the chain rule meets 0 * inf, as in every AD tool
            }

            // Central differences carry a rounding error of about eps |f| / h on top of the truncation error.
            double rounding = 8 * 2.2e-16 * Math.Abs(expectedValue) / 1e-6;
            // Large intermediates make the function noisy at small steps; a right gradient matches the
            // differences at some step between 1e-6 and 1e-3, a wrong one at none.
            double estimate = analytic[k];
            bool matches = new[] { 1e-6, 1e-5, 1e-4, 1e-3 }.Select(h => Difference(f, p, k, h))
                .Any(d => Math.Abs(estimate - d) <= 1e-5 + 1e-4 * Math.Abs(d) + rounding);
            if (!matches)
            {
                failure = $"d/d{"xyz"[k]}: generated {analytic[k]:R}, finite differences {fine:R}";
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether the one-sided differences disagree: the function has a corner at the point itself.</summary>
    private static bool IsKink(Func<double, double, double, double> f, double[] p, int k)
    {
        const double h = 1e-5;
        double[] plus = (double[])p.Clone();
        double[] minus = (double[])p.Clone();
        plus[k] += h;
        minus[k] -= h;
        double at = f(p[0], p[1], p[2]);
        double forward = (f(plus[0], plus[1], plus[2]) - at) / h;
        double backward = (at - f(minus[0], minus[1], minus[2])) / h;
        return Math.Abs(forward - backward) > 1e-2 * (1 + Math.Abs(forward) + Math.Abs(backward));
    }

    private static double Difference(Func<double, double, double, double> f, double[] p, int k, double h)
    {
        double[] plus = (double[])p.Clone();
        double[] minus = (double[])p.Clone();
        plus[k] += h;
        minus[k] -= h;
        return (f(plus[0], plus[1], plus[2]) - f(minus[0], minus[1], minus[2])) / (2 * h);
    }
}
