using System.Linq;
using Microsoft.CodeAnalysis;
using SymGrad.Generator.Tests.Infrastructure;
using Xunit;

namespace SymGrad.Generator.Tests.Issue9;

/// <summary>
/// Issue 9, item 10: a method the compiler already rejects gets no SymGrad diagnostic (neither a
/// restatement such as SYMGRAD0015 for a type error, nor SYMGRAD0099 for a missing return) and no
/// generated code; the other methods of the project are generated as usual.
/// </summary>
public class CompilerErrorSilenceTests
{
    public static TheoryData<string, string> BrokenMethods() => new()
    {
        { "CS0161", "[Differentiable] public static double F(double x) { if (x > 1) return x; }" },
        { "CS0161", "[Differentiable] public static double F(double[] a) { for (int i = 0; i < a.Length; i++) { if (a[i] > 0) return a[i]; } }" },
        { "CS0029", "[Differentiable] public static double F(double x) { int y = \"a\"; return x * y; }" },
        { "CS0266", "[Differentiable] public static double F(double x) { int n = x; return n; }" },
        { "CS0246", "[Differentiable] public static double F(double x, Foo f) => x;" },
        { "CS1586", "[Differentiable] public static double F(double x) { double[] t = new double[]; t[0] = x; return t[0]; }" },
        { "CS0103", "[Differentiable] public static double F(double x) => x * z;" },
        { "CS1002", "[Differentiable] public static double F(double x) { double y = x * x return y; }" },
        { "CS0165", "[Differentiable] public static double F(double x) { double y; if (x > 0) y = x; return y; }" },
        { "CS0708", "[Differentiable] public double F(double x) => x;" },
        // Errors whose bound operations look valid (found by a review of a cheaper check that missed them, 2026-12-07).
        { "CS0165", "[Differentiable] public static double F(double x) { double y = y * x; return y; }" },
        { "CS0133", "[Differentiable] public static double F(double x) { const double c = Math.Sqrt(2); return x * c; }" },
        { "CS0248", "[Differentiable] public static double F(double x) { double[] t = new double[-1]; return x; }" },
        { "CS0176", "[Differentiable] public static double F(double x) { double a = x.Epsilon; return a * x; }" },
        { "CS0619", "[Obsolete(\"no\", true)] const double K = 2;\n    [Differentiable] public static double F(double x) => x * K;" },
        { "CS0246", "[MethodImpl(MethodImplOptions.AggressiveInlining)] [Differentiable] public static double F(double x) => x * x;" },
        { "CS1729", "[Differentiable(1)] public static double F(double x) => x * x;" },
        { "CS0102", "public static double F { get; } = 1;\n    [Differentiable] public static double F(double x) => x * x;" },
        { "CS0106", "[Differentiable] public static readonly double F(double x) => x * x;" },
    };

    [Theory]
    [MemberData(nameof(BrokenMethods))]
    public void AMethodWithCompilerErrorsGetsNoSymGradDiagnosticAndNoCode(string compilerError, string method)
    {
        string source = "using System;\nusing SymGrad;\npublic static partial class M\n{\n    " + method
            + "\n    [Differentiable] public static double Fine(double x) => x * x;\n}\n";

        GeneratorRun run = GeneratorHarness.Run(source);

        Assert.Contains(run.Input.GetDiagnostics(), d => d.Id == compilerError);
        Assert.Empty(run.GeneratorDiagnostics);
        (string hintName, string generated) = Assert.Single(run.Generated);
        Assert.Contains("FineGradient", generated);
        Assert.DoesNotContain("FGradient", generated);
        Assert.DoesNotContain(run.OutputProblems, d => d.Location.SourceTree?.FilePath.EndsWith(hintName, System.StringComparison.Ordinal) == true);
    }

    [Fact]
    public void AnErrorInAnotherMethodDoesNotSilenceThisOne()
    {
        const string source = """
            using System;
            using SymGrad;
            public static partial class M
            {
                public static double Broken(double x) { int n = x; return n; }
                [Differentiable] public static double F(double x) => x % 2.0;
            }
            """;

        GeneratorRun run = GeneratorHarness.Run(source);

        Assert.Equal("SYMGRAD0011", Assert.Single(run.GeneratorDiagnostics).Id);
    }

    [Fact]
    public void WarningsPromotedToErrorsDoNotSilenceTheMethod()
    {
        const string source = """
            using System;
            using SymGrad;
            public static partial class M
            {
                [Differentiable]
                public static double F(double x)
                {
                    double unused = 2;
                    return x * x;
                }
            }
            """;
        var compilation = GeneratorHarness.Compile(source);
        compilation = compilation.WithOptions(compilation.Options.WithGeneralDiagnosticOption(ReportDiagnostic.Error));

        GeneratorRun run = GeneratorHarness.Run(compilation, GeneratorHarness.CreateDriver());

        Assert.Contains(run.Input.GetDiagnostics(), d => d.Id == "CS0219" && d.Severity == DiagnosticSeverity.Error);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Contains("FGradient", Assert.Single(run.Generated).Source);
    }
}
