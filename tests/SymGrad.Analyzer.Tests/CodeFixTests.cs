using System.Threading.Tasks;
using SymGrad.CodeFixes;
using Xunit;

namespace SymGrad.Analyzer.Tests;

/// <summary>Each code fix turns the reported source into source the analyzer accepts, keeping the user's layout.</summary>
public class CodeFixTests
{
    private const string Usings = "using System;\nusing SymGrad;\n";

    [Fact]
    public Task MakesTheMethodStatic() => Verify.FixAsync<MakeStaticCodeFix>(
        Usings + "public partial class M { [Differentiable] public double {|SYMGRAD0001:F|}(double x) => x; }",
        Usings + "public partial class M { [Differentiable] public static double F(double x) => x; }");

    [Fact]
    public Task MakesAMethodWithoutModifiersStaticAndDropsVirtual() => Verify.FixAsync<MakeStaticCodeFix>(
        Usings + """
        public partial class M
        {
            [Differentiable]
            double {|SYMGRAD0001:F|}(double x) => x;

            [Differentiable]
            public virtual double {|SYMGRAD0001:G|}(double x) => x;
        }
        """,
        Usings + """
        public partial class M
        {
            [Differentiable]
            static double F(double x) => x;

            [Differentiable]
            public static double G(double x) => x;
        }
        """);

    [Fact]
    public Task MakesTheTypeAndEveryContainingTypePartial() => Verify.FixAsync<MakePartialCodeFix>(
        Usings + """
        public class {|SYMGRAD0002:Outer|}
        {
            static class {|SYMGRAD0002:M|}
            {
                [Differentiable]
                public static double F(double x) => x;
            }
        }

        class {|SYMGRAD0002:Bare|}
        {
            [Differentiable]
            public static double F(double x) => x;
        }
        """,
        Usings + """
        public partial class Outer
        {
            static partial class M
            {
                [Differentiable]
                public static double F(double x) => x;
            }
        }

        partial class Bare
        {
            [Differentiable]
            public static double F(double x) => x;
        }
        """);

    [Fact]
    public Task MakesAMixedSignatureDoubleThroughout() => Verify.FixAsync<OnePrecisionCodeFix>(
        Usings + "public static partial class M { [Differentiable] public static float {|SYMGRAD0009:F|}(double x, float[] w, ReadOnlySpan<float> v) => (float)x * w[0] * v[0]; }",
        Usings + "public static partial class M { [Differentiable] public static double F(double x, double[] w, ReadOnlySpan<double> v) => (float)x * w[0] * v[0]; }",
        codeActionIndex: 0);

    [Fact]
    public Task MakesAMixedSignatureFloatThroughout() => Verify.FixAsync<OnePrecisionCodeFix>(
        Usings + "public static partial class M { [Differentiable] public static float {|SYMGRAD0009:F|}(double x, float[] w) => (float)x * w[0]; }",
        Usings + "public static partial class M { [Differentiable] public static float F(float x, float[] w) => (float)x * w[0]; }",
        codeActionIndex: 1);

    [Fact]
    public Task MarksTheParameterWhoseGradientNameClashesNoDerivative() => Verify.FixAsync<AddNoDerivativeCodeFix>(
        Usings + "public static partial class M { [Differentiable] public static double F(double x, double {|SYMGRAD0006:dx|}) => x * dx; }",
        Usings + "public static partial class M { [Differentiable] public static double F([NoDerivative] double x, double dx) => x * dx; }");

    [Fact]
    public Task QualifiesNoDerivativeWhenTheNamespaceIsNotImported() => Verify.FixAsync<AddNoDerivativeCodeFix>(
        "public static partial class M { [SymGrad.Differentiable] public static double F(double y, double {|SYMGRAD0006:dy|}) => y * dy; }",
        "public static partial class M { [SymGrad.Differentiable] public static double F([global::SymGrad.NoDerivative] double y, double dy) => y * dy; }");
}
