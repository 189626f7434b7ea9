using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.Emission;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;
using SymGrad.Generator.Tests.Infrastructure;
using Xunit;

namespace SymGrad.Generator.Tests.Layers;

/// <summary>
/// Which generated loops become <c>Kernels.AddScaled</c> calls (issue 12): an invariant scalar times a
/// contiguous run added to a contiguous run, one call per independent update; not a loop that does more (a
/// fused loop computing its iteration's value beside the update). Which become <c>Kernels.Dot</c>: a sum of
/// products of two contiguous runs into one scalar or fixed element, unless the method asks for
/// <c>ExactSums</c>; not a strided run, nor a sum the rest of its loop could see moved. Which become
/// <c>Kernels.Scale</c>: a run of one array multiplied in place by an invariant scalar (a fused mean's scaling by
/// 1 / m), not one whose factor reads the array or the counter, nor a loop that does more.
/// </summary>
public class KernelCallTests
{
    [Fact]
    public void TheReverseUpdateOfARowBecomesOneKernelCall()
    {
        string gradient = Generate(LogisticLike("[Differentiable]"));

        Assert.Contains("global::SymGrad.Kernels.AddScaled(dw, 0, ", gradient);
        Assert.Contains(", x, i * n, n);", gradient);
    }

    [Fact]
    public void TheForwardDotProductBecomesOneDotCallShowingItsLoop()
    {
        string gradient = Generate(LogisticLike("[Differentiable]"));

        Assert.Contains("// for (int j = 0; j < n; j++) z += w[j] * x[i * n + j];  (vector sums in a fixed order; ExactSums = true keeps the loop)", gradient);
        Assert.Contains("z += global::SymGrad.Kernels.Dot(w, 0, x, i * n, n);", gradient);
        Assert.DoesNotContain("                    z += w[j] * x[i * n + j];", gradient);
    }

    [Fact]
    public void ExactSumsKeepsEveryDotProductALoop()
    {
        string gradient = Generate(LogisticLike("[Differentiable(ExactSums = true, Tangent = true, Hessian = true)]"));

        Assert.DoesNotContain("Kernels.Dot", gradient);
        Assert.Contains("z += w[j] * x[i * n + j];", gradient);
        Assert.Contains("global::SymGrad.Kernels.AddScaled(dw, 0, ", gradient); // the bit-exact update kernel stays
    }

    [Fact]
    public void ADotProductIntoAFixedElementBecomesADotCall()
    {
        // for (int j = 1; j < e; j++) h[u] += w[u * n + j] * x[j];
        var loop = Loop(new CodeAddTo("h", Product(Element("w", Plus(Times(Int("u"), Int("n")), Int("j"))), Element("x", Int("j"))), Int("u")));

        DotSplit split = Assert.IsType<DotSplit>(KernelCalls.Dots(loop));

        Assert.Null(split.Rest);
        DotCall dot = Assert.Single(split.Dots);
        var printer = new ExpressionPrinter("tape");
        Assert.Equal("w, 1 + u * n, x, 1, e - 1", string.Join(", ", dot.Arguments.Select(printer.Print)));
    }

    [Fact]
    public void ADotProductLeavesTheRestOfItsLoopOnlyWhenTheRestCannotSeeIt()
    {
        CodeStmt dot = new CodeAddTo("s", Product(Element("a", Int("j")), Element("b", Int("j"))));
        CodeStmt update = new CodeAddTo("da", Element("b", Int("j")), Int("j"));
        CodeStmt readsTheSum = new CodeAssign("t", new Variable("s", ValueKind.Double));
        CodeStmt writesARun = new CodeAssign("b", new Constant(0.0), Int("j"));

        DotSplit split = Assert.IsType<DotSplit>(KernelCalls.Dots(Loop(dot, update)));
        Assert.Single(split.Dots);
        Assert.Equal(new[] { update }, split.Rest!.Body.Where(s => s is not CodeComment));
        Assert.Null(KernelCalls.Dots(Loop(dot, readsTheSum)));
        Assert.Null(KernelCalls.Dots(Loop(dot, writesARun)));
        Assert.Null(KernelCalls.Dots(Loop(dot, new CodeInvoke("Log", new[] { new CodeArgument(new Variable("s", ValueKind.Double)) }.ToEquatableArray()))));
    }

    private static CodeFor Loop(params CodeStmt[] body) => new("j", new IntConstant(1), Int("e"), Descending: false, body.ToEquatableArray());

    private static Variable Int(string name) => new(name, ValueKind.Int);

