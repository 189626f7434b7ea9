using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SymGrad.Generator.Lowering;
using SymGrad.Generator.Tests.Infrastructure;
using Xunit;

namespace SymGrad.Generator.Tests.Issue9;

/// <summary>
/// <see cref="CompilerErrorScreen"/>: the compiler's own error check (a second compile of the body) is asked only where a
/// method that lowered cleanly may hide an error. Each rule answers for the error it stands for and stays quiet on the
/// valid twin; the seed models pass without the check; valid methods the screen sends to the check keep their gradients.
/// </summary>
public class CompilerErrorScreenTests
{
    public static TheoryData<string, string> Screened() => new()
    {
        // error (or the flow question it stands for), method F
        { "CS0165", "static double F(double x) { double y; if (x > 0) y = x; return y; }" },
        { "CS0161", "static double F(double x) { if (x > 1) return x; }" },
        { "CS0103", "static double F(double x) => x * z;" },
        { "CS0029", "static double F(double x) { int y = \"a\"; return x * y; }" },
        { "CS0266", "static double F(double x) { int n = x; return n; }" },
        { "CS0030", "static double F(double x) { int y = (int)\"a\"; return x * y; }" },
        { "CS0664", "static double F(double x) { float f = 1.5; return x * f; }" },
        { "CS0019", "static double F(double x) { bool b = true; return x * (b * 2.0); }" },
        { "CS0220", "static double F(double x) { int a = int.MaxValue + 1; return x * a; }" },
        { "CS0020", "static double F(double x) { int a = 1 / 0; return x * a; }" },
        { "CS0220 (unary)", "static double F(double x) { int a = -int.MinValue; return x * a; }" },
        { "CS0029 (an attribute argument)", "[Differentiable(Tangent = 5)] static double F(double x) => x;" },
        { "CS0841", "static double F(double x) { double y = z * x; double z = 2; return y; }" },
        { "CS0841 (a plain read)", "static double F(double x) { double y = z; double z = x; return y; }" },
        { "CS0136 (a parameter's name)", "static double F(double x) { for (int i = 0; i < 2; i++) { double x = 1; } return x; }" },
        { "CS0128", "static double F(double x) { double y = x; { double y2 = 1; } double y = 2; return y; }" },
        { "CS0136 (an enclosing local's name)", "static double F(double x) { double y = x; for (int i = 0; i < 2; i++) { double y = 1; } return y; }" },
        { "CS0246", "static double F(double x, Foo f) => x;" },
        { "CS0100", "static double F(double x, double x) => x;" },
        { "CS0100 (the parameters unread)", "static double F(double x, double x) => 2.0;" },
        { "CS1750", "static double F(double x, double y = \"a\") => x * y;" },
        { "params", "static double F(params double[] x) => x[0];" },
        { "this", "static double F(this double[] x) => x[0];" },
        { "unsafe", "static unsafe double F(double x) => x;" },
        { "generic", "static double F<T>(double x) => x;" },
    };

    public static TheoryData<string> Clear() => new()
    {
        "static double F(double x) { double y = x * x; return y; }",
        "static double F(double x) => x * x;",
        "static double F(double[] a) { double s = 0; for (int i = 0; i < a.Length; i++) { double t = a[i]; s += t * t; } for (int i = 0; i < a.Length; i++) { double t = a[i]; s += t; } return s; }",
        "static double F(double[] a) { double s = 0; foreach (double v in a) { s += v * v; } return s; }",
        "static double F(double x) { int n = 3; double y = n; float f = 1.5f; return x * y * f; }",
        "static double F(double x) { const int a = int.MaxValue; double y = a + 1.0; return x * y; }",
        "static double F(double x) { if (x > 0) { return x; } throw new System.ArgumentException(\"x\"); }",
    };

    [Theory]
    [MemberData(nameof(Screened))]
    public void AMethodThatMayHideAnErrorIsScreened(string error, string method)
    {
        Assert.True(Screen(method), error + ": " + method);
    }

    [Theory]
    [MemberData(nameof(Clear))]
    public void AValidMethodIsNotScreened(string method)
    {
        Assert.False(Screen(method), method);
    }

    [Fact]
    public void TheSeedModelsNeedNoSecondCompile()
    {
        string[] sources = ScalingTests.RealisticMethods(copies: 1, out int methods);
        CSharpCompilationHolder holder = new(GeneratorHarness.Compile(sources));
        int screened = 0, seen = 0;
        foreach ((IMethodSymbol method, MethodDeclarationSyntax syntax, IOperation? body, AttributeData? attribute) in holder.Differentiable())
        {
            seen++;
            screened += CompilerErrorScreen.MayHideErrors(method, syntax, body, attribute) ? 1 : 0;
        }

        Assert.Equal(methods, seen);
        Assert.Equal(0, screened);
    }

    /// <summary>Valid methods the screen sends to the compiler's check are generated as before.</summary>
    [Theory]
    [InlineData("[Differentiable] public static double F(double x) { double y; if (x > 0) y = x * x; else y = -x; return y; }")]
    [InlineData("[Differentiable] public static double F(double x) { if (x > 0) { return x * x; } else { return -x; } }")]
    public void ValidScreenedMethodsKeepTheirGradients(string method)
    {
        GeneratorRun run = GeneratorHarness.Run("using System;\nusing SymGrad;\npublic static partial class M\n{\n    " + method + "\n}\n");

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.OutputProblems);
        Assert.Contains("FGradient", Assert.Single(run.Generated).Source);
    }

    private static bool Screen(string method)
    {
        string declaration = method.StartsWith("[", System.StringComparison.Ordinal) ? method : "[Differentiable] " + method;
        var compilation = GeneratorHarness.Compile("using System;\nusing SymGrad;\npublic static partial class M\n{\n    " + declaration + "\n}\n");
        compilation = compilation.WithOptions(compilation.Options.WithAllowUnsafe(false));
        (IMethodSymbol symbol, MethodDeclarationSyntax syntax, IOperation? body, AttributeData? attribute) = new CSharpCompilationHolder(compilation).Differentiable().Single();
        return CompilerErrorScreen.MayHideErrors(symbol, syntax, body, attribute);
    }

    private sealed class CSharpCompilationHolder
    {
        private readonly Compilation compilation;

        public CSharpCompilationHolder(Compilation compilation) => this.compilation = compilation;

        public System.Collections.Generic.IEnumerable<(IMethodSymbol, MethodDeclarationSyntax, IOperation?, AttributeData?)> Differentiable()
        {
            foreach (SyntaxTree tree in compilation.SyntaxTrees)
            {
                SemanticModel model = compilation.GetSemanticModel(tree);
                foreach (MethodDeclarationSyntax syntax in tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>())
                {
                    if (model.GetDeclaredSymbol(syntax) is IMethodSymbol method
                        && method.GetAttributes().FirstOrDefault(a => a.AttributeClass?.Name == "DifferentiableAttribute") is { } attribute)
                    {
                        yield return (method, syntax, model.GetOperation(syntax), attribute);
                    }
                }
            }
        }
    }
}
