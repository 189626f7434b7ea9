using System.Linq;
using Xunit;

namespace SymGrad.Generator.Tests.Loops;

/// <summary>
/// Row tiles (docs/how-it-works.md, "Row tiles"): which loop nests become <c>Kernels.DotTile</c> and
/// <c>Kernels.AddScaledTile</c> calls and which stay loops, each checked against central finite differences.
/// </summary>
public class RowTileTests
{
    private static readonly double[] Weights = { 0.3, -0.2, 0.5, 0.7, 1.1, -0.4 };

    private const string Data = """
                double[] d = new double[15];
                for (int k = 0; k < 15; k++)
                {
                    d[k] = Math.Sin(k + 1);
                }

        """;

    [Fact]
    public void AHiddenLayerOverRowsBecomesATilesProductsAndDeferredUpdates()
    {
        string generated = GradientProbe.GradientMethod(GradientProbe.Check(
            Data + """
                    double total = 0;
                    for (int i = 0; i < 5; i++)
                    {
                        for (int j = 0; j < 2; j++)
                        {
                            double s = x;
                            for (int t = 0; t < 3; t++)
                            {
                                s += a[j * 3 + t] * d[i * 3 + t];
                            }

                            total += Math.Tanh(s);
                        }
                    }

                    return total;
            """,
            Weights,
            0.4));
        Assert.Contains("global::SymGrad.Kernels.DotTile(a, 0, 3, 2, d, tileStart * 3, 3, tileEnd - tileStart, 3, dots);", generated);
        Assert.Contains("global::SymGrad.Kernels.AddScaledTile(da, 0, 3, 2, scales, d, tileStart * 3, 3, tileEnd - tileStart, 3);", generated);
        Assert.Contains("s += dots[(i - tileStart) * 2 + j];", generated);
    }

    [Fact]
    public void UnitsCountedDownARowLoopFromTwoAndTheDataWrittenFirstAreTiledToo()
    {
        // Biases first in each unit's row of a (stride 4), the data's run written as the left operand: the products
        // are a's rows by d's rows all the same, the tile starts at 2, and the descending units fill the same layout.
        string generated = GradientProbe.GradientMethod(GradientProbe.Check(
            Data + """
                    double total = 0;
                    for (int i = 2; i < 5; i++)
                    {
                        for (int j = 2; j >= 0; j--)
                        {
                            double s = a[j * 4] * x;
                            for (int t = 0; t < 3; t++)
                            {
                                s += d[i * 3 + t] * a[j * 4 + t + 1];
                            }

                            total += Math.Tanh(s);
                        }
                    }

                    return total;
            """,
            Enumerable.Range(0, 12).Select(k => System.Math.Cos(k + 1)).ToArray(),
            0.4));
        Assert.Contains("int tileStart = 2;", generated);
        Assert.Contains("global::SymGrad.Kernels.DotTile(a, 1, 4, 3, d, tileStart * 3, 3, tileEnd - tileStart, 3, dots);", generated);
        Assert.Contains("global::SymGrad.Kernels.AddScaledTile(da, 1, 4, 3, scales, d, tileStart * 3, 3, tileEnd - tileStart, 3);", generated);
        Assert.Contains("s += dots[(i - tileStart) * 3 + j];", generated);
    }

    [Fact]
    public void WeightsTheLoopWritesStayPerRowDotProducts()
    {
        string generated = GradientProbe.GradientMethod(GradientProbe.Check(
            Data + """
                    double[] w = new double[6];
                    double total = 0;
                    for (int i = 0; i < 5; i++)
                    {
                        for (int j = 0; j < 2; j++)
                        {
                            double s = x;
                            for (int t = 0; t < 3; t++)
                            {
                                s += w[j * 3 + t] * d[i * 3 + t];
                            }

                            w[j] = a[j] * s;
                            total += Math.Tanh(s);
                        }
                    }

                    return total;
            """,
            Weights,
            0.4));
        Assert.DoesNotContain("DotTile", generated);
    }

    [Fact]
    public void ARowLoopCountedDownIsTiledFromItsTopAndKeepsWhatItCarriesInOrder()
    {
        // 40 rows: a tile of 32 (rows 39 to 8), then one of 8. The total is halved at every row, so running the rows in
        // another order would change it: finite differences check the order.
        string generated = GradientProbe.GradientMethod(GradientProbe.Check(
            """
                    double[] d = new double[120];
                    for (int k = 0; k < 120; k++)
                    {
                        d[k] = Math.Sin(k + 1);
                    }

                    double total = 0;
                    for (int i = 39; i >= 0; i--)
                    {
                        double s = x;
                        for (int t = 0; t < 3; t++)
                        {
                            s += a[t] * d[i * 3 + t];
                        }

                        total = total * 0.5 + Math.Tanh(s);
                    }

                    return total;
            """,
            Weights,
            0.4));
        Assert.Contains("int tileTop = 39;", generated);
        Assert.Contains("while (tileTop >= 0)", generated);
        Assert.Contains("int tileStart = global::SymGrad.Kernels.TileBottom(tileTop, 0);", generated);
        Assert.Contains("global::SymGrad.Kernels.DotTile(a, 0, 0, 1, d, tileStart * 3, 3, tileTop - tileStart + 1, 3, dots);", generated);
        Assert.Contains("for (int i = tileTop; i >= tileStart; i--)", generated);
        Assert.Contains("s += dots[i - tileStart];", generated);
        Assert.Contains("tileTop = tileStart - 1;", generated);
    }

