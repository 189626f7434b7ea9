using System;
using System.Linq;
using Xunit;
using T = SymGrad.Consumer.Tests.Vectorised.TileModels;

namespace SymGrad.Consumer.Tests.Vectorised;

/// <summary>
/// Row tiles at the edges of their blocks: rows around the tile of 32 and the long tile of 64 (0, 1, 31, 32, 33, 63, 64,
/// 65, 70, 130), lengths around the
/// kernels' eight lanes (0, 1, 7, 8, 9, 17) and units around their blocks of four (1, 3, 4, 5, 9); a classifier's
/// classes around the tile of a loop counted down. Gradients against
/// central finite differences; the tiled value within the documented tolerance of the method's; the
/// <c>ExactSums</c> twin (no tiles) the method's bits with a gradient equal up to rounding.
/// </summary>
public sealed class RowTileGradientTests
{
    public static TheoryData<int, int, int> Shapes() => new()
    {
        { 0, 3, 2 }, { 1, 1, 1 }, { 31, 7, 3 }, { 32, 8, 4 }, { 33, 9, 5 }, { 63, 7, 3 }, { 64, 8, 1 }, { 65, 9, 5 }, { 70, 17, 9 }, { 130, 3, 2 }, { 5, 0, 4 }, { 3, 16, 0 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void NetworkGradientMatchesFiniteDifferencesAndItsExactTwin(int m, int n, int h)
    {
        var random = new Random((m * 100) + (n * 10) + h);
        double[] Draw(int length) => Enumerable.Range(0, length).Select(_ => (random.NextDouble() * 2) - 1).ToArray();
        double[] w1 = Draw(h * n), b1 = Draw(h), w2 = Draw(h), x = Draw(m * n);
        double[][] tiled = { new double[w1.Length], new double[h], new double[h], new double[x.Length] };
        double[][] exact = { new double[w1.Length], new double[h], new double[h], new double[x.Length] };

        double value = T.NetworkGradient(w1, b1, w2, x, m, n, h, tiled[0], tiled[1], tiled[2], tiled[3]);
        double exactValue = T.NetworkExactGradient(w1, b1, w2, x, m, n, h, exact[0], exact[1], exact[2], exact[3]);

        Assert.Equal(BitConverter.DoubleToInt64Bits(T.Network(w1, b1, w2, x, m, n, h)), BitConverter.DoubleToInt64Bits(exactValue));
        FiniteDifferences.AssertValue(exactValue, value);
        FiniteDifferences.AssertCloseToTwin(exact.SelectMany(g => g).ToArray(), tiled.SelectMany(g => g).ToArray());
        int[] sizes = { w1.Length, h, h, x.Length };
        FiniteDifferences.CheckAt(
            p => T.Network(Part(p, sizes, 0), Part(p, sizes, 1), Part(p, sizes, 2), Part(p, sizes, 3), m, n, h),
            w1.Concat(b1).Concat(w2).Concat(x).ToArray(),
            tiled.SelectMany(g => g).ToArray(),
            value);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void PackedGradientMatchesFiniteDifferencesAndItsExactTwin(int m, int n, int h)
    {
        var random = new Random((m * 100) + (n * 10) + h + 1);
        double[] p = Enumerable.Range(0, h * (n + 1)).Select(_ => random.NextDouble() - 0.5).ToArray();
        double[] x = Enumerable.Range(0, m * n).Select(_ => random.NextDouble() - 0.5).ToArray();
        double[] dp = new double[p.Length], ep = new double[p.Length];

        double value = T.PackedGradient(p, x, m, n, h, dp);
        double exactValue = T.PackedExactGradient(p, x, m, n, h, ep);

        Assert.Equal(BitConverter.DoubleToInt64Bits(T.Packed(p, x, m, n, h)), BitConverter.DoubleToInt64Bits(exactValue));
        FiniteDifferences.AssertValue(exactValue, value);
        FiniteDifferences.AssertCloseToTwin(ep, dp);
        FiniteDifferences.CheckAt(q => T.Packed(q, x, m, n, h), p, dp, value);
    }

    /// <summary>Rows, inputs, hidden units and classes: classes around the tile of 32 and the long tile of 64 (1, 2, 31, 32, 33, 63, 64, 65, 70, 130), so the reverse class loop runs one tile, a full one, and several from the top.</summary>
    public static TheoryData<int, int, int, int> ClassifierShapes() => new()
    {
        { 3, 2, 3, 1 }, { 5, 3, 4, 2 }, { 33, 9, 5, 10 }, { 4, 5, 3, 31 }, { 2, 4, 8, 32 }, { 3, 3, 9, 33 }, { 2, 2, 2, 63 }, { 2, 2, 2, 64 }, { 2, 2, 2, 65 }, { 2, 2, 2, 70 }, { 2, 1, 2, 130 }, { 1, 1, 1, 3 },
    };

    [Theory]
    [MemberData(nameof(ClassifierShapes))]
    public void ClassifierGradientMatchesFiniteDifferencesAndItsExactTwin(int m, int n, int h, int k)
    {
        var random = new Random((m * 1000) + (n * 100) + (h * 10) + k);
        double[] Draw(int length) => Enumerable.Range(0, length).Select(_ => (random.NextDouble() * 2) - 1).ToArray();
        double[] w1 = Draw(h * n), b1 = Draw(h), w2 = Draw(k * h), b2 = Draw(k), x = Draw(m * n);
        double[] y = new double[m * k];
        for (int i = 0; i < m; i++)
        {
            y[(i * k) + random.Next(k)] = 1.0;
        }

        double[][] tiled = { new double[w1.Length], new double[h], new double[w2.Length], new double[k] };
        double[][] exact = { new double[w1.Length], new double[h], new double[w2.Length], new double[k] };

        double value = T.ClassifierGradient(w1, b1, w2, b2, x, y, m, n, h, k, tiled[0], tiled[1], tiled[2], tiled[3]);
        double exactValue = T.ClassifierExactGradient(w1, b1, w2, b2, x, y, m, n, h, k, exact[0], exact[1], exact[2], exact[3]);

        Assert.Equal(BitConverter.DoubleToInt64Bits(T.Classifier(w1, b1, w2, b2, x, y, m, n, h, k)), BitConverter.DoubleToInt64Bits(exactValue));
        FiniteDifferences.AssertValue(exactValue, value);
        FiniteDifferences.AssertCloseToTwin(exact.SelectMany(g => g).ToArray(), tiled.SelectMany(g => g).ToArray());
        int[] sizes = { w1.Length, h, w2.Length, k };
        FiniteDifferences.CheckAt(
            p => T.Classifier(Part(p, sizes, 0), Part(p, sizes, 1), Part(p, sizes, 2), Part(p, sizes, 3), x, y, m, n, h, k),
            w1.Concat(b1).Concat(w2).Concat(b2).ToArray(),
            tiled.SelectMany(g => g).ToArray(),
            value);
    }

    private static double[] Part(double[] all, int[] sizes, int index) => all.Skip(sizes.Take(index).Sum()).Take(sizes[index]).ToArray();
}
