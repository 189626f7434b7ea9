using System.Linq;
using SymGrad.Generator.Tests.Infrastructure;
using Xunit;

namespace SymGrad.Generator.Tests.Loops;

/// <summary>
/// Row blocks of row lanes (docs/how-it-works.md, "Row lanes"; <c>Vectorization/RowBlocks</c>): the reads of element c
/// of the row's targets in a loop over the row's elements become one transposition per group and a vector of it per
/// read; reads the block would not cover keep their gathers. The gradients are checked against finite differences and
/// their <c>ExactSums</c> twins in the consumer tests (<c>RowLaneGradientTests</c>).
/// </summary>
public class RowBlockTests
{
    /// <summary>Softmax regression over k classes with the targets' sum written as <paramref name="targets"/>.</summary>
    private static string Softmax(string targets) => $$"""
        public static double F(double[] w, [NoDerivative] double[] x, [NoDerivative] double[] y, int m, int n, int k)
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
                {{targets}}
            }

            return total;
        }
        """;

    private static string Gradient(string method) => GeneratedGradient.Of("RowBlocks", method);

    [Fact]
    public void TheTargetsOfEachGroupAreTransposedOnceAndReadAsVectors()
    {
        string gradient = Gradient(Softmax("""
            for (int c = 0; c < k; c++)
                    {
                        total += y[i * k + c] * (lse - z[c]);
                    }
            """));
        Assert.Contains("double[] yRowsBuffer = rowLanes ? global::SymGrad.ScratchPool<double>.Rent((global::System.Math.Max(0, k) + 1) * global::SymGrad.Lanes.Count) : global::System.Array.Empty<double>();", gradient);
        Assert.Contains("global::System.ReadOnlySpan<global::System.Runtime.Intrinsics.Vector512<double>> yRowsRead = global::SymGrad.Lanes.TransposeRows(y, i * k, k, yRows);", gradient);
        Assert.Contains("yRowsRead = global::SymGrad.Lanes.TransposeRows(y, i * k, k, yRows, rowsLeft);", gradient);
        Assert.Contains("total3Part2 += yRowsRead[c + 1] * (lse - zLanes[c + 1]);", gradient);
        Assert.Contains("dTotal * yRowsRead[c];", gradient);
        Assert.Contains("global::SymGrad.ScratchPool<double>.Return(yRowsBuffer);", gradient);
        Assert.DoesNotContain("Lanes.Gather(y", gradient);
    }

    [Fact]
    public void AReadInAConditionalsArmKeepsItsGather()
    {
        // In the arm, a column the loop skips is never read: the block could read past the array where the loop does not.
        string gradient = Gradient(Softmax("""
            for (int c = 0; c < k; c++)
                    {
                        total += (c != k - 1 ? y[i * k + c] : 0.0) * (lse - z[c]);
                    }
            """));
        Assert.Contains("rowLanes && i + global::SymGrad.Lanes.Count <= tileEnd", gradient);
        Assert.Contains("Lanes.Gather(y, i * k + c, k)", gradient);
        Assert.DoesNotContain("TransposeRows", gradient);
    }

    [Theory]
    [InlineData("for (int c = 0; c < k - 1; c++)")]  // not the whole row
    [InlineData("for (int c = 1; c < k; c++)")]      // not from its first element
    [InlineData("for (int c = k - 1; c >= 0; c--)")] // counting down
    public void ALoopThatIsNotOverTheWholeRowKeepsItsGathers(string header)
    {
        string gradient = Gradient(Softmax(header + """

                    {
                        total += y[i * k + c] * (lse - z[c]);
                    }
            """));
        Assert.Contains("Lanes.Gather(y, i * k + c, k", gradient);
        Assert.DoesNotContain("TransposeRows", gradient);
    }

    [Fact]
    public void AnotherRowOfTheSameArrayKeepsItsGather()
    {
        // y[i * k + k - 1 - c]: the index falls as c rises, not base + c.
        string gradient = Gradient(Softmax("""
            for (int c = 0; c < k; c++)
                    {
                        total += y[i * k + k - 1 - c] * (lse - z[c]);
                    }
            """));
        Assert.DoesNotContain("TransposeRows", gradient);
    }
}