    [Fact]
    public void AReverseLoopOverClassesDefersBothUpdatesOfItsLayerAndItsSpansAreRentedOnce()
    {
        // A hidden layer of 2 units (weights a[9..15), so the row loop is tiled) and an output layer of 3 classes over
        // them (weights a[0..6), biases a[6..9)) in a loop over 5 rows: the reverse class loop adds
        // dz[c] * h1[j] to the weights' row c (a destination row per class, one source row) and dz[c] * w[c * 2 + j]
        // to dh1 (one destination row, a source row per class). Both are added per tile; the class loops' spans are
        // rented once, before the row tiles, not once per row.
        string generated = GradientProbe.GradientMethod(GradientProbe.Check(
            Data + """
                    double[] h1 = new double[2];
                    double[] z = new double[3];
                    double total = 0;
                    for (int i = 0; i < 5; i++)
                    {
                        for (int j = 0; j < 2; j++)
                        {
                            double u = x;
                            for (int t = 0; t < 3; t++)
                            {
                                u += a[9 + j * 3 + t] * d[i * 3 + t];
                            }

                            h1[j] = Math.Tanh(u);
                        }

                        for (int c = 0; c < 3; c++)
                        {
                            double s = a[6 + c];
                            for (int j = 0; j < 2; j++)
                            {
                                s += a[c * 2 + j] * h1[j];
                            }

                            z[c] = s;
                        }

                        for (int c = 0; c < 3; c++)
                        {
                            total += Math.Exp(z[c]) * d[i * 3 + c];
                        }
                    }

                    return total;
            """,
            Enumerable.Range(0, 15).Select(k => 0.3 * System.Math.Cos(k + 1)).ToArray(),
            0.7));
        Assert.Contains("int tileTop = 2;", generated);
        Assert.Matches(@"AddScaledTile\(da, (tileStart\d) \* 2, 2, tileTop - \1 \+ 1, scales\d*, h1, 0, 0, 1, 2\);", generated);
        Assert.Matches(@"AddScaledTile\(dH1, 0, 0, 1, scales\d*, a, (tileStart\d) \* 2, 2, tileTop - \1 \+ 1, 2\);", generated);
        Assert.Contains("// Rented once here for the row tiles inside (", generated);
        int rowTiles = generated.IndexOf("while (tileStart < 5)", System.StringComparison.Ordinal);
        Assert.True(rowTiles > 0, "the row loop is tiled");
        Assert.DoesNotContain(".Rent(", generated.Substring(rowTiles));
    }

    [Fact]
    public void AnIntLocalTheRowLoopDeclaresFromValuesItDoesNotChangeIsReadAsItsValue()
    {
        // What an inlined call leaves: the row's width declared in every iteration. The kernels, printed before the
        // tile, use its value (d.Length - 12, that is 3).
        string generated = GradientProbe.GradientMethod(GradientProbe.Check(
            Data + """
                    double total = 0;
                    for (int i = 0; i < 5; i++)
                    {
                        int width = d.Length - 12;
                        double s = x;
                        for (int t = 0; t < width; t++)
                        {
                            s += a[t] * d[i * width + t];
                        }

                        total += Math.Tanh(s);
                    }

                    return total;
            """,
            Weights,
            0.4));
        Assert.Contains("global::SymGrad.Kernels.DotTile(a, 0, 0, 1, d, tileStart * (d.Length - 12), d.Length - 12, tileEnd - tileStart, d.Length - 12, dots);", generated);
        Assert.Contains("int width = d.Length - 12;", generated);
    }

    [Fact]
    public void ALoopThatMayStopEarlyIsNotTiled()
    {
        string generated = GradientProbe.GradientMethod(GradientProbe.Check(
            Data + """
                    double total = 0;
                    for (int i = 0; i < 5; i++)
                    {
                        double s = x;
                        for (int t = 0; t < 3; t++)
                        {
                            s += a[t] * d[i * 3 + t];
                        }

                        total += Math.Tanh(s);
                        if (total > 1.5)
                        {
                            break;
                        }
                    }

                    return total;
            """,
            Weights,
            0.4));
        // The forward loop may stop early and keeps its products per row. Its reverse runs from the row it stopped at
        // down to 0 with no exit, so that one is tiled from its top.
        Assert.DoesNotContain("DotTile", generated);
        Assert.Contains("global::SymGrad.Kernels.TileBottom(", generated);
        Assert.Contains("global::SymGrad.Kernels.AddScaledTile(da, 0, 0, 1, scales, d, tileStart * 3, 3, tileTop - tileStart + 1, 3);", generated);
    }

    [Fact]
    public void TwoUpdatesOfOneArrayStayALoopWhileTheProductIsTiled()
    {
        // One array on both sides: its products are tiled (the array is not written, only its adjoint), but the loop
        // of updates adds to da twice, at a fixed run and at a run that moves with the row, so it stays a loop.
        string generated = GradientProbe.GradientMethod(GradientProbe.Check(
            """
                    double total = 0;
                    for (int i = 0; i < 2; i++)
                    {
                        double s = x;
                        for (int t = 0; t < 3; t++)
                        {
                            s += a[t] * a[3 + i * 3 + t];
                        }

                        total += Math.Tanh(s);
                    }

                    return total;
            """,
            new[] { 0.3, -0.2, 0.5, 0.7, 1.1, -0.4, 0.2, 0.9, -0.6 },
            0.4));
        Assert.Contains("global::SymGrad.Kernels.DotTile(a, 0, 0, 1, a, tileStart * 3 + 3, 3, tileEnd - tileStart, 3, dots);", generated);
        Assert.DoesNotContain("AddScaledTile", generated);
    }
}
