using System;
using System.Linq;
using System.Threading;
using CsCheck;
using Xunit;
using Xunit.Abstractions;

namespace SymGrad.Generator.Tests.Properties;

/// <summary>
/// Property: for random expressions built from every supported operation, the generated gradient
/// agrees with central finite differences. Each sample is a batch of expressions compiled through
/// the generator in memory in one compilation (compiling is the cost); on failure CsCheck shrinks
/// the expressions to a minimal failing one, and the failure names the expression and the point.
/// </summary>
public class GradientProperties
{
    private const int ExpressionsPerBatch = 50;
    private const int Batches = 24;

    private readonly ITestOutputHelper output;

    public GradientProperties(ITestOutputHelper output) => this.output = output;

    [Fact]
    public void GeneratedGradientsOfRandomExpressionsMatchFiniteDifferences()
    {
        int checkedPoints = 0;
        int skippedPoints = 0;
        Gen<RandomExpression[]> batches = RandomExpression.Of(4).Array[ExpressionsPerBatch];

        batches.Sample(
            expressions =>
            {
                BatchCheck batch = ExpressionBatch.Check(expressions);
                if (!batch.Passed)
                {
                    throw new InvalidOperationException(batch.Failure);
                }

                Interlocked.Add(ref checkedPoints, batch.Checked);
                Interlocked.Add(ref skippedPoints, batch.Skipped);
            },
            iter: Batches,
            threads: 1,
            print: expressions => string.Join("\n", expressions.Select(e => e.Render())));

        output.WriteLine($"{checkedPoints} points checked, {skippedPoints} skipped (non-smooth within the step, or overflow)");
        Assert.True(ExpressionsPerBatch * Batches >= 1000);
        Assert.True(checkedPoints >= ExpressionsPerBatch * Batches * ExpressionBatch.Points.Length * 0.9, $"only {checkedPoints} points could be checked");
    }
}
