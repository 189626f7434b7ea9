using System.Linq;
using Microsoft.CodeAnalysis;
using SymGrad.Generator.Tests.Infrastructure;
using Xunit;

namespace SymGrad.Generator.Tests.Issue9;

/// <summary>
/// Issue 9, item 6: no user expression makes the generator recurse without bound. Long left chains
/// are lowered with a loop and split into temporaries; nesting through parentheses or calls beyond
/// the limit is SYMGRAD0020 at the construct, never a crashed compiler.
/// </summary>
public class DeepExpressionTests
{
    private static GeneratorRun Run(string expression) =>
        GeneratorHarness.Run("using System;\nusing SymGrad;\npublic static partial class Deep\n{\n    [Differentiable] public static double F(double x, double y) => " + expression + ";\n}\n");

    [Theory]
    [InlineData("*")]
    [InlineData("+")]
    [InlineData("-")]
    public void RightNestedParenthesesBeyondTheLimitAreReported(string op)
    {
        string expression = string.Concat(Enumerable.Repeat("x " + op + " (", 400)) + "y" + new string(')', 400);
        GeneratorRun run = Run(expression);
        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("SYMGRAD0020", diagnostic.Id);
        Assert.Contains("200", diagnostic.GetMessage());
        Assert.Empty(run.Generated);
    }

    [Fact]
    public void NestedCallsBeyondTheLimitAreReported()
    {
        string expression = string.Concat(Enumerable.Repeat("Math.Sin(", 300)) + "x" + new string(')', 300);
        GeneratorRun run = Run(expression);
        Assert.Equal("SYMGRAD0020", Assert.Single(run.GeneratorDiagnostics).Id);
    }

    [Theory]
    [InlineData(150)]
    [InlineData(190)]
    public void NestingWithinTheLimitIsDifferentiated(int depth)
    {
        // x * (1 + 1e-3 * (x * (1 + 1e-3 * (...)))) stays moderate, and its derivative is checked exactly below.
        string expression = string.Concat(Enumerable.Repeat("Math.Sin(", depth)) + "x * y" + new string(')', depth);
        GeneratorRun run = Run(expression);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.OutputProblems);
        var gradient = run.Load().GetType("Deep")!.GetMethod("FGradient")!;
        object?[] arguments = { 0.3, 0.7, 0.0, 0.0 };
        double value = (double)gradient.Invoke(null, arguments)!;
        double expectedValue = 0.3 * 0.7;
        double derivative = 1.0;
        for (int i = 0; i < depth; i++)
        {
            derivative *= System.Math.Cos(expectedValue);
            expectedValue = System.Math.Sin(expectedValue);
        }

