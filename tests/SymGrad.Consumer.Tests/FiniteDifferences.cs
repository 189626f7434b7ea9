using System;
using System.Linq;
using Xunit;

namespace SymGrad.Consumer.Tests;

public delegate double Gradient2(double x, double y, out double dx, out double dy);

public delegate double Gradient1(double x, out double dx);

/// <summary>Checks generated gradients against central finite differences through the runtime's GradientCheck.</summary>
internal static class FiniteDifferences
{
    private static readonly GradientCheckOptions Options = new(Step: 1e-6, RelativeTolerance: 1e-5, AbsoluteTolerance: 1e-6);

    public static void Check(Func<double, double, double> f, Gradient2 gradient, params (double X, double Y)[] points)
    {
        foreach ((double x, double y) in points)
        {
            double value = gradient(x, y, out double dx, out double dy);
            AssertValue(f(x, y), value);
            GradientCheckReport report = GradientCheck.Compare(p => f(p[0], p[1]), new[] { x, y }, new[] { dx, dy }, Options);
            Assert.True(report.Passed, $"at ({x}, {y}):\n{report}");
        }
    }

    public static void Check(Func<double, double> f, Gradient1 gradient, params double[] points)
    {
        foreach (double x in points)
        {
            double value = gradient(x, out double dx);
            AssertValue(f(x), value);
            GradientCheckReport report = GradientCheck.Compare(p => f(p[0]), new[] { x }, new[] { dx }, Options);
            Assert.True(report.Passed, $"at {x}:\n{report}");
        }
    }

    /// <summary>
    /// The value a generated method returned, against the method's own: the same bits, or, where the generated code
    /// sums products with <c>Kernels.Dot</c> or keeps a sum in lanes (vector sums in a fixed order instead of the loop's),
    /// within a relative 1e-12, the tolerance docs/benchmarks.md states for that reordering.
    /// </summary>
    public static void AssertValue(double expected, double actual)
    {
        if (BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual) || (double.IsNaN(expected) && double.IsNaN(actual)))
        {
            return;
        }

        Assert.True(Math.Abs(actual - expected) <= 1e-12 * Math.Abs(expected), $"returned {actual:R}, the method gives {expected:R}");
    }

    /// <summary>
    /// A vectorised gradient against its <c>ExactSums</c> twin's (the loops as written): the same length, and every
    /// partial within a relative 1e-12, what reordered sums and the vector exp and log's last bits may move.
    /// </summary>
    public static void AssertCloseToTwin(double[] twin, double[] actual)
    {
        Assert.Equal(twin.Length, actual.Length);
        for (int i = 0; i < twin.Length; i++)
        {
            Assert.True(Math.Abs(twin[i] - actual[i]) <= 1e-12 * (1 + Math.Abs(twin[i])), $"partial {i}: {actual[i]:R} vs {twin[i]:R}");
        }
    }

    /// <summary>
    /// A <c>float</c> gradient against its checked <c>double</c> twin's at the same (widened) point: the value within a
    /// relative 1e-5, every partial within <paramref name="relative"/> of the twin's largest partial.
    /// </summary>
    public static void AssertFloatTwin(float value, double twin, float[] partials, double[] twinPartials, double relative)
    {
        Assert.True(Math.Abs(value - twin) <= 1e-5 * (1 + Math.Abs(twin)), $"value {value:R} against {twin:R}");
        Assert.Equal(twinPartials.Length, partials.Length);
        double scale = twinPartials.Length == 0 ? 1 : twinPartials.Max(Math.Abs);
        for (int i = 0; i < twinPartials.Length; i++)
        {
            Assert.True(Math.Abs(partials[i] - twinPartials[i]) <= relative * scale, $"partial {i}: {partials[i]:R} vs {twinPartials[i]:R}");
        }
    }

    /// <summary>
    /// A gradient over the coordinates of <paramref name="point"/>: the value is the method's (see <see cref="AssertValue"/>),
    /// every partial is finite, and each agrees with central differences (the runtime's default options).
    /// </summary>
    public static void CheckAt(Func<double[], double> f, double[] point, double[] analytic, double value)
    {
        AssertValue(f(point), value);
        Assert.All(analytic, g => Assert.True(double.IsFinite(g), "a partial derivative is " + g + ": " + string.Join(", ", analytic)));
        GradientCheckReport report = GradientCheck.Compare(f, point, analytic);
        Assert.True(report.Passed, report.ToString());
    }
}
