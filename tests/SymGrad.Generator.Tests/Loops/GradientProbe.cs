using System;
using System.Linq;
using SymGrad.Generator.Tests.Infrastructure;
using Xunit;

namespace SymGrad.Generator.Tests.Loops;

/// <summary>
/// Runs the generator over one method <c>F(double[] a, double x)</c>, compiles and loads the output,
/// and compares its generated gradient with central finite differences of the method at a point.
/// Returns the generated source for assertions about its shape. With the environment variable
/// <c>SYMGRAD_PROBE_DUMP</c> set to a file, the generated source is appended to it (to read while writing a test).
/// </summary>
internal static class GradientProbe
{
    private delegate double Gradient(double[] a, double x, Span<double> da, out double dx);

    public static string Check(string body, double[] a, double x)
    {
        string source = "using System;\nusing SymGrad;\npublic static partial class Probe\n{\n    [Differentiable]\n    public static double F(double[] a, double x)\n    {\n" + body + "\n    }\n}\n";
        GeneratorRun run = GeneratorHarness.Run(source);
        string? dump = Environment.GetEnvironmentVariable("SYMGRAD_PROBE_DUMP");
        if (dump is not null)
        {
            System.IO.File.AppendAllText(dump, string.Join("\n", run.Generated.Select(g => g.Source)));
        }

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.OutputProblems);
        string generated = Assert.Single(run.Generated).Source;

        Type type = run.Load().GetType("Probe")!;
        var f = type.GetMethod("F")!.CreateDelegate<Func<double[], double, double>>();
        var gradient = type.GetMethod("FGradient")!.CreateDelegate<Gradient>();
        double[] da = new double[a.Length];
        double value = gradient((double[])a.Clone(), x, da, out double dx);
        Assert.Equal(f(a, x), value, 12);

        double Difference(Func<double, double> along, double h) => (along(h) - along(-h)) / (2 * h);
        void Compare(double analytic, Func<double, double> along, string what)
        {
            double numeric = Difference(along, 1e-6);
            Assert.True(Math.Abs(analytic - numeric) <= 1e-6 * (1 + Math.Abs(numeric)), $"d/d{what}: generated {analytic}, central differences {numeric}\n{generated}");
        }

        Compare(dx, t => f(a, x + t), "x");
        for (int k = 0; k < a.Length; k++)
        {
            int at = k;
            Compare(da[at], t =>
            {
                double[] moved = (double[])a.Clone();
                moved[at] += t;
                return f(moved, x);
            }, "a[" + at + "]");
        }

        return generated;
    }

    /// <summary>The text of the generated <c>FGradient</c> alone (the pullback that follows repeats its shape).</summary>
    public static string GradientMethod(string generated)
    {
        int start = generated.IndexOf("public static double FGradient", StringComparison.Ordinal);
        int end = generated.IndexOf("public static double FPullback", StringComparison.Ordinal);
        return generated[start..end];
    }
}
