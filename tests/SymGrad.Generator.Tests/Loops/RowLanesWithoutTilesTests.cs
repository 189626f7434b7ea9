using System.Linq;
using Xunit;

namespace SymGrad.Generator.Tests.Loops;

/// <summary>
/// Row lanes for a row loop with no products or updates to tile (docs/how-it-works.md, "Row lanes"): a mixture's
/// per-point body (ADBench's GMM shape) loops over components with scratch rows each component's iteration writes
/// first, an index integer the rows share saved on the tape, and the log-sum-exp of the components. Each gradient is
/// checked against central finite differences; the data are 19 points (two groups of eight and three left).
/// </summary>
public class RowLanesWithoutTilesTests
{
    /// <summary>Means (2 components by 3), each component's strictly lower triangle (3) and its weight (2): 14 parameters.</summary>
    private static readonly double[] Parameters = Enumerable.Range(0, 14).Select(k => 0.6 * System.Math.Sin(0.7 * k + 1)).ToArray();

    /// <summary>
    /// 19 points of 3 coordinates, then for every point the mixture's log-sum-exp over its 2 components; <c>{0}</c> is
    /// the statement that fills <c>centered[j]</c>.
    /// </summary>
    private static string Mixture(string center, string index = "int l = 2 * dd + c * 3;") => $$"""
                int m = 19, dd = 3, k = 2;
                double[] points = new double[m * dd];
                for (int t = 0; t < m * dd; t++)
                {
                    points[t] = Math.Sin(t + 1);
                }

                double[] centered = new double[dd];
                double[] scaled = new double[dd];
                double[] terms = new double[k];
                double total = 0;
                for (int i = 0; i < m; i++)
                {
                    for (int c = 0; c < k; c++)
                    {
                        for (int j = 0; j < dd; j++)
                        {
                            {{center}}
                        }

                        for (int j = 0; j < dd; j++)
                        {
                            scaled[j] = x * centered[j];
                        }

                        {{index}}
                        for (int p = 0; p < dd; p++)
                        {
                            for (int j = p + 1; j < dd; j++)
                            {
                                scaled[j] = scaled[j] + a[l] * centered[p];
                                l++;
                            }
                        }

                        double norm = 0;
                        for (int j = 0; j < dd; j++)
                        {
                            norm += scaled[j] * scaled[j];
                        }

                        terms[c] = a[12 + c] - 0.5 * norm;
                    }

                    double max = terms[0];
                    for (int c = 1; c < k; c++)
                    {
                        max = Math.Max(max, terms[c]);
                    }

                    double sumExp = 0;
                    for (int c = 0; c < k; c++)
                    {
                        sumExp += Math.Exp(terms[c] - max);
                    }

                    total += Math.Log(sumExp) + max;
                }

                return total;
        """;

    [Fact]
    public void AMixturesPointsRunEightAtATimeWithoutTiles()
    {
        string generated = GradientProbe.GradientMethod(GradientProbe.Check(Mixture("centered[j] = points[i * dd + j] - a[c * dd + j];"), Parameters, 0.8));
        Assert.Contains("for their row lanes (no kernel is moved out of the loop)", generated);
        Assert.Contains("Lanes.Count rows at a time, lane l holding row i + l", generated);
        // The scratch rows each component's iteration writes first are private rows, saved and put back as vectors.
        Assert.Contains("centeredLanes[j] = global::SymGrad.Lanes.Gather(points, i * dd + j, dd) - global::System.Runtime.Intrinsics.Vector512.Create(a[c * dd + j]);", generated);
        Assert.Contains("tape.Push(centeredLanes[", generated);
        Assert.Contains("centeredLanes[", generated);
        Assert.Contains("] = tape.PopLanes();", generated);
        // The triangle's index is the same for every row: one int per group on the tape.
        Assert.Contains("tape.Push(l);", generated);
        Assert.Contains(" = (int)tape.Pop();", generated);
        Assert.DoesNotContain("Kernels.DotTile", generated);
    }

    [Fact]
    public void ALoopNestUnderALoopThatIsNotTiledKeepsTheRowsInLanes()
    {
        // The q loop (a bound with a division: no tile) holds a nest that is made tiles for row lanes alone on its own;
        // inside the rows' lanes it is a plain loop again, so the softmax rows still run eight at a time.
        string generated = GradientProbe.GradientMethod(GradientProbe.Check(
            """
                    int m = 19, n = 2, k = 3;
                    double[] d = new double[m * n];
                    for (int t = 0; t < m * n; t++)
                    {
                        d[t] = Math.Sin(t + 1);
                    }

                    double[] z = new double[k];
                    double total = 0;
                    for (int i = 0; i < m; i++)
                    {
                        for (int c = 0; c < k; c++)
                        {
                            double s = a[6 + c];
                            for (int j = 0; j < n; j++)
                            {
                                s += a[c * n + j] * d[i * n + j];
                            }

                            z[c] = s * x;
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
                        for (int q = 0; q < k / 2; q++)
                        {
                            for (int c = 0; c < k; c++)
                            {
                                for (int r = 0; r < 2; r++)
                                {
                                    lse += 0.01 * max * a[c] * a[6 + r];
                                }
                            }
                        }

                        total += lse - z[0];
                    }

                    return total;
            """,
            Enumerable.Range(0, 9).Select(k => 0.8 * System.Math.Sin(k + 1)).ToArray(),
            0.9));
        Assert.Contains("Lanes.Count rows at a time, lane l holding row i + l", generated);
    }

    [Fact]
    public void AScratchRowCarriedFromOnePointToTheNextKeepsThePointsAsWritten()
    {
        // centered[j] reads its value from the point before: not a row's own, so the rows stay one at a time.
        string generated = GradientProbe.GradientMethod(GradientProbe.Check(Mixture("centered[j] = 0.5 * centered[j] + points[i * dd + j] - a[c * dd + j];"), Parameters, 0.8));
        Assert.DoesNotContain("rows at a time", generated);
        Assert.DoesNotContain("for their row lanes", generated);
    }

    [Fact]
    public void AnIndexThatDiffersBetweenPointsKeepsThePointsAsWritten()
    {
        // The triangle's start moves with the point: an int on the tape that differs between rows.
        string generated = GradientProbe.GradientMethod(GradientProbe.Check(
            Mixture("centered[j] = points[i * dd + j] - a[c * dd + j];", "int l = 2 * dd + c * 3 + (i % 2) * 0;"), Parameters, 0.8));
        Assert.DoesNotContain("rows at a time", generated);
    }
}
