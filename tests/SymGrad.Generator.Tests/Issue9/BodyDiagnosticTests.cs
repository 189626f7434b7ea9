using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using SymGrad.Generator.Tests.Infrastructure;
using Xunit;

namespace SymGrad.Generator.Tests.Issue9;

/// <summary>
/// Issue 9, item 12: a throw expression is SYMGRAD0011 naming the throw (it read "Conversion from '?'
/// to 'double'"), and the body of a loop whose header is unsupported is still checked, so a
/// <c>break</c> in it is reported beside the header. Each marked span carries one diagnostic, in order.
/// </summary>
public class BodyDiagnosticTests
{
    public static TheoryData<string, string[]> Cases() => new()
    {
        { "public static partial class M { [Differentiable] public static double F(double x) => x > 0 ? x : [|throw new ArgumentException(\"negative\")|]; }", new[] { "SYMGRAD0011" } },
        { "public static partial class M { [Differentiable] public static double F(double x) => x <= 0 ? [|throw new ArgumentOutOfRangeException(nameof(x))|] : Math.Log(x); }", new[] { "SYMGRAD0011" } },
        { "public static partial class M { [Differentiable] public static double F(double x) { double y = x > 1 ? Math.Sqrt(x) : [|throw new InvalidOperationException()|]; return y * y; } }", new[] { "SYMGRAD0011" } },
        { "public static partial class M { [Differentiable] public static double F(double x) => [|throw new NotImplementedException()|]; }", new[] { "SYMGRAD0011" } },
        { "public static partial class M { [Differentiable] public static double F(double[] a) { double s = 0; [|for|] (int i = 0; ; i++) { s += a[0]; if (s > 1) break; } for (int j = 0; j < 2; j++) { [|goto done;|] } [|done: return s;|] } }", new[] { "SYMGRAD0017", "SYMGRAD0017", "SYMGRAD0010" } },
        { "public static partial class M { [Differentiable] public static double F(double[] a, int k) { double s = 0; [|for|] (int i = 0; i < a.Length; i += k) { if (a[i] < 0) continue; s += a[i]; } [|for|] (int i = 0; i < a.Length; i--) { s += a[i]; } return s; } }", new[] { "SYMGRAD0017", "SYMGRAD0017" } },
        { "public static partial class M { [Differentiable] public static double F(double[] a) { double s = 0; [|for|] (int i = 0; i < a.Length; i *= 2) { s += [|Math.Round(a[i])|]; } return s; } }", new[] { "SYMGRAD0017", "SYMGRAD0012" } },
        { "public static partial class M { [Differentiable] public static double F(double[] a) { [|for|] (int i = 0; s(i); i++) { return a[i]; } [|for|] (int i = 0, j = 1; i < j; i++) { } return 0; } static bool s(int i) => i < 3; }", new[] { "SYMGRAD0017", "SYMGRAD0017" } },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ReportsEachProblemAtItsConstruct(string marked, string[] ids)
    {
        (string source, TextSpan[] spans) = MarkedSource.Parse(marked);

        GeneratorRun run = GeneratorHarness.Run(source);

        Diagnostic[] diagnostics = run.GeneratorDiagnostics.OrderBy(d => d.Location.SourceSpan.Start).ToArray();
        Assert.Equal(ids, diagnostics.Select(d => d.Id));
        Assert.Equal(spans, diagnostics.Select(d => d.Location.SourceSpan));
        Assert.Empty(run.Generated);
    }

    [Fact]
    public void TheThrowExpressionIsNamedInTheMessage()
    {
        (string source, _) = MarkedSource.Parse("public static partial class M { [Differentiable] public static double F(double x) => x > 0 ? x : throw new ArgumentException(\"negative\"); }");

        Diagnostic diagnostic = Assert.Single(GeneratorHarness.Run(source).GeneratorDiagnostics);

        string message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.StartsWith("The throw expression 'throw new ArgumentException(\"negative\")'", message);
        Assert.DoesNotContain("'?'", message);
    }
}