        Assert.Equal(expectedValue, value, 14);
        Assert.Equal(derivative * 0.7, (double)arguments[2]!, 12);
        Assert.Equal(derivative * 0.3, (double)arguments[3]!, 12);
    }

    [Theory]
    [InlineData(1_000)]
    [InlineData(20_000)]
    public void LongLeftChainsOfEveryOperatorCompile(int terms)
    {
        string[] ops = { " + ", " - ", " * ", " / " };
        var expression = new System.Text.StringBuilder("x");
        for (int i = 1; i < terms; i++)
        {
            expression.Append(ops[i % 4]).Append(i % 3 == 0 ? "y" : "1.0001");
        }

        GeneratorRun run = Run(expression.ToString());
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.OutputProblems);
    }

    private static GeneratorRun RunBody(string parameters, string body) =>
        GeneratorHarness.Run("using System;\nusing SymGrad;\npublic static partial class Deep\n{\n    [Differentiable] public static double F(" + parameters + ")\n    {\n" + body + "\n    }\n}\n");

    /// <summary>Integer and boolean chains are split like double ones (they crashed the printer and SSA).</summary>
    [Theory]
    [InlineData("int")]
    [InlineData("bool")]
    [InlineData("and")]
    [InlineData("or")]
    public void LongIntegerAndBooleanChainsCompile(string kind)
    {
        string body = kind switch
        {
            "int" => "int m = " + string.Join(" + ", Enumerable.Range(0, 10_000).Select(i => i % 2 == 0 ? "k" : "n")) + ";\nreturn x * m;",
            // 2,000 terms: the C# compiler's own emitter refuses (CS8078) a much longer '&' chain in the user's code.
            "bool" => "bool b = " + string.Join(" & ", Enumerable.Range(0, 2_000).Select(i => "x > " + (i % 7) + ".5")) + ";\nreturn b ? x : -x;",
            "and" => "return " + string.Join(" && ", Enumerable.Range(0, 300).Select(i => "x > -" + i)) + " ? x * x : x;",
            _ => "return " + string.Join(" || ", Enumerable.Range(0, 300).Select(i => "(k > " + i + " ? x : -x) > 1")) + " ? x * x : x;",
        };
        GeneratorRun run = RunBody("double x, int n, int k", body);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.OutputProblems);

        // The split temporaries keep the value and the derivative: check both against the method.
        System.Type type = run.Load().GetType("Deep")!;
        var f = type.GetMethod("F")!;
        var gradient = type.GetMethod("FGradient")!;
        foreach (double x in new[] { 0.7, 10.3 })
        {
            object?[] arguments = { x, 2, 3, 0.0 };
            double value = (double)gradient.Invoke(null, arguments)!;
            double h = 1e-6;
            double difference = ((double)f.Invoke(null, new object?[] { x + h, 2, 3 })! - (double)f.Invoke(null, new object?[] { x - h, 2, 3 })!) / (2 * h);
            Assert.Equal((double)f.Invoke(null, new object?[] { x, 2, 3 })!, value);
            Assert.Equal(difference, (double)arguments[3]!, 4);
        }
    }

    /// <summary>An else-if chain beyond the limit is reported, not differentiated by a recursion per arm.</summary>
    [Fact]
    public void ElseIfChainsBeyondTheLimitAreReported()
    {
        string body = "double r = 0;\n" + string.Concat(Enumerable.Range(0, 300).Select(i => (i == 0 ? "" : "else ") + "if (x > " + i + ") r = x * " + i + ";\n")) + "return r;";
        GeneratorRun run = RunBody("double x", body);
        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("SYMGRAD0020", diagnostic.Id);
        Assert.Contains("branches", diagnostic.GetMessage());
    }

    /// <summary>A run of guard clauses stays flat: past a few, the flag form takes over from nesting.</summary>
    [Fact]
    public void LongRunsOfGuardClausesStayShallow()
    {
        string body = "double s = x;\n" + string.Concat(Enumerable.Range(0, 400).Select(i => "if (x > " + i + ".5) return x * " + i + ";\ns = s * 0.5 + x;\n")) + "return s;";
        GeneratorRun run = RunBody("double x", body);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.OutputProblems);
        string generated = run.Generated.Single().Source;
        int deepest = generated.Split('\n').Max(line => line.Length - line.TrimStart().Length);
        Assert.True(deepest <= 4 * 20, $"indented {deepest} spaces deep");

        var gradient = run.Load().GetType("Deep")!.GetMethod("FGradient")!;
        foreach (double x in new[] { -3.0, 0.25, 2.75, 399.75 })
        {
            object?[] arguments = { x, 0.0 };
            double value = (double)gradient.Invoke(null, arguments)!;
            double h = 1e-6;
            object?[] plus = { x + h, 0.0 };
            object?[] minus = { x - h, 0.0 };
            double difference = ((double)gradient.Invoke(null, plus)! - (double)gradient.Invoke(null, minus)!) / (2 * h);
            Assert.True(double.IsFinite(value));
            Assert.Equal(difference, (double)arguments[1]!, 5);
        }
    }
}
