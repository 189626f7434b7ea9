using System;
using System.Linq;
using System.Text;
using SymGrad.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace SymGrad.Generator.Tests.Issue9;

/// <summary>
/// Issue 9, item 8: generated code grows linearly with guarded early returns and nested
/// conditionals (the review saw 174,076 lines for twelve guards). Each shape is generated at three
/// sizes; the growth from the middle size to the largest must not exceed the growth before it by
/// more than a little (linear growth has constant differences; exponential growth doubles them).
/// </summary>
public class CodeSizeTests
{
    private readonly ITestOutputHelper output;

    public CodeSizeTests(ITestOutputHelper output) => this.output = output;

    public static TheoryData<string> Shapes() => new() { "NestedGuards", "GuardClauses", "ReturnsInBothBranches", "TernaryChain", "AndWithConditionals" };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void GeneratedLinesGrowLinearly(string shape)
    {
        int[] sizes = { 16, 32, 64 };
        int[] lines = sizes.Select(n => GeneratedLines(Method(shape, n))).ToArray();
        output.WriteLine($"{shape}: {string.Join(", ", sizes.Zip(lines, (n, l) => $"{n} -> {l} lines"))}");
        int firstGrowth = lines[1] - lines[0];
        int secondGrowth = lines[2] - lines[1];
        Assert.True(secondGrowth <= 2.2 * firstGrowth + 20, $"{shape}: {string.Join(", ", lines)} lines for sizes {string.Join(", ", sizes)}");
        // The file holds two methods of the same size, FGradient and FPullback: 120 lines per guard each.
        Assert.True(lines[2] <= 2 * 120 * sizes[2], $"{shape}: {lines[2]} lines for size {sizes[2]}");
    }

    private static int GeneratedLines(string method)
    {
        GeneratorRun run = GeneratorHarness.Run("using System;\nusing SymGrad;\npublic static partial class Shapes\n{\n    [Differentiable]\n" + method + "\n}\n");
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.OutputProblems);
        return run.Generated.Single().Source.Split('\n').Length;
    }

    internal static string Method(string shape, int n)
    {
        var body = new StringBuilder();
        switch (shape)
        {
            case "NestedGuards":
                body.Append("double s = 1;\n");
                for (int i = 1; i <= n; i++)
                {
                    body.Append($"if (x > {i * 0.1}) {{ if (y > {i * 0.1}) {{ return s * {i}; }} s += y * {i * 0.1}; }}\n");
                }

                body.Append("return s * x;\n");
                break;
            case "GuardClauses":
                body.Append("double s = x;\n");
                for (int i = 1; i <= n; i++)
                {
                    body.Append($"if (s > {i}) return s * y;\ns = s * y + Math.Sin(x * {i});\n");
                }

                body.Append("return s;\n");
                break;
            case "ReturnsInBothBranches":
                body.Append("double s = x;\n");
                for (int i = 1; i <= n; i++)
                {
                    body.Append($"if (y > {i}) {{ if (x > {i}) return s; else s += x; }} else {{ if (x < -{i}) return y * s; s *= 0.5; }}\n");
                }

                body.Append("return s + y;\n");
                break;
            case "TernaryChain":
                body.Append("return ");
                for (int i = 1; i <= n; i++)
                {
                    body.Append($"x > {i} ? (y > {i} ? x * {i} : y - {i}) : ");
                }

                body.Append("x * y;\n");
                break;
            case "AndWithConditionals":
                body.Append("double s = 0;\n");
                for (int i = 1; i <= n; i++)
                {
                    body.Append($"if (x > {i * 0.1} && (y > 0 ? y : -y) > {i * 0.1}) s += x * y;\n");
                }

                body.Append("return s;\n");
                break;
            default:
                throw new ArgumentException(shape);
        }

        return "public static double F(double x, double y)\n{\n" + body + "}";
    }
}
