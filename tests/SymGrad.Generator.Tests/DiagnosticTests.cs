using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using SymGrad.Generator.Tests.Infrastructure;
using Xunit;

namespace SymGrad.Generator.Tests;

/// <summary>
/// Each diagnostic ID is triggered by a small method, and reported exactly at the construct the
/// source marks with [| |].
/// </summary>
public class DiagnosticTests
{
    public static TheoryData<string, string> Cases() => new()
    {
        { "SYMGRAD0032", "public static partial class M { [Differentiable] public static double [|F|](double x) => x * x; public static double FGradient(double x, out double dx) { dx = 2 * x; return x * x; } }" },
        { "SYMGRAD0032", "public static partial class M { [Differentiable] public static double [|F|](double[] a) => a[0]; public static int FGradient; }" },
        { "SYMGRAD0032", "public static partial class M { [Differentiable] public static double [|F|](double x, [NoDerivative] double c) => c * x; private static double FGradient(double y, double z, out double w) { w = 0; return y; } }" },
        { "SYMGRAD0032", "public static partial class M { [Differentiable] public static double [|F|](double x, double[] w) => x * w[0]; public static double FPullback(double x, double[] w, double seed, ref double dx, System.Span<double> dw) => 0; }" },
        { "SYMGRAD0032", "public static partial class M { [Differentiable] public static double [|F|](double x) => x; public static double FPullback = 1; }" },
        { "SYMGRAD0032", "public static partial class M { [Differentiable(Tangent = true)] public static double [|F|](double x, double[] w) => x * w[0]; public static double FTangent(double x, double[] w, double tx, System.ReadOnlySpan<double> tw, out double t) { t = 0; return 0; } }" },
        { "SYMGRAD0032", "public static partial class M { [Differentiable(Hessian = true)] public static double [|F|](double x) => x * x; public static int FHessian; }" },
        { "SYMGRAD0032", "public static partial class M { [Differentiable] public static void [|F|](double x, System.Span<double> y) { y[0] = x; } public static void FJacobian(double x, System.Span<double> y, System.Span<double> j) { } }" },
        { "SYMGRAD0017", "public static partial class M { [Differentiable] public static double F(double[] a, int k) { double s = 0; [|for|] (int i = 0; i < a.Length; i += k) { if (a[i] < 0) break; s += a[i]; } return s; } }" },
        { "SYMGRAD0017", "public static partial class M { [Differentiable] public static double F(double[] a) { [|for|] (int i = a.Length; i > 0; i += 1) { return a[i]; } return 0; } }" },
        { "SYMGRAD0017", "public static partial class M { [Differentiable] public static double F(double[] a) { double s = 0; for (int i = 0; i < a.Length; i++) { s += a[i]; [|i|] += 1; } return s; } }" },
        { "SYMGRAD0017", "public static partial class M { [Differentiable] public static double F(double[] a) { double s = 0; [|for|] (int i = 0; i != a.Length; i += 0) { s += a[i]; } return s; } }" },
        { "SYMGRAD0017", "public static partial class M { [Differentiable] public static double F(double[] a) { double s = 0; int i = 0; [|for|] (i = 1; i < a.Length; i *= 2) { s += a[i]; } return s; } }" },
        { "SYMGRAD0017", "public static partial class M { [Differentiable] public static double F(double x) { int n = 0; while (x > 1) { x = x / 2; n++; if (n > 5) break; } for (int i = 0; i < 3; i++) { do { x += 1; [|i|]++; } while (x < 2); } return x; } }" },
        { "SYMGRAD0017", "public static partial class M { [Differentiable] public static double F(double x) { double s = x; [|for (int i = 0; i <= int.MaxValue; i++) { s += x; }|] return s; } }" },
        { "SYMGRAD0018", "public static partial class M { [Differentiable] public static double F(double[] a) { double s = 0; for (int i = 0; i < 2; i++) { double[] [|t = new double[2]|]; t[0] = a[i]; s += t[0]; } return s; } }" },
        { "SYMGRAD0018", "public static partial class M { [Differentiable] public static double F(double[] a) { double[] [|b = a|]; return b[0]; } }" },
        // checked/unchecked bind to their contents alone: the generated copy lost the context, so a checked integer
        // product that throws in the method wrapped in the gradient (found by a review, 2026-12-07).
        { "SYMGRAD0011", "public static partial class M { [Differentiable] public static double F(double x, int n) { int k = [|checked(n * n)|]; return x * k; } }" },
        { "SYMGRAD0011", "public static partial class M { [Differentiable] public static double F(double x, int n) { int k = [|unchecked(n * n)|]; return x * k; } }" },
        { "SYMGRAD0010", "public static partial class M { [Differentiable] public static double F(double x, int n) { int k = 0; [|checked { k = n * n; }|] return x * k; } }" },
        // An initializer list was dropped: the elements read as 0, and the value and gradient were silently wrong (found by a review, 2026-12-07).
        { "SYMGRAD0018", "public static partial class M { [Differentiable] public static double F(double x) { Span<double> [|t = stackalloc double[2] { x, 2 * x }|]; return t[1]; } }" },
        { "SYMGRAD0018", "public static partial class M { [Differentiable] public static double F(double x) { double[] [|t = new double[2] { x, 2 * x }|]; return t[1]; } }" },
        { "SYMGRAD0018", "public static partial class M { [Differentiable] public static double F(double x) { Span<double> [|t = stackalloc[] { x, 2 * x }|]; return t[1]; } }" },
        { "SYMGRAD0017", "public static partial class M { [Differentiable] public static double F(double[] a) { int n = a.Length; double p = 1; [|for|] (int i = 0; i < n; i++) { p *= a[i]; n = n - 1; } return p; } }" },
        { "SYMGRAD0017", "public static partial class M { [Differentiable] public static double F(double[] a) { int s = 0; foreach (int v in [|a|]) { s += v; } return s; } }" },
        { "SYMGRAD0010", "public static partial class M { [Differentiable] public static double F(double x) { [|try { x = x * 2; } finally { }|] return x; } }" },
        { "SYMGRAD0011", "public static partial class M { [Differentiable] public static double F(double x) => [|x % 2.0|]; }" },
        { "SYMGRAD0011", "public static partial class M { [Differentiable] public static double F(double x, int n) => x * ([|n & 3|]); }" },
        { "SYMGRAD0011", "public static partial class M { [Differentiable] public static double F(double x) { double y = 0; return x + ([|y = x|]); } }" },
        { "SYMGRAD0011", "public static partial class M { [Differentiable] public static double F(double x) { [|x %= 2.0|]; return x; } }" },
        { "SYMGRAD0012", "public static partial class M { [Differentiable] public static double F(double x) => [|Math.Round(x)|]; }" },
        { "SYMGRAD0013", "public static partial class M { [Differentiable] public static double F(double x) => x < 1 ? x : [|F(x - 1)|]; }" },
        { "SYMGRAD0014", "public static partial class M { [Differentiable] public static double F(double x) { string [|s = \"a\"|]; return x; } }" },
        { "SYMGRAD0015", "public static partial class M { [Differentiable] public static double F(double x) => [|(long)x|]; }" },
        { "SYMGRAD0019", "public static partial class M { [Differentiable] public static double F(double x) => [|(float)x|]; }" },
        { "SYMGRAD0019", "public static partial class M { [Differentiable] public static float F(float x) { double [|t = x|]; return (float)t; } }" },
        { "SYMGRAD0019", "public static partial class M { [Differentiable] public static float F(float x) => [|x|] * 0.5 > 1 ? x : 0f; }" },
        { "SYMGRAD0019", "public static partial class M { [Differentiable] public static float F(float[] v) { float s = 0f; foreach ([|double|] e in v) { s += (float)e; } return s; } }" },
        { "SYMGRAD0019", "public static partial class M { static double G(double x) => x * x; [Differentiable] public static float F(float x) => (float)[|G((double)x)|]; }" },
        { "SYMGRAD0016", "public static partial class M { static double Counter; [Differentiable] public static double F(double x) { [|Counter|] = x; return x; } }" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ReportsTheDiagnosticAtTheConstruct(string id, string markedSource)
    {
        (string source, TextSpan expected) = Parse("using System;\nusing SymGrad;\n" + markedSource);

        GeneratorRun run = GeneratorHarness.Run(source);

        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(expected, diagnostic.Location.SourceSpan);
        Assert.EndsWith("docs/diagnostics/" + id + ".md", diagnostic.Descriptor.HelpLinkUri);
        Assert.Empty(run.Generated);
    }

    /// <summary>Signature rules are the analyzer's (tests/SymGrad.Analyzer.Tests); the generator only skips such methods.</summary>
    [Theory]
    [InlineData("public partial class M { [Differentiable] public double F(double x) => x; }")]
    [InlineData("public static class M { [Differentiable] public static double F(double x) => x; }")]
    [InlineData("public static partial class M { [Differentiable] public static float F(double x) => 1f; }")]
    [InlineData("public static partial class M { [Differentiable] public static double F(double x, string name) => x; }")]
    [InlineData("public static partial class M { [Differentiable] public static double F(double x, double dx) => x * dx; }")]
    [InlineData("public static partial class M { [Differentiable] public static extern double F(double x); }")]
    public void LeavesSignatureProblemsToTheAnalyzerAndGeneratesNothing(string source)
    {
        GeneratorRun run = GeneratorHarness.Run("using System;\nusing SymGrad;\n" + source);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.Generated);
    }

    /// <summary>An <c>unsafe</c> block (in a project that allows unsafe code) is SYMGRAD0010: it was lowered as a plain block, its context lost.</summary>
    [Fact]
    public void AnUnsafeBlockIsReported()
    {
        var compilation = GeneratorHarness.Compile("using System;\nusing SymGrad;\npublic static partial class M { [Differentiable] public static double F(double x) { double y = x; unsafe { y = y * x; } return y; } }");
        GeneratorRun run = GeneratorHarness.Run(compilation.WithOptions(compilation.Options.WithAllowUnsafe(true)), GeneratorHarness.CreateDriver());

        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("SYMGRAD0010", diagnostic.Id);
        Assert.StartsWith("An 'unsafe' block cannot be differentiated", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(run.Generated);
    }

    [Fact]
    public void AGradientThatNeedsTheMissingRuntimeIsReportedAtTheMethodNotInsideGeneratedCode()
    {
        const string source = """
            using SymGrad;
            public static partial class M
            {
                [Differentiable]
                public static double Product(double[] a)
                {
                    double p = 1;
                    for (int i = 0; i < a.Length; i++) { p = p * a[i]; }
                    return p;
                }

                [Differentiable]
                public static double Square(double x) => x * x;
            }
            """;

        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CompileWithoutRuntime(source), GeneratorHarness.CreateDriver());

        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("SYMGRAD0008", diagnostic.Id);
        int productLine = source.Split('\n').ToList().FindIndex(line => line.Contains("double Product("));
        Assert.Equal(productLine, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Contains("'SymGrad.ValueTape'", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("dotnet add package SymGrad", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        // The gradient that needs nothing from the runtime is still generated, and everything compiles.
        Assert.Contains(run.Generated, g => g.Source.Contains("SquareGradient"));
        Assert.DoesNotContain(run.Generated, g => g.Source.Contains("ProductGradient"));
        Assert.Empty(run.OutputProblems);
    }

    [Fact]
    public void ReportsEveryProblemOfAMethodInOneBuild()
    {
        const string source = """
            using System;
            using SymGrad;
            public static partial class M
            {
                [Differentiable]
                public static double F(double x)
                {
                    for (int i = 1; i < 9; i *= 2) { x = x / 2; }
                    double y = Math.Round(x);
                    return y % 3.0;
                }
            }
            """;

        GeneratorRun run = GeneratorHarness.Run(source);

        Assert.Equal(
            new[] { "SYMGRAD0011", "SYMGRAD0012", "SYMGRAD0017" },
            run.GeneratorDiagnostics.Select(d => d.Id).OrderBy(id => id).ToArray());
    }

    [Fact]
    public void MessagesNameTheConstructAndWhatIsSupported()
    {
        GeneratorRun run = GeneratorHarness.Run("using System; using SymGrad; public static partial class M { [Differentiable] public static double F(double x) => Math.Round(x); }");

        string message = Assert.Single(run.GeneratorDiagnostics).GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("Math.Round", message);
        Assert.Contains("supported functions are Math.Exp", message);
    }

    [Fact]
    public void CodeWithCompileErrorsGetsNoSymGradDiagnosticsAndNoCrash()
    {
        const string source = "using SymGrad; public static partial class M { [Differentiable] public static double F(double x) => x + undefinedName; }";

        GeneratorRun run = GeneratorHarness.Run(source);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.Generated);
    }

    [Fact]
    public void NoDerivativeOnAnIntegerIsAllowedAndChangesNothing()
    {
        GeneratorRun run = GeneratorHarness.Run("using SymGrad; public static partial class M { [Differentiable] public static double F(double x, [NoDerivative] int n) => x * n; }");

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.OutputProblems);
        Assert.Contains("FGradient(double x, int n, out double dx)", run.Generated.Single().Source);
    }

    [Fact]
    public void OverloadsThatDifferOnlyInArrayTypesGetFilesOfTheirOwn()
    {
        GeneratorRun run = GeneratorHarness.Run("using SymGrad; public static partial class M { [Differentiable] public static double F(double[] a) => a[0]; [Differentiable] public static double F(int[] a, double x) => a[0] * x; }");

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.OutputProblems);
        Assert.Equal(2, run.Generated.Select(g => g.HintName).Distinct().Count());
    }

    [Fact]
    public void EveryDiagnosticHasAHelpPageInDocs()
    {
        string root = RepositoryPaths.Root;
        foreach (DiagnosticDescriptor descriptor in SymGrad.Generator.Diagnostics.DiagnosticDescriptors.All)
        {
            string page = System.IO.Path.Combine(root, "docs", "diagnostics", descriptor.Id + ".md");
            Assert.True(System.IO.File.Exists(page), "missing " + page);
            string text = System.IO.File.ReadAllText(page);
            Assert.StartsWith("# " + descriptor.Id + ": " + descriptor.Title, text);
            Assert.Contains(descriptor.MessageFormat.ToString(System.Globalization.CultureInfo.InvariantCulture), text);
        }
    }

    private static (string Source, TextSpan Span) Parse(string marked)
    {
        int start = marked.IndexOf("[|", System.StringComparison.Ordinal);
        int end = marked.IndexOf("|]", System.StringComparison.Ordinal) - 2;
        string source = marked.Replace("[|", string.Empty).Replace("|]", string.Empty);
        return (source, TextSpan.FromBounds(start, end));
    }
}