    private static Binary Plus(Expr left, Expr right) => new(BinaryOperator.Add, left, right, ValueKind.Int);

    private static Binary Times(Expr left, Expr right) => new(BinaryOperator.Multiply, left, right, ValueKind.Int);

    private static Binary Product(Expr left, Expr right) => new(BinaryOperator.Multiply, left, right, ValueKind.Double);

    private static ElementRead Element(string array, Expr index) => new(array, index, ValueKind.Double);

    [Fact]
    public void AStridedRunStaysALoop()
    {
        string gradient = Generate("""
            [Differentiable]
            public static double F(double[] a, double[] b, int n)
            {
                double s = 0.0;
                for (int j = 0; j < n; j++)
                {
                    s += a[2 * j] * b[j];
                }

                return s * s;
            }
            """);

        Assert.DoesNotContain("Kernels.Dot", gradient);
        Assert.Contains("s += a[2 * j] * b[j];", gradient);
    }

    [Fact]
    public void ADotStaysInItsLoopWhenTheRestCouldSeeTheMove()
    {
        CodeStmt dot = new CodeAddTo("s", Product(Element("a", Int("j")), Element("b", Int("j"))));
        CodeFor loop = Loop(dot, new CodeAddTo("t", Element("c", Int("j"))));
        Assert.NotNull(KernelCalls.Dots(loop));

        Assert.Null(KernelCalls.Dots(loop with { Descending = true }));
        Assert.Null(KernelCalls.Dots(loop with { Exit = new BoolConstant(false) }));
        Assert.Null(KernelCalls.Dots(Loop(dot, new CodeAssign("j", new IntConstant(0)))));                 // the counter
        Assert.Null(KernelCalls.Dots(Loop(dot, new CodeAssign("e", new IntConstant(3)))));                 // a bound
        Assert.Null(KernelCalls.Dots(Loop(dot, new CodeAddTo("s", new Constant(1.0)))));                   // the sum, written
        Assert.Null(KernelCalls.Dots(Loop(dot, new CodeAddTo("a", new Constant(1.0), Int("j")))));         // a run, written
        Assert.Null(KernelCalls.Dots(Loop(dot, new CodeDeclare("copy", ValueKind.Double, Touch()))));     // a call may write a run
        Assert.Null(KernelCalls.Dots(Loop(dot, new CodeAddTo("s", Product(Element("c", Int("j")), Element("b", Int("j")))))));      // two dots into one sum
        Assert.Null(KernelCalls.Dots(Loop(new CodeAddTo("h", Product(Element("a", Int("j")), Element("b", Int("j"))), Int("u")), new CodeAssign("u", new IntConstant(1)))));  // the target's index
    }

    [Fact]
    public void UpdatesThatReadEachOthersTargetsStayALoop()
    {
        CodeStmt first = new CodeAddTo("da", Product(new Variable("c", ValueKind.Double), Element("x", Int("j"))), Int("j"));
        CodeStmt second = new CodeAddTo("db", Product(new Variable("c", ValueKind.Double), Element("da", Int("j"))), Int("j"));
        CodeStmt independent = new CodeAddTo("db", Product(new Variable("c", ValueKind.Double), Element("x", Int("j"))), Int("j"));

        Assert.Equal(2, KernelCalls.AddScaled(Loop(first, independent))!.Count);
        Assert.Null(KernelCalls.AddScaled(Loop(first, second)));
        Assert.Null(KernelCalls.AddScaled(Loop(first, first)));
    }

    private static UserCall Touch() =>
        new(new Callee("Touch", "Model.Touch", "Model.TouchGradient", CalleeDerivative.Constant, EquatableArray<CalleeParameter>.Empty), new Expr[] { new ArrayArgument("a", ValueKind.DoubleArray) }.ToEquatableArray(), ValueKind.Double);

    [Fact]
    public void IndependentUpdatesOfOneLoopBecomeOneCallEach()
    {
        // ExactSums keeps the row loops (otherwise the reverse loop over i is tiled, RowTileTests): the updates are
        // per-row kernel calls.
        string gradient = Generate("""
            [Differentiable(ExactSums = true)]
            public static double F(double[] a, double[] b, int n)
            {
                double loss = 0.0;
                for (int i = 0; i < n; i++)
                {
                    double z = 0.0;
                    for (int j = 0; j < b.Length; j++)
                    {
                        z += a[i * b.Length + j] * b[j];
                    }

                    loss += Math.Exp(z);
                }

                return loss;
            }
            """);

        Assert.Contains("global::SymGrad.Kernels.AddScaled(da, i * b.Length, ", gradient);
        Assert.Contains("global::SymGrad.Kernels.AddScaled(db, 0, ", gradient);
    }

