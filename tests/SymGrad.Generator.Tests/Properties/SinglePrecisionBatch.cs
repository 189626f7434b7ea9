using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using SymGrad.Generator.Tests.Infrastructure;

namespace SymGrad.Generator.Tests.Properties;

/// <summary>
/// Compiles a batch of random expressions twice through the generator in one in-memory compilation, as
/// <c>D0 .. Dn(double x, double y, double z)</c> and as their <c>float</c> twins <c>S0 .. Sn(float x, float y, float z)</c>
/// (<see cref="SinglePrecisionTwins.InSingle"/>), and judges each <c>float</c> gradient's value and partials against the
/// <c>double</c> gradient's at <see cref="Points"/> (exactly representable in <c>float</c>, so both start from the same
/// inputs), as <see cref="SinglePrecisionTwins.Judge"/> says. A point whose intermediates <c>float</c> cannot hold
/// (<see cref="RandomExpressionRange.FitsFloat"/>) is past <c>float</c>'s range and is counted, not judged.
/// </summary>
public static class SinglePrecisionBatch
{
    /// <summary><see cref="ExpressionBatch.Points"/> rounded to <c>float</c>: both methods take these exact values.</summary>
    public static readonly (float X, float Y, float Z)[] Points = ExpressionBatch.Points.Select(p => ((float)p.X, (float)p.Y, (float)p.Z)).ToArray();

    private delegate double DoubleGradient3(double x, double y, double z, out double dx, out double dy, out double dz);

    private delegate float SingleGradient3(float x, float y, float z, out float dx, out float dy, out float dz);

    public static string Source(IReadOnlyList<RandomExpression> expressions)
    {
        var source = new StringBuilder("using System;\nusing SymGrad;\npublic static partial class Random\n{\n");
        for (int i = 0; i < expressions.Count; i++)
        {
            string expression = expressions[i].Render();
            source.Append("    [Differentiable] public static double D").Append(i).Append("(double x, double y, double z) => ").Append(expression).Append(";\n");
            source.Append("    [Differentiable] public static float S").Append(i).Append("(float x, float y, float z) => ").Append(SinglePrecisionTwins.InSingle(expression)).Append(";\n");
        }

        return source.Append("}\n").ToString();
    }

    /// <summary>The batch's check; <see cref="BatchCheck.Skipped"/> counts the points not judged, <paramref name="outOfRange"/> those of them past <c>float</c>'s range or resolution (<see cref="SinglePrecisionTwins.Outcome.OutOfRange"/>).</summary>
    public static BatchCheck Check(IReadOnlyList<RandomExpression> expressions, out int outOfRange)
    {
        outOfRange = 0;
        GeneratorRun run = GeneratorHarness.Run(Source(expressions));
        if (run.GeneratorDiagnostics.Length > 0 || run.OutputProblems.Count > 0)
        {
            return new BatchCheck(expressions.Count, 0, 0, Array.Empty<string>(), string.Join("\n", run.GeneratorDiagnostics.Concat(run.OutputProblems)));
        }

        Type type = run.Load().GetType("Random")!;
        int checkedPoints = 0;
        int skipped = 0;
        var mismatches = new List<string>();
        for (int i = 0; i < expressions.Count; i++)
        {
            var twin = type.GetMethod("D" + i + "Gradient")!.CreateDelegate<DoubleGradient3>();
            var single = type.GetMethod("S" + i + "Gradient")!.CreateDelegate<SingleGradient3>();
            var method = type.GetMethod("S" + i)!.CreateDelegate<Func<float, float, float, float>>();
            var source = type.GetMethod("D" + i)!.CreateDelegate<Func<double, double, double, double>>();
            foreach ((float x, float y, float z) in Points)
            {
                if (RangeDisagrees(expressions[i], source, x, y, z) is { } drift)
                {
                    mismatches.Add($"D{i} = {expressions[i].Render()} at ({x}, {y}, {z}): {drift}");
                    continue;
                }

                double[] expected = Evaluate(twin, new double[] { x, y, z });
                float value = single(x, y, z, out float dx, out float dy, out float dz);
                switch (SinglePrecisionTwins.Judge(expected, SinglePrecisionTwins.Neighbours(new double[] { x, y, z }).Select(p => Evaluate(twin, p)), new[] { value, dx, dy, dz }, method(x, y, z), !expressions[i].FitsFloat(x, y, z), out string? failure))
                {
                    case SinglePrecisionTwins.Outcome.Agrees:
                        checkedPoints++;
                        break;
                    case SinglePrecisionTwins.Outcome.Mismatch:
                        mismatches.Add($"S{i} = {SinglePrecisionTwins.InSingle(expressions[i].Render())} at ({x}, {y}, {z}) (partials by x, y, z): {failure}");
                        break;
                    case SinglePrecisionTwins.Outcome.OutOfRange:
                        outOfRange++;
                        skipped++;
                        break;
                    default:
                        skipped++;
                        break;
                }
            }
        }

        return new BatchCheck(expressions.Count, checkedPoints, skipped, mismatches, null);
    }

    /// <summary>
    /// What is wrong when <see cref="RandomExpressionRange"/>, which decides the points counted instead of judged, computes
    /// another value than the compiled <c>double</c> method: it restates the rendered forms (<see cref="DomainSafeForms"/>)
    /// by hand, so a change to them shows here. The same operations in the same order: only a comparison within 1e-9 of a
    /// tie (an arm the last bit can flip) or an overflowed intermediate (infinity minus infinity) is left unchecked.
    /// </summary>
    internal static string? RangeDisagrees(RandomExpression expression, Func<double, double, double, double> source, double x, double y, double z)
    {
        (double mirrored, double largest, _, bool nearTie) = expression.Evaluate(x, y, z);
        double compiled = source(x, y, z);
        if (nearTie || !double.IsFinite(largest))
        {
            return null;
        }

        bool agrees = double.IsNaN(compiled) ? double.IsNaN(mirrored) : Math.Abs(mirrored - compiled) <= 1e-12 * Math.Max(1, largest);
        return agrees ? null : $"RandomExpressionRange evaluates {mirrored:R} where the method computes {compiled:R}: it no longer mirrors DomainSafeForms, so its range verdicts are unfounded";
    }

    /// <summary>The <c>double</c> gradient's value and partials at <paramref name="p"/>.</summary>
    private static double[] Evaluate(DoubleGradient3 twin, double[] p)
    {
        double value = twin(p[0], p[1], p[2], out double dx, out double dy, out double dz);
        return new[] { value, dx, dy, dz };
    }
}
