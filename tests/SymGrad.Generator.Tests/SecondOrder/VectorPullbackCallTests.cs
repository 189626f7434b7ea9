using System.Linq;
using Microsoft.CodeAnalysis;
using SymGrad.Generator.Tests.Infrastructure;
using Xunit;

namespace SymGrad.Generator.Tests.SecondOrder;

/// <summary>
/// A vector-valued callee the inliner leaves alone (here: one that declares an array, called in a
/// branch) is called as written and differentiated through its vector pullback, under the rules of a
/// call through a compiled pullback: outside loops, into a new local array nothing touched before;
/// forward mode multiplies the callee's Jacobian by the arguments' tangents, and the Hessian (a tangent
/// of the pullback) is SYMGRAD0023.
/// </summary>
public class VectorPullbackCallTests
{
    private const string Callee = """
        [Differentiable]
        public static void Pair(double[] w, Span<double> output)
        {
            double[] scratch = new double[2];
            scratch[0] = w[0] * w[1];
            scratch[1] = Math.Exp(w[0]);
            output[0] = scratch[0] + scratch[1];
            output[1] = scratch[0] * scratch[1];
        }
        """;

    [Fact]
    public void ACallInABranchGoesThroughTheVectorPullback()
    {
        GeneratorRun run = Generate("""
            [Differentiable]
            public static double F(double[] w)
            {
                double[] values = new double[2];
                if (w[0] > 0.0)
                {
                    Pair(w, values);
                }

                return values[0] * values[1];
            }
            """);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.OutputProblems);
        string f = run.Generated.Single(g => g.HintName.Contains(".F_")).Source;
        Assert.Contains("global::Calls.Model.Pair(w, values);", f);
        Assert.Contains("global::Calls.Model.PairPullback(w, values, dValues, dw);", f);
    }

    /// <summary>
    /// Review findings: a call in the branch SSA renames on the merge; an output local whose name the
    /// lowering changes (it would clash with the adjoint of w); both must compile.
    /// </summary>
    [Theory]
    [InlineData("double a = 0.0; if (w[0] > 0.0) { a = w[1]; } else { a = w[0]; Pair(w, values); }", "values")]
    [InlineData("double a = w[1]; if (w[0] > 0.0) { Pair(w, dw); }", "dw")]
    public void CallsInRenamedCodeCompile(string statements, string output)
    {
        GeneratorRun run = Generate("""
            [Differentiable]
            public static double F(double[] w)
            {
                double[] OUTPUT = new double[2];
                
            """.Replace("OUTPUT", output) + statements + """

                return a * OUTPUT[0] + OUTPUT[1];
            }
            """.Replace("OUTPUT", output));

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.OutputProblems);
        Assert.Contains("PairPullback(", run.Generated.Single(g => g.HintName.Contains(".F_")).Source);
    }

    [Theory]
    [InlineData("for (int i = 0; i < 2; i++) { if (w[i] > 0.0) { Pair(w, values); } }", "it is called inside a loop")]
    [InlineData("values[0] = 1.0; if (w[0] > 0.0) { Pair(w, values); }", "that nothing reads or writes before the call")]
    [InlineData("double first = values[0]; if (w[0] > 0.0) { Pair(w, values); }", "that nothing reads or writes before the call")]
    [InlineData("if (w[0] > 0.0) { Pair(values, values); }", "also one of its inputs")]
    public void OtherCallsAreSymgrad0021AtTheCall(string statements, string reason)
    {
        GeneratorRun run = Generate("""
            [Differentiable]
            public static double F(double[] w)
            {
                double[] values = new double[2];
                
            """ + statements + """

                return values[0] * values[1];
            }
            """);

        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("SYMGRAD0021", diagnostic.Id);
        Assert.Contains(reason, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        // Reported at the call: its line is the one with the call (cached diagnostics carry lines, not trees).
        string line = run.Input.SyntaxTrees[0].GetText().Lines[diagnostic.Location.GetLineSpan().StartLinePosition.Line].ToString();
        Assert.Contains("Pair(", line);
    }

    [Fact]
    public void ForwardModeReadsTheCalleesJacobianAndTheHessianIsSymgrad0023()
    {
        GeneratorRun run = Generate("""
            [Differentiable(Tangent = true, Hessian = true)]
            public static double F(double[] w)
            {
                double[] values = new double[2];
                if (w[0] > 0.0)
                {
                    Pair(w, values);
                }

                return values[0] * values[1];
            }
            """);

        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("SYMGRAD0023", diagnostic.Id);
        Assert.Contains("Hessian = true", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("Model.Pair", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(run.OutputProblems);
        string tangent = run.Generated.Single(g => g.HintName.Contains(".F_")).Source;
        tangent = tangent[tangent.IndexOf(" FTangent(", System.StringComparison.Ordinal)..];
        Assert.Contains("global::Calls.Model.PairJacobian(w, values, jacobian);", tangent);
        Assert.Contains("tvalues[row] = sum;", tangent);
    }

    private static GeneratorRun Generate(string caller) => GeneratorHarness.RunMembers("Calls", Callee, caller);
}
