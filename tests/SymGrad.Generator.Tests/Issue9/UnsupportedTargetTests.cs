using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using SymGrad.Generator.Tests.Infrastructure;
using Xunit;

namespace SymGrad.Generator.Tests.Issue9;

/// <summary>
/// Issue 9, item 11: [Differentiable] on a local function or a lambda was silently ignored, and on a
/// method of a <c>file</c> type the gradient went into another type (CS0117 at the call). Both are
/// now reported where they are written, and nothing is generated for them.
/// </summary>
public class UnsupportedTargetTests
{
    public static TheoryData<string, string> Cases() => new()
    {
        { "SYMGRAD0030", "public static partial class M { public static double H(double x) { [[|Differentiable|]] static double L(double y) => y * y; return L(x); } }" },
        { "SYMGRAD0030", "public static partial class M { public static double H(double x) { [[|Differentiable|]] double L(double y) { return y * x; } return L(x); } }" },
        { "SYMGRAD0030", "public static partial class M { [Differentiable] public static double F(double x) => x; public static double H(double x) { [[|SymGrad.Differentiable|]] static double L(double y) => y * y; return L(x) + FGradient(x, out _); } }" },
        { "SYMGRAD0030", "public static partial class M { public static double H(double x) { Func<double, double> f = [[|Differentiable|]] (double z) => z * z; return f(x); } }" },
        { "SYMGRAD0030", "public static partial class M { static readonly Func<double, double> F = [[|Differentiable|]] static (double z) => Math.Sin(z); }" },
        { "SYMGRAD0031", "file static partial class FileM { [Differentiable] public static double [|F|](double x) => x * x; }" },
        { "SYMGRAD0031", "file static partial class Outer { public static partial class Inner { [Differentiable] public static double [|F|](double x) => x * x; } }" },
        { "SYMGRAD0031", "file partial class FileM { [Differentiable] public static double [|F|](double[] a) => a[0] * a[1]; }" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ReportsTheDeclarationAndGeneratesNothingForIt(string id, string marked)
    {
        (string source, TextSpan[] spans) = MarkedSource.Parse(marked);

        GeneratorRun run = GeneratorHarness.Run(source);

        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(spans.Single(), diagnostic.Location.SourceSpan);
        Assert.EndsWith("docs/diagnostics/" + id + ".md", diagnostic.Descriptor.HelpLinkUri);
        Assert.DoesNotContain(run.Generated, g => g.Source.Contains(" LGradient(", System.StringComparison.Ordinal) || g.Source.Contains("FileM", System.StringComparison.Ordinal) || g.Source.Contains("Outer", System.StringComparison.Ordinal));
        Assert.Empty(run.OutputProblems);
    }

    [Fact]
    public void AnInternalTypeBesideAFileTypeIsGenerated()
    {
        (string source, _) = MarkedSource.Parse("file static class Helper { public static double Twice(double x) => 2 * x; }\ninternal static partial class M { [Differentiable] public static double F(double x) => x * x; public static double Use(double x) => FGradient(x, out double dx) + dx + Helper.Twice(x); }");

        GeneratorRun run = GeneratorHarness.Run(source);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.OutputProblems);
        Assert.Single(run.Generated);
    }
}
