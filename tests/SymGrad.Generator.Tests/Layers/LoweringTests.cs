using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Lowering;
using SymGrad.Generator.Model;
using Xunit;

namespace SymGrad.Generator.Tests.Layers;

/// <summary>Lowering on its own: what IR a call becomes (inlined body, pullback call, constant).</summary>
public class LoweringTests
{
    private const string Members = @"
    [Differentiable] public static double G(double a, double b) { double t = a * b; return t + a; }
    public static double Scale(int n) => 1.0 / n;
    [Differentiable] public static double F(double x, int n) => G(x, 2.0) * Scale(n);";

    [Fact]
    public void ASameCompilationCalleeIsInlinedWithItsLinesLabelled()
    {
        MethodModel model = LayerHarness.Model(Members, "F");

        List<Stmt> statements = Flatten(model.Body).ToList();
        Assert.DoesNotContain(statements, s => s is AssignStatement a && Reads<UserCall>(a.Value, u => u.Callee.Style == CalleeDerivative.Pullback));
        Assert.Contains(statements, s => s.Note.InMethod == "G" && s.Note.Text.Contains("a * b"));

        // x and 2.0 are passed to parameters G never assigns: G's body reads them directly (t = a * b is x * 2.0).
        Assert.Contains(statements, s => s is AssignStatement { Value: Binary { Operator: BinaryOperator.Multiply, Left: Variable { Name: "x" }, Right: Constant { Value: 2.0 } } });
    }

    [Fact]
    public void WithoutInliningTheCalleeIsAPullbackCall()
    {
        BodyLowerer.InliningDisabled = true;
        try
        {
            MethodModel model = LayerHarness.Model(Members, "F");
            Assert.Contains(Flatten(model.Body), s => s is ReturnStatement r && Reads<UserCall>(r.Value, u => u.Callee.Style == CalleeDerivative.Pullback && u.Callee.Derivative == "global::M.GPullback"));
        }
        finally
        {
            BodyLowerer.InliningDisabled = false;
        }
    }

    [Fact]
    public void ACallWhoseArgumentsCarryNoDerivativeIsAConstantCall()
    {
        MethodModel model = LayerHarness.Model(Members, "F");
        Assert.Contains(Flatten(model.Body), s => s is ReturnStatement r && Reads<UserCall>(r.Value, u => u.Callee.Style == CalleeDerivative.Constant && u.Callee.Target == "global::M.Scale"));
    }

    private static IEnumerable<Stmt> Flatten(IEnumerable<Stmt> block) => block.SelectMany(s => s switch
    {
        IfStatement i => new[] { s }.Concat(Flatten(i.Then)).Concat(Flatten(i.Else)),
        ForStatement f => new[] { s }.Concat(Flatten(f.Body)),
        _ => new[] { s },
    });

    private static bool Reads<T>(Expr expr, System.Func<T, bool> test)
        where T : Expr
    {
        bool found = false;
        Normalization.ExprRewriter.Rewrite(expr, node =>
        {
            found |= node is T t && test(t);
            return node;
        });
        return found;
    }
}
