using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.Differentiation;
using SymGrad.Generator.Emission;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;
using SymGrad.Generator.Simplification;
using Xunit;

namespace SymGrad.Generator.Tests.Layers;

/// <summary>The reverse sweep under each derivative request, and the emitter's printing, on their own.</summary>
public class SweepAndEmitterTests
{
    private const string Members = @"
    [Differentiable] public static double F(double x, double[] w)
    {
        double s = 0;
        for (int i = 0; i < w.Length; i++) { s += w[i] * x; }
        return s * x;
    }";

    [Fact]
    public void TheGradientRequestOverwritesAndThePullbackRequestAccumulatesFromTheSeed()
    {
        MethodModel model = LayerHarness.Model(Members, "F");

        GradientModel gradient = GradientBuilder.Build(model, DerivativeRequest.Gradient);
        GradientModel pullback = GradientBuilder.Build(model, DerivativeRequest.Pullback("seed"));

        Assert.Contains(All(gradient.Reverse), s => s is CodeAssign { Name: "dx", Index: null });
        Assert.DoesNotContain(All(pullback.Reverse), s => s is CodeAssign { Name: "dx", Index: null });
        Assert.Contains(All(pullback.Reverse), s => s is CodeAddTo { Name: "dx", Index: null });
        Assert.Contains(All(pullback.Reverse).Concat(All(pullback.Forward)), s => Mentions(s, "seed"));
        Assert.DoesNotContain(All(gradient.Reverse).Concat(All(gradient.Forward)), s => Mentions(s, "seed"));
    }

    [Fact]
    public void APullbackNeverScalesAnOutputInPlace()
    {
        MethodModel model = LayerHarness.Model(Members, "F");
        GradientModel pullback = GradientBuilder.Build(model, DerivativeRequest.Pullback("seed"));

        // dw holds the caller's sums: only additions may touch it.
        Assert.DoesNotContain(All(pullback.Reverse).Concat(All(pullback.Forward)), s => s is CodeAssign { Name: "dw" });
    }

    [Fact]
    public void TheEmitterWritesBothMethodsAndSubtractsNegativeConstants()
    {
        MethodModel model = LayerHarness.Model(Members, "F");
        DerivativeSet set = GradientBuilder.BuildAll(model).Map(GradientSimplifier.Simplify);
        GradientModel edited = set.Gradient with { Reverse = set.Gradient.Reverse.Append(new CodeAddTo("dx", new Constant(-1.0))).ToEquatableArray() };

        string source = GradientEmitter.Emit(set with { Gradient = edited });

        Assert.Contains("public static double FGradient(double x, double[] w, out double dx, global::System.Span<double> dw)", source);
        Assert.Contains("public static double FPullback(double x, double[] w, double seed, ref double dx, global::System.Span<double> dw)", source);
        Assert.Contains("dx -= 1.0;", source);
        Assert.DoesNotContain("+= -1.0", source);
    }

    private static IEnumerable<CodeStmt> All(IEnumerable<CodeStmt> block) => block.SelectMany(s => s switch
    {
        CodeIf i => new[] { s }.Concat(All(i.Then)).Concat(All(i.Else)),
        CodeFor f => new[] { s }.Concat(All(f.Body)),
        _ => new[] { s },
    });

    private static bool Mentions(CodeStmt statement, string name) => statement switch
    {
        CodeDeclare d => Normalization.ExprRewriter.Variables(d.Value).Contains(name),
        CodeAssign a => Normalization.ExprRewriter.Variables(a.Value).Contains(name),
        CodeAddTo a => Normalization.ExprRewriter.Variables(a.Value).Contains(name),
        _ => false,
    };
}
