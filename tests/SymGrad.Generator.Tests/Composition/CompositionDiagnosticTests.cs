using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using SymGrad.Generator.Tests.Infrastructure;
using Xunit;

namespace SymGrad.Generator.Tests.Composition;

/// <summary>
/// Calls and custom derivatives that cannot be differentiated (issue 10): each is one diagnostic at
/// the construct marked [| |], and whatever else the source holds still generates and compiles.
/// </summary>
public class CompositionDiagnosticTests
{
    public static TheoryData<string, string> Cases() => new()
    {
        // Neither [Differentiable] nor a [DerivativeOf], and the argument carries a derivative.
        { "SYMGRAD0012", "public static partial class M { static double H(double v) => v; [Differentiable] public static double F(double x) => [|H(x)|] * 2; }" },

        // Mutual recursion, reported at the call that closes the cycle in each method.
        { "SYMGRAD0013", "public static partial class M { [Differentiable] public static double F(double x) => x < 1 ? x : [|G(x - 1)|]; [Differentiable] public static double G(double x) => x < 1 ? x : [|F(x / 2)|]; }" },

        // A callee whose own gradient cannot be generated: its problem, and the call.
        { "SYMGRAD0021", "public static partial class M { [Differentiable] public static double G(double x) => [|Math.Round(x)|]; [Differentiable] public static double F(double x) => [|G(x)|] + x; }" },

        // An array argument that is not a whole array.
        { "SYMGRAD0021", "public static partial class M { [Differentiable] public static double G(ReadOnlySpan<double> a) => a[0]; [Differentiable] public static double F(double[] w) => G([|w.AsSpan(1)|]); }" },

        // [DerivativeOf] with the wrong signature, a missing target, a second derivative, a [Differentiable] target.
        { "SYMGRAD0022", "public static partial class M { public static double T(double x) => x; [DerivativeOf(nameof(T))] public static double [|TGradient|](double x, ref double dx) { dx = 1; return x; } }" },
        { "SYMGRAD0022", "public static partial class M { [DerivativeOf(\"Missing\")] public static double [|MissingGradient|](double x, out double dx) { dx = 1; return x; } }" },
        { "SYMGRAD0022", "public static partial class M { public static double T(double x) => x; [DerivativeOf(nameof(T))] public static double TGradient(double x, out double dx) { dx = 1; return x; } [DerivativeOf(nameof(T))] public static double [|OtherGradient|](double x, out double dx) { dx = 1; return x; } }" },
        { "SYMGRAD0022", "public static partial class M { [Differentiable] public static double T(double x) => x; [DerivativeOf(nameof(T))] public static double [|MyGradient|](double x, out double dx) { dx = 1; return x; } }" },

        // Hessian = true over a custom derivative (first-order only), reported at the attribute; Tangent = true is fine there.
        { "SYMGRAD0023", "public static partial class M { public static double T(double x) => x * x; [DerivativeOf(nameof(T))] public static double TGradient(double x, out double dx) { dx = 2 * x; return x * x; } [[|Differentiable(Tangent = true, Hessian = true)|]] public static double F(double x) => T(x) * x; }" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ReportsTheDiagnosticAtTheConstruct(string id, string markedSource)
    {
        (string source, TextSpan[] expected) = Parse("using System;\nusing SymGrad;\n" + markedSource);

        GeneratorRun run = GeneratorHarness.Run(source);

        Assert.Equal(expected.Length, run.GeneratorDiagnostics.Length);
        foreach (Diagnostic diagnostic in run.GeneratorDiagnostics)
        {
            Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
            if (diagnostic.Location.SourceSpan.IsEmpty && diagnostic.Location.SourceSpan.Start == 0)
            {
                // Reported from a cached model, which keeps only line positions (SourceSpan.LinesOf): compare those.
                Microsoft.CodeAnalysis.Text.SourceText text = Microsoft.CodeAnalysis.Text.SourceText.From(source);
                Assert.Contains(diagnostic.Location.GetLineSpan().Span, expected.Select(span => text.Lines.GetLinePositionSpan(span)));
            }
            else
            {
                Assert.Contains(diagnostic.Location.SourceSpan, expected);
            }
            Assert.EndsWith("docs/diagnostics/" + diagnostic.Id + ".md", diagnostic.Descriptor.HelpLinkUri);
        }

        Assert.Contains(run.GeneratorDiagnostics, d => d.Id == id);
        Assert.DoesNotContain(run.OutputProblems, p => p.Location.SourceTree?.FilePath.EndsWith(".g.cs", System.StringComparison.Ordinal) == true);
    }

    /// <summary>A library's function comes with its derivative: a second one in the project is reported, and calls keep the library's.</summary>
    [Fact]
    public void ASecondDerivativeOfAReferencedAssemblysFunctionIsReported()
    {
        const string library = "using System; using SymGrad; namespace Lib { public static class Special { public static double F(double x) => x * x; [DerivativeOf(nameof(F))] public static double FGradient(double x, out double dx) { dx = 2 * x; return F(x); } } }";
        Microsoft.CodeAnalysis.CSharp.CSharpCompilation libraryCompilation = GeneratorHarness.Compile(library);
        using var stream = new System.IO.MemoryStream();
        Assert.True(libraryCompilation.Emit(stream).Success);
        Microsoft.CodeAnalysis.MetadataReference reference = Microsoft.CodeAnalysis.MetadataReference.CreateFromImage(stream.ToArray());
        const string marked = "using System;\nusing SymGrad;\npublic static partial class M { [DerivativeOf(typeof(Lib.Special), nameof(Lib.Special.F))] public static double [|Mine|](double x, out double dx) { dx = 42; return x * x; } [Differentiable] public static double G(double x) => Lib.Special.F(x); }";
        (string source, TextSpan[] spans) = Parse(marked);

        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Compile(source).AddReferences(reference), GeneratorHarness.CreateDriver());

        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("SYMGRAD0022", diagnostic.Id);
        Assert.Equal(spans.Single(), diagnostic.Location.SourceSpan);
        Assert.Contains("global::Lib.Special.FGradient(", run.Generated.Single().Source);
        Assert.DoesNotContain("Mine(", run.Generated.Single().Source);
    }

    [Fact]
    public void TheExpectedSignatureIsInTheMessage()
    {
        GeneratorRun run = GeneratorHarness.Run("using System;\nusing SymGrad;\npublic static partial class M { public static double T(double x, double[] w, int n) => x; [DerivativeOf(nameof(T))] public static double TGradient(double x, double[] w, int n, out double dx) { dx = 1; return x; } }");

        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("SYMGRAD0022", diagnostic.Id);
        Assert.Contains("static double TGradient(double x, double[] w, int n, out double dx, Span<double> dw)", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void TheCallThatCannotBeDifferentiatedSaysBothWaysOut()
    {
        GeneratorRun run = GeneratorHarness.Run("using System;\nusing SymGrad;\npublic static partial class M { static double H(double v) => v; [Differentiable] public static double F(double x) => H(x); }");

        string message = Assert.Single(run.GeneratorDiagnostics).GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("Mark it [Differentiable]", message);
        Assert.Contains("[DerivativeOf]", message);
    }

    private static (string Source, TextSpan[] Spans) Parse(string marked)
    {
        var spans = new System.Collections.Generic.List<TextSpan>();
        var source = new System.Text.StringBuilder();
        int i = 0;
        int start = -1;
        while (i < marked.Length)
        {
            if (string.CompareOrdinal(marked, i, "[|", 0, 2) == 0)
            {
                start = source.Length;
                i += 2;
            }
            else if (string.CompareOrdinal(marked, i, "|]", 0, 2) == 0)
            {
                spans.Add(TextSpan.FromBounds(start, source.Length));
                i += 2;
            }
            else
            {
                source.Append(marked[i++]);
            }
        }

        return (source.ToString(), spans.ToArray());
    }
}
