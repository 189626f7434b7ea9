using System.Linq;
using SymGrad.Generator.Tests.Infrastructure;
using Xunit;

namespace SymGrad.Generator.Tests.Loops;

/// <summary>
/// Row lanes with ints that differ between rows (docs/how-it-works.md, "Row lanes"): which label-reading loops run
/// eight rows at a time (the samples' classifiers) and which keep their rows as written. The gradients themselves are
/// checked against finite differences and the <c>ExactSums</c> twins in the consumer tests (<c>RowLabelGradientTests</c>).
/// </summary>
public class RowLabelLaneTests
{
    /// <summary>A classifier's row: logits into a stackalloc row, then <paramref name="loss"/>.</summary>
    private static string Classifier(string type, string loss) => $$"""
        public static {{type}} F({{type}}[] w, [NoDerivative] {{type}}[] x, ReadOnlySpan<int> y, int n, int k)
        {
            Span<{{type}}> z = stackalloc {{type}}[k];
            {{type}} total = 0;
            for (int i = 0; i < y.Length; i++)
            {
                for (int c = 0; c < k; c++)
                {
                    {{type}} s = 0;
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

    private static string Gradient(string method) => GeneratedGradient.Of("RowLabels", method);

    [Fact]
    public void LabelsGatheredPerRowPickAndIndexTheLogSoftmax()
    {
        string generated = Gradient(Classifier("double", "total -= SymMath.LogSoftmax(z, y[i]);"));
        Assert.Contains("Lanes.Count rows at a time, lane l holding row i + l", generated);
        Assert.Contains("global::SymGrad.Lanes.LogSoftmax(zLanesRead, global::SymGrad.Lanes.GatherInts(y, i, 1), zShares)", generated);
        Assert.Contains("global::SymGrad.Lanes.AddAt(dzLanes, global::SymGrad.Lanes.GatherInts(y, i, 1), ", generated);

        // The reverse reads the call's softmax shares instead of taking each exp again; its log-sum-exp is not needed in lanes.
        Assert.Matches(@"dzLanes\[j\d*\] \+= zShares\[j\d*\];", generated);
        Assert.DoesNotContain("global::SymGrad.Lanes.Exp(zLanes[", generated);
        Assert.DoesNotContain("global::SymGrad.Lanes.Pick(zLanesRead", generated);
    }

    [Fact]
    public void AnIntLocalFromTheLabelIsAVectorOfLongs()
    {
        string generated = Gradient(Classifier("double", "int label = y[i];\n            int other = k - 1 - label;\n            total += SymMath.LogSumExp(z) - z[label] + 0.5 * z[other];"));
        Assert.Contains("global::System.Runtime.Intrinsics.Vector512<long> label = global::SymGrad.Lanes.GatherInts(y, i, 1);  // an int per row", generated);
        Assert.Contains("global::System.Runtime.Intrinsics.Vector512<long> other = global::SymGrad.Lanes.WrapInts(global::System.Runtime.Intrinsics.Vector512.Create((long)(k - 1)) - label);  // an int per row", generated);
        Assert.Contains("global::SymGrad.Lanes.LogSumExp(zLanesRead, zShares)", generated);
        Assert.DoesNotContain("global::SymGrad.Lanes.Exp(zLanes[", generated);
    }

    [Theory]
    [InlineData("total -= SymMath.LogSoftmax(z, y[i]);", "global::SymGrad.Lanes.LogSoftmax(zLanesRead, global::SymGrad.Lanes.GatherSingleInts(y, i, 1), zShares)")]
    [InlineData("total -= SymMath.LogSoftmax(z, 0);", "global::SymGrad.Lanes.LogSoftmax(zLanesRead, global::System.Runtime.Intrinsics.Vector512.Create((int)(0)), zShares)")]
    [InlineData("total += SymMath.LogSumExp(z);", "global::SymGrad.Lanes.LogSumExp(zLanesRead, zShares)")]
    [InlineData("int label = y[i];\n            total += z[k - 1 - label];", "global::System.Runtime.Intrinsics.Vector512<int> label = global::SymGrad.Lanes.GatherSingleInts(y, i, 1);  // an int per row")]
    public void AFloatMethodsLabelsAreSixteenThirtyTwoBitLanes(string loss, string expected)
    {
        // Sixteen rows at a time; int arithmetic in 32-bit lanes wraps as C#'s does (Gradient also checks the output compiles).
        string generated = Gradient(Classifier("float", loss));
        Assert.Contains("Lanes.SingleCount rows at a time", generated);
        Assert.Contains(expected, generated);
        Assert.DoesNotContain("WrapInts", generated);
    }

    [Fact]
    public void ALogSoftmaxReadTwiceStillKeepsItsShares()
    {
        string generated = Gradient(Classifier("double", "double ls = SymMath.LogSoftmax(z, y[i]);\n            total += ls * ls;"));
        Assert.Contains("zShares", generated);
        Assert.DoesNotContain("global::SymGrad.Lanes.Exp(zLanes[", generated);
    }

    [Fact]
    public void ALabelInABranchThatDiffersBetweenRowsKeepsTheRowsAsWritten()
    {
        // In lanes the branch's block runs for every row when one row takes it: a label read there could be outside z in a row that does not.
        Assert.Contains("rows at a time", Gradient(Classifier("double", "total += z[y[i]] * z[0];")));
        string generated = Gradient(Classifier("double", "if (z[0] > 0.0)\n            {\n                total += z[y[i]] * z[0];\n            }"));
        Assert.DoesNotContain("rows at a time", generated);
    }

    [Fact]
    public void ALabelIndexingASharedArrayKeepsTheRowsAsWritten()
    {
        Assert.Contains("rows at a time", Gradient(Classifier("double", "total += SymMath.LogSumExp(z) - w[n] * z[0];")));
        string generated = Gradient(Classifier("double", "total += SymMath.LogSumExp(z) - w[y[i] * n] * z[0];"));
        Assert.DoesNotContain("rows at a time", generated);
    }
}
