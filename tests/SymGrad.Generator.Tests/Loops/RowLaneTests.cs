using System.Linq;
using Xunit;

namespace SymGrad.Generator.Tests.Loops;

/// <summary>
/// Row lanes (docs/how-it-works.md, "Row lanes"): which row loops run eight rows at a time and which stay as written,
/// each checked against central finite differences. The data are 19 rows (two groups of eight and three rows left).
/// </summary>
public class RowLaneTests
{
    /// <summary>Weights of 3 classes by 2 features and 3 biases.</summary>
    private static readonly double[] Weights = Enumerable.Range(0, 9).Select(k => 0.8 * System.Math.Sin(k + 1)).ToArray();

    /// <summary>19 rows of 2 features and one-hot targets of 3 classes, built in the method.</summary>
    private const string Data =
        """
                int m = 19, n = 2, k = 3;
                double[] d = new double[m * n];
                double[] y = new double[m * k];
                for (int t = 0; t < m; t++)
                {
                    d[t * n] = Math.Sin(t + 1);
                    d[t * n + 1] = Math.Cos(2 * t + 1);
                    y[t * k + t % k] = 1;
                }

                double[] z = new double[k];
                double total = 0;
        """;

    /// <summary>The logits of row i into z (an empty line before and after).</summary>
    private const string Logits =
        """
                    for (int c = 0; c < k; c++)
                    {
                        double s = a[6 + c];
                        for (int j = 0; j < n; j++)
                        {
                            s += a[c * n + j] * d[i * n + j];
                        }

                        z[c] = s;
                    }

        """;

    [Fact]
    public void SoftmaxRowsRunEightAtATime()
    {
        string generated = GradientProbe.GradientMethod(GradientProbe.Check(
            Data + """
                    for (int i = 0; i < m; i++)
                    {
            """ + Logits + """
                        double max = z[0];
                        for (int c = 1; c < k; c++)
                        {
                            max = Math.Max(max, z[c]);
                        }

                        double sumExp = 0;
                        for (int c = 0; c < k; c++)
                        {
                            sumExp += Math.Exp(z[c] - max);
                        }

                        double lse = max + Math.Log(sumExp);
                        for (int c = 0; c < k; c++)
                        {
                            total += y[i * k + c] * (lse - z[c]) * x;
                        }
                    }

                    return total / m;
            """,
            Weights,
            0.9));
        Assert.Contains("Lanes.Count rows at a time, lane l holding row i + l", generated);
        Assert.Contains("global::System.Span<global::System.Runtime.Intrinsics.Vector512<double>> zLanes = rowLanes ? global::SymGrad.Lanes.PerRow(zLanesBuffer, z.Length) : default;", generated);
        // The maximum is the log-sum-exp's shift: computed in lanes, with no reverse and nothing saved (ShiftInvarianceTests).
        Assert.Contains("max = global::System.Runtime.Intrinsics.Vector512.Max(max, zLanes[c]);", generated);
        Assert.DoesNotContain("dMax", generated);
        Assert.Contains("tape.PopLanes()", generated);
        // y's rows are transposed once a group, and the reverse's loops, counting down, read them too (RowBlocks.Columns).
        Assert.Contains("yRowsRead = global::SymGrad.Lanes.TransposeRows(y, i * k, k, yRows);", generated);
        Assert.DoesNotContain("Lanes.Gather(y,", generated);
        // dz's element stays in a register across the reverse's class loops, fused (AdjointLoopFusion): no dzLanes.
        Assert.Contains("dzValue -= dDifference2;", generated);
        Assert.DoesNotContain("dzLanes", generated);
        Assert.Contains("total += global::SymGrad.Lanes.Sum(total3);", generated);
        // The tile's products and scales are laid out TileSize apart, so eight rows' values are one load or store.
        Assert.Contains("global::SymGrad.Kernels.DotTileTransposed(", generated);
        Assert.Contains("s += global::SymGrad.Lanes.Load(dotsRead, c * global::SymGrad.Kernels.TileSize + i - tileStart);", generated);
        Assert.Contains("global::System.ReadOnlySpan<double> dotsRead = dots;", generated);  // once, before the tiles: a conversion per read is a call in a method this large
        Assert.Contains("global::SymGrad.Lanes.Store(scales, c * global::SymGrad.Kernels.TileSize + i - tileStart, dZElement);", generated);
        Assert.Contains("global::SymGrad.Kernels.AddScaledTileTransposed(", generated);
    }

