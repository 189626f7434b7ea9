using Xunit;

namespace SymGrad.Generator.Tests.Loops;

/// <summary>
/// What a taped loop computes again instead of saving (docs/loops-and-arrays.md, "Recomputing instead
/// of taping"): each case is checked against central finite differences and for the shape of the
/// generated code, including the cases where a transformation must not apply.
/// </summary>
public class RecomputeTests
{
    private static readonly double[] Six = { 0.3, -0.2, 0.5, 0.7, 1.1, -0.4 };

    [Fact]
    public void ANestedLoopsCarriedIntegerIsReadWithTheValueTheLoopLeft()
    {
        // l = i is computed from the counter, but the inner loop changes it before a[l] reads it:
        // computing it again in the reverse iteration read a[i] instead of a[i + 2].
        GradientProbe.Check(
            """
                    double s = x;
                    for (int i = 0; i < 3; i++)
                    {
                        int l = i;
                        for (int j = 0; j < 2; j++)
                        {
                            l++;
                        }

                        s = s * x + a[l];
                    }

                    return s;
            """,
            Six,
            0.8);
    }
}
