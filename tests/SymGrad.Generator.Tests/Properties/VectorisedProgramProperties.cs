using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using CsCheck;
using SymGrad.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace SymGrad.Generator.Tests.Properties;

/// <summary>
/// Property (issue 12): random programs made of the loop shapes the generator prints as vector kernels (dot products
/// of contiguous runs at offsets, a fused sum split into a dot product and the rest, per-row dot products feeding a
/// nonlinearity, and the row updates of their reverse), at lengths around the kernels' widths (0, 1, 3, 4, 5, 7,
/// 15, 16, 17, 33). Each program is compiled twice, as it is and with <c>ExactSums = true</c>:
/// the exact twin returns the method's bits; the vectorised one returns them within 1e-12 relative, its gradient
/// is the exact twin's up to rounding, and every partial agrees with central finite differences. The random loop
/// programs of <see cref="LoopProgramProperties"/> rarely form a dot product, so this family is what runs the
/// generated code's <c>Kernels.Dot</c> calls (each batch must contain some).
/// </summary>
public class VectorisedProgramProperties
{
    private const int ProgramsPerBatch = 16;
    private const int Batches = 4;
    internal static readonly int[] Lengths = { 0, 1, 3, 4, 5, 7, 15, 16, 17, 33 };

    private delegate double Gradient(double[] a, double x, double[] b, Span<double> da, out double dx, Span<double> db);

    private readonly ITestOutputHelper output;

    public VectorisedProgramProperties(ITestOutputHelper output) => this.output = output;

    [Fact]
    public void VectorisedProgramsMatchTheirExactTwinsAndFiniteDifferences()
    {
        int programCount = 0, checkedPoints = 0, points = 0, dotCalls = 0;
        Gen.Int[0, int.MaxValue].Array[ProgramsPerBatch].Sample(
            seeds =>
            {
                string[] programs = seeds.Select(Program).ToArray();
                var source = new StringBuilder("using System;\nusing SymGrad;\npublic static partial class Vectorised\n{\n");
                for (int i = 0; i < programs.Length; i++)
                {
                    source.Append(Render("F" + i, "[Differentiable]", programs[i]));
                    source.Append(Render("F" + i + "Exact", "[Differentiable(ExactSums = true)]", programs[i]));
                }

                GeneratorRun run = GeneratorHarness.Run(source.Append("}\n").ToString());
                Assert.True(run.GeneratorDiagnostics.Length == 0 && run.OutputProblems.Count == 0, string.Join("\n", run.GeneratorDiagnostics.Concat(run.OutputProblems)) + "\n" + source);
                int dots = run.Generated.Sum(g => CountOf(g.Source, "Kernels.Dot("));
                Assert.True(dots > 0, "no generated Kernels.Dot call in the batch:\n" + source);
                System.Threading.Interlocked.Add(ref dotCalls, dots);
                System.Threading.Interlocked.Add(ref programCount, seeds.Length);

                Type type = run.Load().GetType("Vectorised")!;
                for (int i = 0; i < programs.Length; i++)
                {
                    var random = new Random(seeds[i]);
                    int n = Lengths[seeds[i] % Lengths.Length];
                    for (int p = 0; p < 2; p++)
                    {
                        double[] a = Draw(random, 3 * n), b = Draw(random, n);
                        double x = (random.NextDouble() * 2) - 1;
                        System.Threading.Interlocked.Increment(ref points);
                        string? failure = CheckPoint(type, "F" + i, a, x, b);
                        if (failure == Uncheckable)
                        {
                            continue;
                        }

                        if (failure is not null)
                        {
                            throw new InvalidOperationException($"F{i} (n = {n}) at a = {{{string.Join(", ", a.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))}}}, x = {x:R}, b = {{{string.Join(", ", b.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))}}}: {failure}\n{programs[i]}");
                        }

                        System.Threading.Interlocked.Increment(ref checkedPoints);
                    }
                }
            },
            iter: Batches,
            threads: 2,
            print: seeds => "seeds " + string.Join(", ", seeds));

        output.WriteLine($"{programCount} programs, {checkedPoints} of {points} points checked, {dotCalls} generated Kernels.Dot calls");
        Assert.True(checkedPoints >= points * 0.9, $"only {checkedPoints} of {points} points could be checked");
    }

    /// <summary>What <see cref="CheckPoint"/> returns when differences cannot judge a partial (a kink or saturation within the step).</summary>
    private const string Uncheckable = "uncheckable";

