using System.Linq;
using SymGrad.Generator.Tests.Infrastructure;
using Xunit;

namespace SymGrad.Generator.Tests.Loops;

/// <summary>
/// Saved values of row lanes in rows of their own (docs/how-it-works.md, "Row lanes"): a loop that pushes the same
/// number of values per iteration, and its mirror that pops them, index a pooled row by the counter instead of calling
/// the tape. The gradients are checked against finite differences and their <c>ExactSums</c> twins in the consumer
/// tests (<c>RowLaneGradientTests</c>, <c>RowSavedValueGradientTests</c>).
/// </summary>
public class RowSavedValueTests
{
    /// <summary>A row of k scores, then <paramref name="loss"/> of them.</summary>
    private static string Rows(string loss) => $$"""
        public static double F(double[] w, [NoDerivative] double[] x, int m, int n, int k)
        {
            double[] z = new double[k];
            double total = 0.0;
            for (int i = 0; i < m; i++)
            {
                for (int c = 0; c < k; c++)
                {
                    double s = 0.0;
                    for (int j = 0; j < n; j++)
                    {
                        s += w[c * n + j] * x[i * n + j];
                    }

                    z[c] = s;
                }

                {{loss}}
            }

            return total;
        }
        """;

    /// <summary>
    /// A log-sum-exp whose maximum the loss also reads outside it, so the maximum's loop keeps its reverse and saves its
    /// running values (a maximum read only as the shift has neither: <see cref="APureLogSumExpsMaximumSavesNothing"/>).
    /// </summary>
    private const string Softmax = """
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

                total += max + Math.Log(sumExp) - z[0] + 0.5 * max;
        """;

    /// <summary>The lanes' loop of the gradient, in its local function (the tail rows, in the method, keep the tape).</summary>
    private static string Lanes(string method)
    {
        string gradient = GeneratedGradient.Of("RowSaved", method);
        Assert.Contains("RowGroups1(rowLanes, ref i, ", gradient);
        int start = gradient.IndexOf("for (; rowLanes && i + global::SymGrad.Lanes.Count <= tileEnd;", System.StringComparison.Ordinal);
        Assert.True(start > gradient.IndexOf("static void RowGroups1(", System.StringComparison.Ordinal), "no row lanes in their function");
        int end = gradient.IndexOf("static void LastRows1(", start, System.StringComparison.Ordinal);
        Assert.True(end > start, "no last rows' function after the groups'");
        return gradient[start..end];
    }

    [Fact]
    public void AMaximumsAndAnExponentialsLoopsSaveInRowsIndexedByTheClass()
    {
        string lanes = Lanes(Rows(Softmax));
        Assert.Contains("max3Saved[c - 1] = max3;", lanes);
        Assert.Contains("expSaved[c] = exp;", lanes);
        Assert.Contains("global::System.Runtime.Intrinsics.Vector512<double> exp = expSaved[c];", lanes);
        Assert.Contains("global::System.Runtime.Intrinsics.Vector512<double> max3 = max3Saved[c - 1];", lanes);
        Assert.DoesNotContain("tape.", lanes);
    }

    [Fact]
    public void APureLogSumExpsMaximumSavesNothing()
    {
        string lanes = Lanes(Rows(Softmax.Replace(" + 0.5 * max;", ";", System.StringComparison.Ordinal)));
        Assert.DoesNotContain("max3Saved", lanes);
        Assert.DoesNotContain("dMax", lanes);
        Assert.Contains("expSaved[c] = exp;", lanes);
    }

    [Fact]
    public void TheRowsAreRentedOnceAndReturned()
    {
        GeneratorRun run = GeneratorHarness.RunMembers("RowSaved", "[Differentiable]\n" + Rows(Softmax));
        string source = run.Generated.Single().Source;
        Assert.Contains("double[] max3SavedBuffer = rowLanes ? global::SymGrad.ScratchPool<double>.Rent((global::System.Math.Max(0, k - 1) + 1) * global::SymGrad.Lanes.Count) : global::System.Array.Empty<double>();", source);
        Assert.Contains("global::SymGrad.ScratchPool<double>.Return(max3SavedBuffer);", source);
        Assert.Contains("global::SymGrad.ScratchPool<double>.Return(expSavedBuffer);", source);
    }

    [Fact]
    public void TwoValuesAnIterationTakeTwoPlacesEach()
    {
        string lanes = Lanes(Rows("""
            double sum = 0.0;
                    for (int c = 0; c < k; c++)
                    {
                        sum += Math.Exp(z[c]) * SymMath.Sigmoid(z[c] * z[c]);
                    }

                    total += Math.Log(sum);
            """));
        Assert.Contains("Saved[c * 2] = ", lanes);
        Assert.Contains("Saved[c * 2 + 1] = ", lanes);
        Assert.DoesNotContain("tape.", lanes);
    }

    [Fact]
    public void ALoopWhoseBoundsDivideKeepsTheTape()
    {
        // The row's size would be computed before the tiles, where a division could throw for rows that never run it.
        string lanes = Lanes(Rows("""
            double sum = 0.0;
                    for (int c = 0; c < k / 2; c++)
                    {
                        sum += Math.Exp(z[c]);
                    }

                    total += Math.Log(sum + 1.0);
            """));
        Assert.Contains("tape.Push(", lanes);
        Assert.DoesNotContain("Saved[", lanes);
    }
}
