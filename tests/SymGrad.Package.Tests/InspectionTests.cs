using System.IO;
using System.Linq;
using SymGrad.Inspection;
using SymGrad.Package.Tests.Infrastructure;
using Xunit;

namespace SymGrad.Package.Tests;

/// <summary>
/// The library behind `symgrad list` and `show`, on the sample models' assembly: its PDB (beside it) and its
/// obj/generated folder (the models set EmitCompilerGeneratedFiles) must agree, and metadata the
/// methods with their gradient outputs.
/// </summary>
public sealed class InspectionTests
{
    private static readonly string ModelsAssembly = typeof(SymGrad.Models.Gates).Assembly.Location;

    [Fact]
    public void ThePdbAndObjGeneratedHoldTheSameSources()
    {
        (var fromPdb, string origin) = GeneratedSourceReader.ReadForAssembly(ModelsAssembly);
        string generated = Path.Combine(BuildInfo.RepositoryRoot, "samples", "SymGrad.Models", "obj", BuildInfo.Configuration, "net10.0", "generated");

        var fromFolder = GeneratedSourceReader.ReadFolder(generated);

        Assert.Equal("SymGrad.Models.pdb", origin);
        Assert.Contains(fromPdb, s => s.Model == "Gates.Graph");
        // Every compiled file is in the folder with the same text (the folder may also keep files of an earlier build).
        Assert.All(fromPdb, s => Assert.Contains(fromFolder, f => f.Model == s.Model && f.FileName == s.FileName && f.Text.ReplaceLineEndings() == s.Text.ReplaceLineEndings()));
    }

    [Fact]
    public void SourcesMatchAMethodATypeOrAMethodName()
    {
        var source = new GeneratedSource("Gates.Graph", "SymGrad.Models.Gates.Graph_double_double_double.SymGrad.g.cs", string.Empty);

        Assert.True(source.Matches("gates.graph"));
        Assert.True(source.Matches("Gates"));
        Assert.True(source.Matches("Graph"));
        Assert.False(source.Matches("Gate"));
        Assert.False(source.Matches("Gates.Add"));
    }

    [Fact]
    public void MetadataGivesEachDifferentiableMethodItsParametersAndGradientOutputs()
    {
        var methods = DifferentiableMethodReader.Read(ModelsAssembly);

        DifferentiableMethod graph = Assert.Single(methods, m => m.Model == "Gates.Graph");
        Assert.Equal("SymGrad.Models", graph.Namespace);
        Assert.Equal(new[] { "double x", "double y", "double c" }, graph.Parameters.Select(p => p.ToString()));
        Assert.Equal(new[] { "c" }, graph.NoDerivative);
        Assert.Equal(new[] { "out double dx", "out double dy" }, graph.DerivativeOutputs!.Select(p => p.ToString()));

        DifferentiableMethod logistic = Assert.Single(methods, m => m.Model == "LogisticRegression.Loss");
        Assert.Equal("ReadOnlySpan<double> w", logistic.Parameters[0].ToString());
        Assert.Equal(new[] { "Span<double> dw" }, logistic.DerivativeOutputs!.Select(p => p.ToString()));
        // A vector-valued method's derivative outputs are its pullback's: the seed, then the input adjoints.
        DifferentiableMethod reprojection = Assert.Single(methods, m => m.Model == "BaObjective.ReprojectionResidual");
        Assert.Equal(
            new[] { "ReadOnlySpan<double> seed", "Span<double> dcamera", "Span<double> dpoint", "ref double dweight" },
            reprojection.DerivativeOutputs!.Select(p => p.ToString()));
        // Every [Differentiable] model of the samples has its gradient.
        Assert.All(methods, m => Assert.NotNull(m.DerivativeOutputs));
    }
}