    /// <summary>A mismatch, <see cref="Uncheckable"/>, or null.</summary>
    private static string? CheckPoint(Type type, string name, double[] a, double x, double[] b)
    {
        var f = type.GetMethod(name)!.CreateDelegate<Func<double[], double, double[], double>>();
        var exact = type.GetMethod(name + "Exact")!.CreateDelegate<Func<double[], double, double[], double>>();
        var gradient = type.GetMethod(name + "Gradient")!.CreateDelegate<Gradient>();
        var exactGradient = type.GetMethod(name + "ExactGradient")!.CreateDelegate<Gradient>();
        double expected = f(a, x, b);
        double[] da = new double[a.Length], db = new double[b.Length], ea = new double[a.Length], eb = new double[b.Length];
        double value = gradient(a, x, b, da, out double dx, db);
        double exactValue = exactGradient(a, x, b, ea, out double ex, eb);

        if (BitConverter.DoubleToInt64Bits(exactValue) != BitConverter.DoubleToInt64Bits(expected) || BitConverter.DoubleToInt64Bits(exact(a, x, b)) != BitConverter.DoubleToInt64Bits(expected))
        {
            return $"the ExactSums twin returns {exactValue:R}, the method {expected:R}";
        }

        if (Math.Abs(value - expected) > 1e-12 * Math.Max(1.0, Math.Abs(expected)))
        {
            return $"value {value:R}, the method {expected:R}";
        }

        double[] analytic = da.Append(dx).Concat(db).ToArray();
        double[] twin = ea.Append(ex).Concat(eb).ToArray();
        for (int k = 0; k < analytic.Length; k++)
        {
            if (Math.Abs(analytic[k] - twin[k]) > 1e-9 * (1 + Math.Abs(twin[k])))
            {
                return $"partial {k}: {analytic[k]:R}, the ExactSums twin's {twin[k]:R}";
            }

            int coordinate = k;
            switch (FiniteDifferenceCheck.Compare(analytic[k], expected, h => Difference(f, a, x, b, coordinate, h), out double fine))
            {
                case FiniteDifferenceCheck.Verdict.Mismatch:
                    return $"partial {k}: {analytic[k]:R}, finite differences {fine:R}";
                case FiniteDifferenceCheck.Verdict.Uncheckable:
                    return Uncheckable;
            }
        }

        return null;
    }

    /// <summary>Central difference along coordinate k of (a, x, b).</summary>
    private static double Difference(Func<double[], double, double[], double> f, double[] a, double x, double[] b, int k, double h)
    {
        double[] Shift(double[] v, int at, double by)
        {
            double[] copy = (double[])v.Clone();
            copy[at] += by;
            return copy;
        }

        if (k < a.Length)
        {
            return (f(Shift(a, k, h), x, b) - f(Shift(a, k, -h), x, b)) / (2 * h);
        }

        if (k == a.Length)
        {
            return (f(a, x + h, b) - f(a, x - h, b)) / (2 * h);
        }

        int j = k - a.Length - 1;
        return (f(a, x, Shift(b, j, h)) - f(a, x, Shift(b, j, -h))) / (2 * h);
    }

    /// <summary>The body of one program (n = b.Length; a holds three runs of n): two to four kernel-shaped blocks and a smooth combination.</summary>
    internal static string Program(int seed)
    {
        var random = new Random(seed);
        string[] runs = { "a[j]", "a[n + j]", "a[2 * n + j]", "b[j]" };
        string[] starts = { "0.0", "x", "0.25 * x", "-0.5" };
        string[] nonlinear = { "Math.Tanh({0})", "SymMath.Softplus({0})", "{0} * {0}", "SymMath.Sigmoid({0})", "Math.Sin({0})" };
        var body = new StringBuilder("        int n = b.Length;\n");
        var values = new List<string>();
        int blocks = random.Next(2, 5);
        for (int k = 0; k < blocks; k++)
        {
            string left = runs[random.Next(runs.Length)], right = runs[random.Next(runs.Length)];
            switch (random.Next(3))
            {
                case 0:
                    body.Append($"        double s{k} = {starts[random.Next(starts.Length)]};\n        for (int j = 0; j < n; j++)\n        {{\n            s{k} += {left} * {right};\n        }}\n");
                    values.Add("s" + k);
                    break;
                case 1:
                    body.Append($"        double s{k} = 0.0;\n        double u{k} = 0.0;\n        for (int j = 0; j < n; j++)\n        {{\n            s{k} += {left} * {right};\n            u{k} += x * {runs[random.Next(runs.Length)]};\n        }}\n");
                    values.Add("s" + k);
                    values.Add("u" + k);
                    break;
                default:
                    string row = random.Next(2) == 0 ? "a[i * n + j]" : "a[(2 - i) * n + j]";
                    body.Append($"        double r{k} = 0.0;\n        for (int i = 0; i < 3; i++)\n        {{\n            double z = 0.1 * x;\n            for (int j = 0; j < n; j++)\n            {{\n                z += {row} * b[j];\n            }}\n\n            r{k} += {string.Format(CultureInfo.InvariantCulture, nonlinear[random.Next(nonlinear.Length)], "z")};\n        }}\n");
                    values.Add("r" + k);
                    break;
            }
        }

        string combination = string.Join(" + ", values.Select(v => string.Format(CultureInfo.InvariantCulture, nonlinear[random.Next(nonlinear.Length)], v)));
        return body.Append($"        return {combination};\n").ToString();
    }

    private static string Render(string name, string attribute, string body) =>
        $"    {attribute}\n    public static double {name}(double[] a, double x, double[] b)\n    {{\n{body}    }}\n\n";

    private static double[] Draw(Random random, int length) => Enumerable.Range(0, length).Select(_ => (random.NextDouble() * 2) - 1).ToArray();

    internal static int CountOf(string text, string part) => (text.Length - text.Replace(part, string.Empty).Length) / part.Length;
}
