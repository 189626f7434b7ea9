using System;
using System.Linq;
using SymGrad.Solvers;
using Xunit;

namespace SymGrad.Runtime.Tests.Solvers
{
    /// <summary>Dense Newton: exactness on quadratics, convergence on Rosenbrock and logistic regression, non-convex starts.</summary>
    public class NewtonSolverTests
    {
        // f(x) = ½ xᵀAx - bᵀx with A symmetric positive definite; the minimizer solves A x = b.
        private static readonly double[] A =
        {
            4.0, 1.0, 0.5, 0.0,
            1.0, 3.0, 0.2, 0.1,
            0.5, 0.2, 2.0, 0.3,
            0.0, 0.1, 0.3, 1.5,
        };

        private static readonly double[] B = { 1.0, -2.0, 0.5, 3.0 };

        [Fact]
        public void AConvexQuadraticConvergesInOneIteration()
        {
            double[] x = { 10.0, -7.0, 3.0, 0.5 };
            SolverResult result = new NewtonSolver().Minimize(x, Quadratic);

            Assert.True(result.Converged, result.Message);
            Assert.Equal(SolverStopReason.Converged, result.StopReason);
            Assert.Equal(1, result.Iterations);
            Assert.Equal(0, result.RejectedSteps);
            Assert.Equal(0, result.CurvatureCorrections);
            Assert.Equal(2, result.Evaluations);
            Assert.Equal(2, result.ValueHistory.Count);

            // A x = b to rounding: the residual is the final gradient.
            for (int i = 0; i < 4; i++)
            {
                double row = 0.0;
                for (int j = 0; j < 4; j++)
                {
                    row += A[i * 4 + j] * x[j];
                }

                Assert.Equal(B[i], row, 1e-12);
            }

            Assert.True(result.FinalGradientNorm <= 1e-12);
            Assert.Equal(Quadratic(x, new double[4], new double[16]), result.FinalValue);
        }

        [Fact]
        public void RosenbrockConvergesToItsMinimum()
        {
            double[] x = Rosenbrock.Start(2);
            SolverResult result = new NewtonSolver().Minimize(x, Rosenbrock.ValueGradientHessian);

            Assert.True(result.Converged, result.Message);
            Assert.Equal(1.0, x[0], 1e-8);
            Assert.Equal(1.0, x[1], 1e-8);
            Assert.True(result.FinalValue < 1e-16);
            Assert.InRange(result.Iterations, 5, 40); // Newton with backtracking takes about 20 from (-1.2, 1)
            Assert.True(result.RejectedSteps > 0, "the valley forces backtracking at least once");
            AssertMonotone(result);
        }

        [Fact]
        public void LogisticRegressionConvergesFastToTheGradientDescentOptimum()
        {
            var problem = new LogisticRegressionProblem(rows: 200, featureCount: 3, seed: 7);
            double[] w = new double[problem.ParameterCount];
            SolverResult result = new NewtonSolver().Minimize(w, problem.ValueGradientHessian);

            Assert.True(result.Converged, result.Message);
            Assert.InRange(result.Iterations, 1, 10);
            Assert.True(result.FinalGradientNorm <= 1e-8);

            // Plain gradient descent from the same start approaches the same point, far more slowly.
            double[] descent = new double[problem.ParameterCount];
            double[] g = new double[problem.ParameterCount];
            for (int step = 0; step < 20000; step++)
            {
                Array.Clear(g);
                problem.ValueAndGradient(descent, g);
                for (int i = 0; i < g.Length; i++)
                {
                    descent[i] -= 2.0 * g[i];
                }
            }

            Array.Clear(g);
            problem.ValueAndGradient(descent, g);
            Assert.True(g.Sum(v => v * v) < 1e-12, "gradient descent itself should have converged for the comparison to mean anything");
            for (int i = 0; i < w.Length; i++)
            {
                Assert.Equal(descent[i], w[i], 1e-5);
            }
        }

        [Theory]
        [InlineData(IndefiniteHessianStrategy.Damp)]
        [InlineData(IndefiniteHessianStrategy.SteepestDescent)]
        public void ANonConvexStartCorrectsTheStepAndStillDecreases(IndefiniteHessianStrategy strategy)
        {
            // At (0, 1) the Rosenbrock Hessian is diag(-398, 200): the plain Newton step would head for the saddle.
            double[] x = { 0.0, 1.0 };
            double[] g = new double[2];
            double[] h = new double[4];
            Rosenbrock.ValueGradientHessian(x, g, h);
            Assert.True(h[0] < 0.0);

            SolverResult result = new NewtonSolver(new NewtonOptions { IndefiniteHessian = strategy }).Minimize(x, Rosenbrock.ValueGradientHessian);

            Assert.True(result.CurvatureCorrections >= 1, result.Message);
            Assert.True(result.Converged, result.Message);
            Assert.Equal(1.0, x[0], 1e-8);
            Assert.Equal(1.0, x[1], 1e-8);
            Assert.True(result.ValueHistory[1] < result.ValueHistory[0], "the corrected first step must decrease f");
            AssertMonotone(result);
        }

