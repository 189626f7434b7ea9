using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using SymGrad.Generator.Analyzers;
using Xunit;

namespace SymGrad.Analyzer.Tests;

/// <summary>
/// Each signature rule is reported by the analyzer (so it shows as the user types) exactly at the construct the
/// source marks with {|ID:...|}, and only there.
/// </summary>
public class SignatureAnalyzerTests
{
    private const string Usings = "using System;\nusing SymGrad;\n";

    public static TheoryData<string> Cases() => new()
    {
        "public partial class M { [Differentiable] public double {|SYMGRAD0001:F|}(double x) => x; }",
        "public static class {|SYMGRAD0002:M|} { [Differentiable] public static double F(double x) => x; }",
        "public class {|SYMGRAD0002:Outer|} { public static partial class M { [Differentiable] public static double F(double x) => x; } }",
        "public static partial class M { [Differentiable] public static {|SYMGRAD0003:long|} F(double x) => 1; }",
        "public static partial class M { [Differentiable] public static float {|SYMGRAD0009:F|}(double x) => 1f; }",
        "public static partial class M { [Differentiable] public static void {|SYMGRAD0009:F|}(double x, Span<float> output) { output[0] = (float)x; } }",
        "public static partial class M { [Differentiable] public static {|SYMGRAD0003:ref double|} F(double[] x) => ref x[0]; }",
        "public static partial class M { [Differentiable] public static {|SYMGRAD0003:void|} F(double x, Span<double> a, Span<double> b) { a[0] = x; } }",
        "public static partial class M { [Differentiable] public static {|SYMGRAD0003:void|} F(double x, double[] a) { } }",
        "public static partial class M { [Differentiable] public static double F(ref double {|SYMGRAD0004:x|}) => x; }",
        "public static partial class M { [Differentiable] public static double F(double x, string {|SYMGRAD0004:name|}) => x; }",
        "public static partial class M { [Differentiable] public static double F(params double[] {|SYMGRAD0004:xs|}) => xs[0]; }",
        "public static partial class M { [Differentiable] public static double {|SYMGRAD0005:F|}<T>(double x) => x; }",
        "public static partial class M { [Differentiable] public static double F(double x, double {|SYMGRAD0006:dx|}) => x * dx; }",
        "public static partial class M { [Differentiable] public static extern double {|SYMGRAD0007:F|}(double x); }",
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public Task ReportsTheDiagnosticAtTheConstruct(string markedSource) => Verify.AnalyzerAsync(Usings + markedSource);

    /// <summary>A vector-valued method: void, exactly one Span&lt;double&gt; (its output, never differentiated, so no SYMGRAD0006 for 'dx' beside it).</summary>
    [Fact]
    public Task AVoidMethodWithOneOutputSpanIsVectorValued() =>
        Verify.AnalyzerAsync(Usings + "public static partial class M { [Differentiable] public static void F(double x, double[] w, Span<double> output) { output[0] = x * w[0]; } }");

    /// <summary>As the generator does (issue 9, item 10): a method the compiler rejects gets only the compiler's errors.</summary>
    [Theory]
    [InlineData("public static partial class M { [Differentiable] public static double F({|CS0246:Foo|} x) => 1.0; }")]
    [InlineData("public partial class M { [Differentiable] public double {|CS0161:F|}(double x) { if (x > 1) return x; } }")]
    [InlineData("public static partial class M { [Differentiable] public static double F(ref double x, double y) => {|CS0103:z|}; }")]
    public Task MethodsWithCompilerErrorsGetNoSymGradDiagnostic(string markedSource) => Verify.AnalyzerAsync(Usings + markedSource);

    [Fact]
    public Task ReportsEverySignatureProblemOfAMethodAtOnce() => Verify.AnalyzerAsync(Usings + """
        public class {|SYMGRAD0002:M|}
        {
            [Differentiable]
            public {|SYMGRAD0003:long|} {|SYMGRAD0001:F|}(double x, string {|SYMGRAD0004:s|}) => (long)x;
        }
        """);

    [Fact]
    public Task SupportedSignaturesAndUnmarkedMethodsAreNotReported() => Verify.AnalyzerAsync(Usings + """
        public static partial class M
        {
            [Differentiable]
            public static double F(double x, [NoDerivative] double dy, double[] w, ReadOnlySpan<double> v, int n, bool flag, int[] k, double[,] m) => x * dy;

            [Differentiable]
            public static float S(float x, float[] w, ReadOnlySpan<float> v, Span<float> s, int n, float[,] m) => x * w[0];

            [Differentiable]
            public static double G([NoDerivative] double x, double dx) => x * dx;
        }

        public class NotPartial
        {
            public double Plain(float f, ref double x) => f;
        }
        """);

    [Fact]
    public void EveryRuleLinksToItsPageAtTheRepositoryThePackageNames()
    {
        string repository = typeof(SignatureAnalyzerTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "SymGrad.RepositoryUrl").Value!;
        IEnumerable<DiagnosticDescriptor> descriptors = new DifferentiableSignatureAnalyzer().SupportedDiagnostics
            .Concat(Generator.Diagnostics.DiagnosticDescriptors.All);

        foreach (DiagnosticDescriptor descriptor in descriptors)
        {
            Assert.Equal(repository + "/blob/main/docs/diagnostics/" + descriptor.Id + ".md", descriptor.HelpLinkUri);
        }
    }

    [Fact]
    public void TheAnalyzerOwnsTheSignatureRules()
    {
        string[] ids = new DifferentiableSignatureAnalyzer().SupportedDiagnostics.Select(d => d.Id).OrderBy(id => id).ToArray();

        Assert.Equal(new[] { "SYMGRAD0001", "SYMGRAD0002", "SYMGRAD0003", "SYMGRAD0004", "SYMGRAD0005", "SYMGRAD0006", "SYMGRAD0007", "SYMGRAD0009" }, ids);
    }
}
