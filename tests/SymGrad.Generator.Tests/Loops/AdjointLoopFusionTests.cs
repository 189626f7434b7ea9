using System.Linq;
using Xunit;

namespace SymGrad.Generator.Tests.Loops;

/// <summary>
/// Adjoint loops fused (<c>Simplification/AdjointLoopFusion</c>): an adjoint array's updates move into the next loop
/// over the same counter, adjacent loops fuse, and an array one loop alone touches, zeroing each element after use,
/// becomes a local. Each method is checked against central finite differences (<see cref="GradientProbe"/>); the
/// refusals are shapes where moving or fusing would change the gradient, so a step that took them would fail there.
/// Three rows keep the rows one at a time (no row lanes), so the scalar loops are what is printed.
/// </summary>
public class AdjointLoopFusionTests
{
    private static readonly double[] Weights = Enumerable.Range(0, 5).Select(k => 0.7 * System.Math.Cos(k + 0.5)).ToArray();

    [Fact]
    public void ASoftmaxRowsAdjointStaysInALocalAcrossItsFusedLoops()
    {
        string generated = GradientProbe.GradientMethod(GradientProbe.Check(
            """
                    int m = 3, k = 5;
                    double[] y = new double[k];
                    for (int c = 0; c < k; c++)
                    {
                        y[c] = c % 2 + 0.5;
                    }

                    double[] z = new double[k];
                    double total = 0;
                    for (int i = 0; i < m; i++)
                    {
                        for (int c = 0; c < k; c++)
                        {
                            double s = a[c];
                            s += x * y[c] * i;
                            z[c] = s;
                        }

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
                            total += y[c] * (lse - z[c]);
                        }
                    }

                    return total / m;
            """,
            Weights,
            0.3));
        Assert.Contains("double dzValue = 0.0;", generated);
        Assert.Contains("(its update of dz, moved here from an earlier loop over the same elements: this loop is the next to touch dz)", generated);
        Assert.Contains("(fused into this loop: both touch the arrays they share only at the element of their own iteration)", generated);
        Assert.DoesNotContain("dz[c] -=", generated);
        Assert.DoesNotContain("dz[c] +=", generated);
        Assert.DoesNotContain("= dz[c];", generated);
        Assert.DoesNotContain("double[]? dzBuffer", generated);
    }

    [Fact]
    public void AnAdjointReadAtAnotherElementStaysInItsArray()
    {
        // z[c + 1] in the last loop: its reverse touches dz at c + 1, so no loop may take dz's element alone.
        string generated = GradientProbe.GradientMethod(GradientProbe.Check(
            """
                    int m = 3, k = 5;
                    double[] z = new double[k];
                    double total = 0;
                    for (int i = 0; i < m; i++)
                    {
                        for (int c = 0; c < k; c++)
                        {
                            z[c] = a[c] * (i + 1) + x * c;
                        }

                        double sum = 0;
                        for (int c = 0; c < k; c++)
                        {
                            sum += Math.Exp(z[c]);
                        }

                        for (int c = 0; c < k - 1; c++)
                        {
                            total += z[c + 1] * z[c] * sum;
                        }
                    }

                    return total;
            """,
            Weights,
            0.3));
        Assert.DoesNotContain("dzValue", generated);
    }

    [Fact]
    public void LoopsThatBothUseTheTapeOrShareASumStaySeparate()
    {
        // Two taped loops (each exp is saved): fused, their pops would interleave. The last loop reads the sum the one
        // before it accumulates: its reverse needs that sum's whole adjoint first.
        string generated = GradientProbe.GradientMethod(GradientProbe.Check(
            """
                    int m = 3, k = 4;
                    double[] z = new double[k];
                    double total = 0;
                    for (int i = 0; i < m; i++)
                    {
                        for (int c = 0; c < k; c++)
                        {
                            z[c] = a[c] * (i + 1) - x * c;
                        }

                        double first = 0;
                        for (int c = 0; c < k; c++)
                        {
                            first += Math.Exp(z[c]);
                        }

                        double second = 0;
                        for (int c = 0; c < k; c++)
                        {
                            second += Math.Exp(z[c] * 0.5) * first;
                        }

                        total += Math.Log(second);
                    }

                    return total;
            """,
            Weights,
            -0.4));
        Assert.DoesNotContain("fused into this loop", generated);
    }