        [Fact]
        public void TheDampedStepDescendsWhereTheNewtonStepWouldClimb()
        {
            // f = x² - y² + y⁴/4 + ...: at (1, 0.1) the Hessian diag(2, -2 + 3y²) is indefinite. Newton would increase f along y;
            // the damped step must decrease f in one iteration.
            ValueGradientHessian f = (p, g, h) =>
            {
                g[0] += 2.0 * p[0];
                g[1] += -2.0 * p[1] + p[1] * p[1] * p[1];
                h[0] += 2.0;
                h[3] += -2.0 + 3.0 * p[1] * p[1];
                return p[0] * p[0] - p[1] * p[1] + 0.25 * Math.Pow(p[1], 4);
            };
            double[] x = { 1.0, 0.1 };
            SolverResult result = new NewtonSolver(new NewtonOptions { MaxIterations = 1 }).Minimize(x, f);

            Assert.Equal(SolverStopReason.MaxIterations, result.StopReason);
            Assert.Equal(1, result.CurvatureCorrections);
            Assert.True(result.ValueHistory[1] < result.ValueHistory[0]);
            Assert.True(x[1] > 0.1, "the step must move away from the saddle along the negative-curvature direction");

            double[] again = { 1.0, 0.1 };
            SolverResult full = new NewtonSolver().Minimize(again, f);
            Assert.True(full.Converged, full.Message);
            Assert.Equal(0.0, again[0], 1e-8);
            Assert.Equal(Math.Sqrt(2.0), again[1], 1e-8);
        }

        [Fact]
        public void TrialPointsOutsideTheDomainAreBacktrackedNotReportedAsDivergence()
        {
            // f = x - ln x, minimum at 1; from 5 the first Newton step lands at -15, where ln is NaN, then at 0 (f = +∞).
            ValueGradientHessian f = (p, g, h) =>
            {
                g[0] += 1.0 - 1.0 / p[0];
                h[0] += 1.0 / (p[0] * p[0]);
                return p[0] - Math.Log(p[0]);
            };
            double[] x = { 5.0 };
            SolverResult result = new NewtonSolver().Minimize(x, f);

            Assert.True(result.Converged, result.Message);
            Assert.Equal(1.0, x[0], 1e-10);
            Assert.True(result.RejectedSteps >= 2);
        }

        [Fact]
        public void AStartThatIsAlreadyStationaryTakesNoStep()
        {
            double[] x = { 1.0, 1.0, 1.0 };
            SolverResult result = new NewtonSolver().Minimize(x, Rosenbrock.ValueGradientHessian);

            Assert.True(result.Converged);
            Assert.Equal(0, result.Iterations);
            Assert.Equal(1, result.Evaluations);
            Assert.Equal(new[] { 1.0, 1.0, 1.0 }, x);
            Assert.Single(result.ValueHistory);
        }

        [Fact]
        public void MaxIterationsStopsAndReportsTheGradientNorm()
        {
            double[] x = Rosenbrock.Start(2);
            SolverResult result = new NewtonSolver(new NewtonOptions { MaxIterations = 3 }).Minimize(x, Rosenbrock.ValueGradientHessian);

            Assert.False(result.Converged);
            Assert.Equal(SolverStopReason.MaxIterations, result.StopReason);
            Assert.Equal(3, result.Iterations);
            Assert.Equal(4, result.ValueHistory.Count);
            double[] g = new double[2];
            Assert.Equal(Rosenbrock.ValueAndGradient(x, g), result.FinalValue);
            Assert.Equal(Math.Sqrt(g[0] * g[0] + g[1] * g[1]), result.FinalGradientNorm, 1e-12);
            Assert.Contains("MaxIterations", result.Message);
        }

        [Fact]
        public void ALineSearchThatCannotDecreaseIsReported()
        {
            // The gradient points the wrong way (it is the gradient of -f), so no step along -g decreases f.
            ValueGradientHessian f = (p, g, h) =>
            {
                g[0] += -2.0 * p[0];
                h[0] += 2.0;
                return p[0] * p[0];
            };
            double[] x = { 1.0 };
            SolverResult result = new NewtonSolver(new NewtonOptions { MaxLineSearchSteps = 5 }).Minimize(x, f);

            Assert.Equal(SolverStopReason.LineSearchFailed, result.StopReason);
            Assert.Equal(1.0, x[0]);
            Assert.Equal(5, result.RejectedSteps);
        }

        internal static double Quadratic(ReadOnlySpan<double> x, Span<double> g, Span<double> h)
        {
            double f = 0.0;
            for (int i = 0; i < 4; i++)
            {
                double row = 0.0;
                for (int j = 0; j < 4; j++)
                {
                    row += A[i * 4 + j] * x[j];
                    h[i * 4 + j] += A[i * 4 + j];
                }

                g[i] += row - B[i];
                f += 0.5 * x[i] * row - B[i] * x[i];
            }

            return f;
        }

        internal static void AssertMonotone(SolverResult result)
        {
            for (int k = 1; k < result.ValueHistory.Count; k++)
            {
                Assert.True(result.ValueHistory[k] <= result.ValueHistory[k - 1], $"f rose at iteration {k}: {result.ValueHistory[k - 1]} -> {result.ValueHistory[k]}");
            }
        }
    }
}
