using System;
using System.Linq;
using Xunit;
using V = SymGrad.Consumer.Tests.Vectorised.VectorisedModels;

namespace SymGrad.Consumer.Tests.Vectorised;

/// <summary>
/// The vector kernels' shapes at every length around the kernels' widths (0, 1, 3, 4, 5, 15, 16, 17 and longer):
/// gradients against central finite differences, tangents against the gradient, the value within the documented
/// tolerance of the method's, and the <c>ExactSums</c> twin's value the method's bits with a gradient within rounding.
/// </summary>
public sealed class VectorisedGradientTests
{
    public static TheoryData<int> Lengths() => new() { 0, 1, 3, 4, 5, 7, 8, 15, 16, 17, 33, 100 };

    [Theory]
    [MemberData(nameof(Lengths))]
    public void GradientMatchesFiniteDifferences(int n)
    {
        const int M = 3;
        (double[] w, double[] x, double[] v) = Inputs(n, M);
        double[] dw = new double[n], dx = new double[x.Length], dv = new double[n];

        double value = V.RowsGradient(w, x, v, M, n, dw, dx, dv);

        FiniteDifferences.CheckAt(p => V.Rows(p[..n], p[n..(n + x.Length)], p[(n + x.Length)..], M, n), w.Concat(x).Concat(v).ToArray(), dw.Concat(dx).Concat(dv).ToArray(), value);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void ExactSumsGivesTheMethodsBitsAndTheSameGradientUpToRounding(int n)
    {
        const int M = 3;
        (double[] w, double[] x, double[] v) = Inputs(n, M);
        double[] dw = new double[n], dx = new double[x.Length], dv = new double[n];
        double[] ew = new double[n], ex = new double[x.Length], ev = new double[n];

        double vectorised = V.RowsGradient(w, x, v, M, n, dw, dx, dv);
        double exact = V.RowsExactGradient(w, x, v, M, n, ew, ex, ev);

        Assert.Equal(BitConverter.DoubleToInt64Bits(V.RowsExact(w, x, v, M, n)), BitConverter.DoubleToInt64Bits(exact));
        Assert.Equal(BitConverter.DoubleToInt64Bits(V.Rows(w, x, v, M, n)), BitConverter.DoubleToInt64Bits(V.RowsExact(w, x, v, M, n)));
        FiniteDifferences.AssertValue(exact, vectorised);
        double[] a = dw.Concat(dx).Concat(dv).ToArray(), b = ew.Concat(ex).Concat(ev).ToArray();
        for (int i = 0; i < a.Length; i++)
        {
            Assert.True(Math.Abs(a[i] - b[i]) <= 1e-12 * (1 + Math.Abs(b[i])), $"partial {i}: {a[i]:R} vs {b[i]:R}");
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void TangentAndHessianVectorProductAgreeWithTheGradient(int n)
    {
        const int M = 3;
        (double[] w, double[] x, double[] v) = Inputs(n, M);
        (double[] tw, double[] tx, double[] tv) = Inputs(n, M, seed: 99);
        double[] dw = new double[n], dx = new double[x.Length], dv = new double[n];
        double value = V.RowsGradient(w, x, v, M, n, dw, dx, dv);

        double tangentValue = V.RowsTangent(w, x, v, M, n, tw, tx, tv, out double tangent);

        FiniteDifferences.AssertValue(value, tangentValue);
        double expected = dw.Zip(tw, (g, t) => g * t).Sum() + dx.Zip(tx, (g, t) => g * t).Sum() + dv.Zip(tv, (g, t) => g * t).Sum();
        Assert.True(Math.Abs(tangent - expected) <= 1e-10 * (1 + Math.Abs(expected)), $"tangent {tangent:R} vs {expected:R}");

        // H v against central differences of the gradient along v.
        double[] hw = new double[n], hx = new double[x.Length], hv = new double[n];
        V.RowsHessianVectorProduct(w, x, v, M, n, tw, tx, tv, hw, hx, hv);
        const double Step = 1e-5;
        double[] plus = GradientAt(Shift(w, tw, Step), Shift(x, tx, Step), Shift(v, tv, Step), M, n);
        double[] minus = GradientAt(Shift(w, tw, -Step), Shift(x, tx, -Step), Shift(v, tv, -Step), M, n);
        double[] product = hw.Concat(hx).Concat(hv).ToArray();
        for (int i = 0; i < product.Length; i++)
        {
            double central = (plus[i] - minus[i]) / (2 * Step);
            Assert.True(Math.Abs(product[i] - central) <= 1e-5 * (1 + Math.Abs(central)), $"H v [{i}]: {product[i]:R} vs {central:R}");
        }
    }

    private static double[] GradientAt(double[] w, double[] x, double[] v, int m, int n)
    {
        double[] dw = new double[n], dx = new double[x.Length], dv = new double[n];
        V.RowsGradient(w, x, v, m, n, dw, dx, dv);
        return dw.Concat(dx).Concat(dv).ToArray();
    }

    private static double[] Shift(double[] point, double[] direction, double step) => point.Zip(direction, (p, d) => p + (step * d)).ToArray();

    private static (double[] W, double[] X, double[] V) Inputs(int n, int m, int seed = 7)
    {
        var random = new Random(seed + n);
        double[] Draw(int length) => Enumerable.Range(0, length).Select(_ => (random.NextDouble() * 2) - 1).ToArray();
        return (Draw(n), Draw(m * n), Draw(n));
    }
}