    [Fact]
    public void AFusedLoopStaysALoop()
    {
        string gradient = Generate("""
            [Differentiable]
            public static double F(double[] w, [NoDerivative] double[] x, [NoDerivative] double[] c)
            {
                double loss = 0.0;
                for (int j = 0; j < w.Length; j++)
                {
                    loss += w[j] * (x[j] * c[0]);
                }

                return loss;
            }
            """);

        string fGradient = gradient[gradient.IndexOf(" FGradient(", System.StringComparison.Ordinal)..gradient.IndexOf(" FPullback(", System.StringComparison.Ordinal)];
        Assert.Contains("dw[j] += product;", fGradient);
        Assert.DoesNotContain("Kernels.AddScaled", fGradient);
    }

    [Fact]
    public void AFusedMeansScalingBecomesOneScaleCallShowingItsLoop()
    {
        string gradient = Generate("""
            [Differentiable]
            public static double F(double[] w, [NoDerivative] double[] x, int m)
            {
                double loss = 0.0;
                for (int i = 0; i < m; i++)
                {
                    double z = w[0] * x[i] + w[1];
                    loss += Math.Log(1.0 + z * z);
                }

                return loss / m;
            }
            """);

        string fGradient = gradient[gradient.IndexOf(" FGradient(", System.StringComparison.Ordinal)..gradient.IndexOf(" FPullback(", System.StringComparison.Ordinal)];
        Assert.Contains("// for (int index = 0; index < w.Length; index++) dw[index] = dw[index] * dLoss;  (several elements at a time, the same bits)", fGradient);
        Assert.Contains("global::SymGrad.Kernels.Scale(dw, 0, dLoss, w.Length);", fGradient);
        Assert.DoesNotContain("                dw[index] = dw[index] * dLoss;", fGradient);
    }

    [Fact]
    public void OnlyAnInPlaceScalingByAnInvariantBecomesAScaleCall()
    {
        Expr factor = new Variable("c", ValueKind.Double);
        CodeStmt Scaling(Expr value) => new CodeAssign("a", value, Plus(Int("p"), Int("j")));
        ElementRead element = Element("a", Plus(Int("p"), Int("j")));
        var printer = new ExpressionPrinter("tape");

        IReadOnlyList<Expr>? scale = KernelCalls.Scale(Loop(Scaling(Product(element, factor))));
        Assert.Equal("a, 1 + p, c, e - 1", string.Join(", ", scale!.Select(printer.Print)));
        Assert.NotNull(KernelCalls.Scale(Loop(Scaling(Product(factor, element)))));
        Assert.Equal("a, e + p, c, 2 - e", string.Join(", ", KernelCalls.Scale(Loop(Scaling(Product(element, factor))) with { Descending = true })!.Select(printer.Print)));

        Assert.Null(KernelCalls.Scale(Loop(Scaling(Product(element, Element("a", Int("p")))))));                          // the factor reads the array
        Assert.Null(KernelCalls.Scale(Loop(Scaling(Product(element, Element("c", Int("j")))))));                          // the factor changes with j
        Assert.Null(KernelCalls.Scale(Loop(Scaling(Product(Element("a", Plus(Int("p"), Int("k"))), factor)))));         // another element
        Assert.Null(KernelCalls.Scale(Loop(Scaling(Product(Element("b", Plus(Int("p"), Int("j"))), factor)))));          // another array
        Assert.Null(KernelCalls.Scale(Loop(Scaling(new Binary(BinaryOperator.Add, element, factor, ValueKind.Double)))));  // not a product
        Assert.Null(KernelCalls.Scale(Loop(Scaling(Product(element, factor)), new CodeAddTo("t", factor))));              // the loop does more
        Assert.Null(KernelCalls.Scale(Loop(Scaling(Product(element, factor))) with { Exit = new BoolConstant(false) }));
    }

    private static string LogisticLike(string attribute) => attribute + """

        public static double F(double[] w, [NoDerivative] double[] x, int n)
        {
            double loss = 0.0;
            for (int i = 0; i < x.Length / n; i++)
            {
                double z = 0.0;
                for (int j = 0; j < n; j++)
                {
                    z += w[j] * x[i * n + j];
                }

                loss += Math.Log(1.0 + z * z);
            }

            return loss;
        }
        """;

    private static string Generate(string method)
    {
        GeneratorRun run = GeneratorHarness.RunMembers("Kernels", method);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.OutputProblems);
        return run.Generated.Single().Source;
    }
}
