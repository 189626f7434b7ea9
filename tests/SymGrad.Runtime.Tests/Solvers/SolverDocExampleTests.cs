using System;
using System.IO;
using System.Linq;
using SymGrad.Solvers;
using Xunit;
using Xunit.Abstractions;

namespace SymGrad.Runtime.Tests.Solvers
{
    /// <summary>The example of docs/solvers.md, verbatim apart from where the data come from and the output sink.</summary>
    public class SolverDocExampleTests
    {
        private readonly ITestOutputHelper output;

        public SolverDocExampleTests(ITestOutputHelper output)
        {
            this.output = output;
        }

        [Fact]
        public void NewtonAndLevenbergMarquardtThroughLambdas()
        {
            Action<string> print = output.WriteLine;
            var random = new Random(3);
            double[] features = new double[2 * 300];
            double[] labels = new double[300];
            for (int r = 0; r < labels.Length; r++)
            {
                features[2 * r] = 2.0 * random.NextDouble() - 1.0;
                features[2 * r + 1] = 2.0 * random.NextDouble() - 1.0;
                double z = 1.5 * features[2 * r] - 2.0 * features[2 * r + 1] + 0.3;
                labels[r] = random.NextDouble() < 1.0 / (1.0 + Math.Exp(-z)) ? 1.0 : 0.0;
            }

            double[] times = Enumerable.Range(0, 25).Select(i => 0.25 * i).ToArray();
            double[] observed = times.Select(t => 3.0 * Math.Exp(-0.8 * t) + 0.4).ToArray();

            // --- begin docs/solvers.md example ---
            // Newton on a logistic regression: LossHessian takes a double[], so copy the solver's span into a reusable array.
            double[] w = new double[LogisticModel.ParameterCount];      // the starting point, updated in place
            double[] wScratch = new double[w.Length];
            var newton = new NewtonSolver(new NewtonOptions { GradientTolerance = 1e-10 });
            SolverResult fit = newton.Minimize(w, (x, gradient, hessian) =>
            {
                x.CopyTo(wScratch);
                return LogisticModel.LossHessian(wScratch, features, labels, gradient, hessian);
            });
            print($"{fit.StopReason} after {fit.Iterations} iterations: loss {fit.FinalValue:F6}, |g| {fit.FinalGradientNorm:E1}");

            // Levenberg-Marquardt on y = a exp(-b t) + c: the residuals are the generated method's output span.
            double[] p = { 1.0, 1.0, 0.0 };                             // a, b, c
            double[] pScratch = new double[p.Length];
            SolverResult curve = new LevenbergMarquardtSolver().Minimize(p, times.Length, (x, residuals, jacobian) =>
            {
                x.CopyTo(pScratch);
                DecayModel.ResidualsJacobian(pScratch, times, observed, residuals, jacobian);
            });
            print($"{curve.StopReason}: a = {p[0]:F4}, b = {p[1]:F4}, c = {p[2]:F4} ({curve.Message})");
            print(string.Join(" ", curve.ValueHistory.Select(v => v.ToString("G3"))));  // ½‖r‖² per iteration, to plot
            // --- end docs/solvers.md example ---

            Assert.True(fit.Converged, fit.Message);
            Assert.InRange(fit.Iterations, 1, 10);
            double[] numeric = GradientCheck.CentralDifferences(q => LogisticModel.Loss(q, features, labels), w);
            Assert.All(numeric, component => Assert.True(Math.Abs(component) < 1e-8));
            Assert.True(curve.Converged, curve.Message);
            Assert.Equal(3.0, p[0], 1e-8);
            Assert.Equal(0.8, p[1], 1e-8);
            Assert.Equal(0.4, p[2], 1e-8);
        }

        [Fact]
        public void DocumentationShowsExactlyThisExample()
        {
            string root = RepositoryRoot();
            string[] documented = ExampleLines(Path.Combine(root, "docs", "solvers.md"));
            string[] tested = ExampleLines(Path.Combine(root, "tests", "SymGrad.Runtime.Tests", "Solvers", "SolverDocExampleTests.cs"));
            Assert.True(documented.Length > 10, "the example block was not found in docs/solvers.md");
            Assert.Equal(tested, documented);
        }

        private static string[] ExampleLines(string path)
        {
            string[] lines = File.ReadAllLines(path);
            int begin = Array.FindIndex(lines, l => l.Trim() == "// --- begin docs/solvers.md example ---");
            int end = Array.FindIndex(lines, l => l.Trim() == "// --- end docs/solvers.md example ---");
            Assert.True(begin >= 0 && end > begin, $"no example markers in {path}");
            string[] block = lines.Skip(begin + 1).Take(end - begin - 1).ToArray();
            int indent = block.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
            return block.Select(l => l.Trim().Length == 0 ? string.Empty : l.Substring(indent).TrimEnd()).ToArray();
        }

        private static string RepositoryRoot()
        {
            for (DirectoryInfo? dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "SymGrad.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("The repository root (SymGrad.sln) was not found above " + AppContext.BaseDirectory);
        }
    }
}
