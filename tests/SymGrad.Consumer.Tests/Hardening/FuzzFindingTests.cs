using Xunit;

namespace SymGrad.Consumer.Tests.Hardening;

/// <summary>Gradients of <see cref="FuzzFindingModels"/> against central finite differences.</summary>
public class FuzzFindingTests
{
    [Theory]
    [InlineData(0.7, -1.3)]
    [InlineData(-2.1, 0.4)]
    public void VerbatimKeywordLocalsDifferentiate(double x, double y)
    {
        double value = FuzzFindingModels.VerbatimLocalGradient(x, y, out double dx, out double dy);

        Assert.Equal(FuzzFindingModels.VerbatimLocal(x, y), value);
        GradientCheckReport report = GradientCheck.Compare(p => FuzzFindingModels.VerbatimLocal(p[0], p[1]), new[] { x, y }, new[] { dx, dy }, new GradientCheckOptions(Step: 1e-6, RelativeTolerance: 1e-6, AbsoluteTolerance: 1e-8));
        Assert.True(report.Passed, report.ToString());
    }
}