    [Fact]
    public void AnAdjointTheMethodReadsAfterTheLoopsStaysInItsArray()
    {
        // z is read after the row loop (its last row's values): its adjoint gets a contribution there, outside the loop.
        string generated = GradientProbe.GradientMethod(GradientProbe.Check(
            """
                    int m = 3, k = 4;
                    double[] z = new double[k];
                    double total = 0;
                    for (int i = 0; i < m; i++)
                    {
                        for (int c = 0; c < k; c++)
                        {
                            z[c] = a[c] * (i + 1) + x;
                        }

                        for (int c = 0; c < k; c++)
                        {
                            total += Math.Exp(z[c]) * (c + 1);
                        }
                    }

                    return total + z[1] * z[2];
            """,
            Weights,
            0.2));
        Assert.DoesNotContain("dzValue", generated);
    }

    [Fact]
    public void AnUpdateThatReadsACarriedForwardValueMovesWithIt()
    {
        // t is carried through the logits' loop: the loss loop's update of dz reads its final value, which no reverse
        // loop changes, so the update moves into the logits' reversed loop and reads the same value there.
        string generated = GradientProbe.GradientMethod(GradientProbe.Check(
            """
                    int m = 3, k = 4;
                    double[] z = new double[k];
                    double total = 0;
                    for (int i = 0; i < m; i++)
                    {
                        double t = x;
                        for (int c = 0; c < k; c++)
                        {
                            z[c] = a[c] * t;
                            t = t * 0.5 + a[c];
                        }

                        for (int c = 0; c < k; c++)
                        {
                            total += z[c] * z[c] * t;
                        }
                    }

                    return total;
            """,
            Weights,
            0.6));
        Assert.Contains("(its update of dz, moved here", generated);
    }

    [Fact]
    public void AnAdjointWhoseElementsFeedAnOuterProductWithARowStaysAnArray()
    {
        // The benchmark suite's two-layer classifier: dz's elements scale the hidden row a in dw2's update, which row
        // lanes keep for whole tiles (Lanes.AddKeptProducts) only while dZElement is an element of dz.
        string generated = Infrastructure.GeneratedGradient.Of("AdjointLoops", """
            public static double F(double[] w1, double[] b1, double[] w2, double[] b2, [NoDerivative] double[] x, [NoDerivative] double[] y, int m, int n, int h, int k)
            {
                double[] a = new double[h];
                double[] z = new double[k];
                double total = 0.0;
                for (int i = 0; i < m; i++)
                {
                    for (int j = 0; j < h; j++)
                    {
                        double s = b1[j];
                        for (int t = 0; t < n; t++)
                        {
                            s += w1[j * n + t] * x[i * n + t];
                        }

                        a[j] = SymMath.Sigmoid(s);
                    }

                    for (int c = 0; c < k; c++)
                    {
                        double s = b2[c];
                        for (int j = 0; j < h; j++)
                        {
                            s += w2[c * h + j] * a[j];
                        }

                        z[c] = s;
                    }

                    double max = z[0];
                    for (int c = 1; c < k; c++)
                    {
                        max = Math.Max(max, z[c]);
                    }

                    double sumExp = 0.0;
                    for (int c = 0; c < k; c++)
                    {
                        sumExp += Math.Exp(z[c] - max);
                    }

                    double lse = max + Math.Log(sumExp);
                    for (int c = 0; c < k; c++)
                    {
                        total += y[i * k + c] * (lse - z[c]);
                    }
                }

                return total / m;
            }
            """);
        Assert.Contains("global::SymGrad.Lanes.AddKeptProducts(dw2Lanes, 0, h, k, dzKept, aKept, h, keptGroups);", generated);
        Assert.DoesNotContain("dzValue", generated);
    }
}
