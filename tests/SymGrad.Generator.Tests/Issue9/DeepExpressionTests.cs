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
}