    [Fact]
    public void ABranchThatDiffersBetweenRowsIsALaneMask()
    {
        string generated = GradientProbe.GradientMethod(GradientProbe.Check(
            Data + """
                    for (int i = 0; i < m; i++)
                    {
            """ + Logits + """
                        for (int c = 0; c < k; c++)
                        {
                            double margin = z[c] * (2 * y[i * k + c] - 1);
                            if (margin < x)
                            {
                                total += (x - margin) * (x - margin);
                            }
                            else
                            {
                                total += 0.1 * Math.Abs(z[c]) + Math.Min(z[c], 0.25);
                            }
                        }
                    }

                    return total;
            """,
            Weights,
            0.4));
        Assert.Contains("Lanes.Count rows at a time", generated);
        Assert.Contains("global::System.Runtime.Intrinsics.Vector512<double> condition = global::System.Runtime.Intrinsics.Vector512.LessThan(margin, global::System.Runtime.Intrinsics.Vector512.Create(x));", generated);
        Assert.Contains("if (global::System.Runtime.Intrinsics.Vector512.ExtractMostSignificantBits(rowMask) != 0)", generated);
        Assert.Contains("rowMask = ~rowMask;", generated);
        Assert.Contains("global::System.Runtime.Intrinsics.Vector512.ConditionalSelect(rowMask, ", generated);
    }

    [Fact]
    public void AScratchArrayReadAfterTheLoopKeepsTheRowsAsWritten()
    {
        // z holds the last row's logits after the loop; its lanes would not.
        string generated = GradientProbe.GradientMethod(GradientProbe.Check(
            Data + """
                    for (int i = 0; i < m; i++)
                    {
            """ + Logits + """
                        for (int c = 0; c < k; c++)
                        {
                            total += Math.Exp(-z[c] * z[c] * x);
                        }
                    }

                    return total + z[0] * z[1];
            """,
            Weights,
            0.6));
        Assert.Contains("// Rows i in tiles of Kernels.TileSize", generated);
        Assert.DoesNotContain("rows at a time", generated);
    }

    [Fact]
    public void AnAccumulatorReadInTheRowKeepsTheRowsAsWritten()
    {
        // The running total feeds the row's next term: in lanes each row would see only its own part of it.
        string generated = GradientProbe.GradientMethod(GradientProbe.Check(
            Data + """
                    for (int i = 0; i < m; i++)
                    {
            """ + Logits + """
                        for (int c = 0; c < k; c++)
                        {
                            total += z[c] * x + 0.01 * total;
                        }
                    }

                    return total;
            """,
            Weights,
            0.6));
        Assert.Contains("// Rows i in tiles of Kernels.TileSize", generated);
        Assert.DoesNotContain("rows at a time", generated);
    }

    [Fact]
    public void AnIntegerThatDiffersBetweenRowsKeepsTheRowsAsWritten()
    {
        string generated = GradientProbe.GradientMethod(GradientProbe.Check(
            Data + """
                    for (int i = 0; i < m; i++)
                    {
            """ + Logits + """
                        int label = (3 * i) % k;
                        for (int c = 0; c < k; c++)
                        {
                            total += c == label ? -z[c] * x : Math.Exp(z[c]);
                        }
                    }

                    return total;
            """,
            Weights,
            0.6));
        Assert.Contains("// Rows i in tiles of Kernels.TileSize", generated);
        Assert.DoesNotContain("rows at a time", generated);
    }

    [Fact]
    public void AConditionWhoseRightOperandTheLoopMightNotReadKeepsTheRowsAsWritten()
    {
        // y[i * k + c + 1] is read only where z[c] > 0 in the loop; in lanes it would be read for every row, and it is
        // outside y at the last class of the last row.
        string generated = GradientProbe.GradientMethod(GradientProbe.Check(
            Data + """
                    for (int i = 0; i < m; i++)
                    {
            """ + Logits + """
                        for (int c = 0; c < k; c++)
                        {
                            if (z[c] > 0.1 && y[i * k + c + 1] > 0.5)
                            {
                                total += z[c] * x;
                            }
                        }
                    }

                    return total;
            """,
            Weights,
            0.6));
        Assert.Contains("// Rows i in tiles of Kernels.TileSize", generated);
        Assert.DoesNotContain("rows at a time", generated);
    }
}
