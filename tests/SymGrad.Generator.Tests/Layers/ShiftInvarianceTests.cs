using System.IO;
using System.Linq;
using SymGrad.Generator.Differentiation;
using SymGrad.Generator.Model;
using SymGrad.Generator.Naming;
using SymGrad.Generator.Tests.Infrastructure;
using Xunit;

namespace SymGrad.Generator.Tests.Layers;

/// <summary>
/// Which names <see cref="ShiftInvariance"/> leaves inactive, on the consumer tests' models
/// (tests/SymGrad.Consumer.Tests/LogSumExp/ShiftModels.cs, whose gradients those tests check against finite differences).
/// </summary>
public class ShiftInvarianceTests
{
    private static readonly string Source = File.ReadAllText(RepositoryPaths.Of("tests", "SymGrad.Consumer.Tests", "LogSumExp", "ShiftModels.cs"));

    [Theory]
    [InlineData("RowCrossEntropy")]
    [InlineData("NamedTerms")]
    [InlineData("ShiftFromTwoArrays")]
    [InlineData("SingleLogSumExp")]
    public void AShiftReadOnlyByItsLogSumExpIsInactive(string method)
    {
        PreparedBody body = Prepare(method);
        Assert.DoesNotContain(body.Active, name => name == "max" || name.StartsWith("max", System.StringComparison.Ordinal) && char.IsDigit(name[name.Length - 1]));
        Assert.Contains(body.Active, name => name.StartsWith("sumExp", System.StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("RunningMaximum")]
    [InlineData("MaximumReadAgain")]
    [InlineData("SumAcrossRows")]
    [InlineData("SumFromOne")]
    [InlineData("SumReadAgain")]
    public void ALookAlikeKeepsItsMaximumActive(string method)
    {
        PreparedBody body = Prepare(method);
        Assert.Contains("max", body.Active);
    }

    [Fact]
    public void TheGradientHasNoReverseOfTheMaximumAndSavesNone()
    {
        GeneratorRun run = GeneratorHarness.Run(Source);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.OutputProblems);
        string source = run.Generated.Single(g => g.HintName.Contains(".RowCrossEntropy_")).Source;
        string gradient = source[source.IndexOf("public static double RowCrossEntropyGradient(", System.StringComparison.Ordinal)..source.IndexOf("public static double RowCrossEntropyPullback(", System.StringComparison.Ordinal)];
        Assert.DoesNotContain("dMax", gradient);
        Assert.Contains("Math.Max(", gradient);
        Assert.DoesNotContain("tape.Push(max", gradient);
    }

    private static PreparedBody Prepare(string method)
    {
        MethodModel model = LayerHarness.ModelInSource(Source, method);
        return GradientBuilder.Prepare(model, Names.For(model));
    }
}
