using System;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Xunit;

namespace SymGrad.Samples.Tests;

/// <summary>
/// The <c>newton</c> command: Newton's method on the generated <c>LogisticRegression.LossHessian</c> against gradient descent.
/// Its default data set is ../shared/data/breast_cancer.csv, which the tests of this repository require.
/// </summary>
public class NewtonCommandTests
{
    [Fact]
    public void NewtonConvergesInFewIterationsToAtLeastGradientDescentsLoss()
    {
        using SampleRun run = SampleRun.Start("newton", "--quick");
        run.AssertSucceeded();
        Assert.Contains("data: breast_cancer.csv, 569 rows, 30 features, 2 classes", run.Output);
        Assert.Contains("31 weights, so LossHessian fills a 31 x 31 matrix", run.Output);

        // The training rows are separable, so the command says it adds the ridge term and why.
        Assert.Contains("100 % training accuracy:", run.Output);
        Assert.Contains("the training rows are linearly separable", run.Output);
        Assert.Contains("lambda = 0.001", run.Output);

        Match solver = Regex.Match(run.Output, @"Newton \(dense Cholesky on LossHessian, Armijo backtracking\): Converged after (\d+) iterations");
        Assert.True(solver.Success, run.Output);
        int iterations = int.Parse(solver.Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.InRange(iterations, 1, 15);

        (int newtonIterations, double newtonLoss, double newtonGradient) = Row(run.Output, "Newton");
        (int descentIterations, double descentLoss, _) = Row(run.Output, "gradient descent");
        Assert.Equal(iterations, newtonIterations);
        Assert.True(descentIterations > newtonIterations, $"gradient descent ran {descentIterations} steps, Newton {newtonIterations}");
        Assert.True(newtonLoss <= descentLoss + 1e-8, $"Newton's loss {newtonLoss} is above gradient descent's {descentLoss}");
        Assert.True(newtonGradient <= 1e-8, $"Newton's final gradient norm {newtonGradient}");

        Assert.Matches(@"Hessian at w = 0: generated LossHessian against .* max \|difference\| = \S+ \(largest entry 0\.2500\)  ok", run.Output);
        Assert.Matches(@"Hessian at Newton's solution: generated LossHessian against .*  ok", run.Output);
        Assert.Matches(@"Newton passed gradient descent's loss after \d+ steps at iteration \d+", run.Output);
        run.AssertPngs("newton-loss.png");
    }

    [Fact]
    public void OverlappingClassesNeedNoRidgeTerm()
    {
        using InputFile csv = InputFile.Text(OverlappingBinaryCsv());
        using SampleRun run = SampleRun.Start("newton", "--quick", "--data", csv.Path);
        run.AssertSucceeded();
        Assert.DoesNotContain("ridge", run.Output);
        Match solver = Regex.Match(run.Output, @"Converged after (\d+) iterations");
        Assert.True(solver.Success, run.Output);
        Assert.InRange(int.Parse(solver.Groups[1].Value, CultureInfo.InvariantCulture), 1, 15);
    }

    [Fact]
    public void NewtonRejectsThreeClassData()
    {
        using InputFile csv = InputFile.Text("6,1,a,b,c\n0.1,0\n0.2,0\n1.1,1\n1.2,1\n2.1,2\n2.2,2\n");
        using SampleRun run = SampleRun.Start("newton", "--data", csv.Path);
        run.AssertFailedCleanly(2, "newton", "logistic regression is binary");
    }

    /// <summary>A table row: iterations, final loss and gradient norm.</summary>
    private static (int Iterations, double Loss, double GradientNorm) Row(string output, string method)
    {
        Match row = Regex.Match(output, "^" + Regex.Escape(method) + @"\s+(\d+)\s+(\S+)\s+(\S+)\s", RegexOptions.Multiline);
        Assert.True(row.Success, $"no table row for {method}:\n{output}");
        return (
            int.Parse(row.Groups[1].Value, CultureInfo.InvariantCulture),
            double.Parse(row.Groups[2].Value, CultureInfo.InvariantCulture),
            double.Parse(row.Groups[3].Value, CultureInfo.InvariantCulture));
    }

    /// <summary>80 rows, 2 features, labels from a noisy threshold of the first feature: the classes overlap.</summary>
    private static string OverlappingBinaryCsv()
    {
        var text = new StringBuilder("80,2,negative,positive\n");
        var random = new Random(5);
        for (int i = 0; i < 80; i++)
        {
            double a = random.NextDouble() * 4 - 2, b = random.NextDouble() * 4 - 2;
            int label = a + (random.NextDouble() * 3 - 1.5) > 0 ? 1 : 0;
            text.Append(FormattableString.Invariant($"{a:F3},{b:F3},{label}\n"));
        }

        return text.ToString();
    }
}
