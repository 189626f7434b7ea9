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
        Assert.DoesNotContain("DotTile", generated);
        Assert.DoesNotContain("AddScaledTile", generated);
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
