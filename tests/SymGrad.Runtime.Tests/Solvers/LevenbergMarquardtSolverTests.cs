using System;
using SymGrad.Solvers;
using Xunit;

namespace SymGrad.Runtime.Tests.Solvers
{
    /// <summary>Levenberg-Marquardt fits of generated curve data: parameter recovery, both scalings, the convergence tests.</summary>
    public class LevenbergMarquardtSolverTests
    {
        [Theory]
        [InlineData(LevenbergMarquardtScaling.Marquardt)]
        [InlineData(LevenbergMarquardtScaling.Identity)]
        public void AnExponentialDecayWithoutNoiseIsRecoveredExactly(LevenbergMarquardtScaling scaling)
        {
            var fit = CurveFits.Generate(t => 2.0 * Math.Exp(-0.7 * t) + 0.5, 30, 0.0, 6.0, noise: 0.0, seed: 1);
            double[] p = { 1.0, 1.0, 0.0 };
            SolverResult result = new LevenbergMarquardtSolver(new LevenbergMarquardtOptions { Scaling = scaling }).Minimize(p, 30, fit.ExponentialDecayResiduals);

            Assert.True(result.Converged, result.Message);
            Assert.Equal(2.0, p[0], 1e-9);
            Assert.Equal(0.7, p[1], 1e-9);
            Assert.Equal(0.5, p[2], 1e-9);
            Assert.True(result.FinalValue < 1e-20);
            Assert.Equal(0, result.CurvatureCorrections);
            AssertNonIncreasing(result);
        }

        [Fact]
        public void AFourParameterLogisticIsRecoveredFromNoisyData()
        {
            // a = 2 (response at t → 0), b = 2.5 (slope), c = 3 (midpoint), d = 0.1 (response at t → ∞), noise σ = 0.01.
            var fit = CurveFits.Generate(t => 0.1 + 1.9 / (1.0 + Math.Pow(t / 3.0, 2.5)), 40, 0.2, 12.0, noise: 0.01, seed: 2);
            double[] p = { 1.0, 1.0, 1.0, 0.0 };
            SolverResult result = new LevenbergMarquardtSolver().Minimize(p, 40, fit.FourParameterLogisticResiduals);

            Assert.True(result.Converged, result.Message);
            Assert.Equal(2.0, p[0], 0.05);
            Assert.Equal(2.5, p[1], 0.1);
            Assert.Equal(3.0, p[2], 0.1);
            Assert.Equal(0.1, p[3], 0.05);

            // At the least-squares fit the residual variance matches the noise: ½‖r‖² ≈ ½·m·σ².
            Assert.InRange(result.FinalValue, 0.25 * 0.5 * 40 * 1e-4, 4.0 * 0.5 * 40 * 1e-4);
            Assert.True(result.FinalGradientNorm < 1e-6, result.Message);
            AssertNonIncreasing(result);
        }

        [Fact]
        public void TheFitIsAStationaryPointOfTheLeastSquaresObjective()
        {
            var fit = CurveFits.Generate(t => 0.1 + 1.9 / (1.0 + Math.Pow(t / 3.0, 2.5)), 40, 0.2, 12.0, noise: 0.01, seed: 2);
            double[] p = { 1.0, 1.0, 1.0, 0.0 };
            SolverResult result = new LevenbergMarquardtSolver(new LevenbergMarquardtOptions { GradientTolerance = 1e-12, RelativeReductionTolerance = 0.0, StepTolerance = 0.0 })
                .Minimize(p, 40, fit.FourParameterLogisticResiduals);

            Func<double[], double> objective = q =>
            {
                double[] r = new double[40];
                fit.FourParameterLogisticResiduals(q, r, new double[160]);
                double sum = 0.0;
                foreach (double v in r)
                {
                    sum += 0.5 * v * v;
                }

                return sum;
            };
            double[] numeric = GradientCheck.CentralDifferences(objective, p, 1e-6);
            foreach (double component in numeric)
            {
                Assert.True(Math.Abs(component) < 1e-8, $"{component} ({result.Message})");
            }

            Assert.Equal(objective(p), result.FinalValue, 1e-15);
        }

        [Fact]
        public void RejectedStepsRaiseTheDampingAndStillConverge()
        {
            // From far away the undamped Gauss-Newton step overshoots, so some steps are rejected.
            var fit = CurveFits.Generate(t => 2.0 * Math.Exp(-0.7 * t) + 0.5, 30, 0.0, 6.0, noise: 0.0, seed: 1);
            double[] p = { 10.0, 5.0, -3.0 };
            SolverResult result = new LevenbergMarquardtSolver(new LevenbergMarquardtOptions { InitialDamping = 1e-8 }).Minimize(p, 30, fit.ExponentialDecayResiduals);

            Assert.True(result.Converged, result.Message);
            Assert.True(result.RejectedSteps >= 1, result.Message);
            Assert.Equal(result.Iterations + 1, result.ValueHistory.Count);
            Assert.Equal(result.Iterations + 1, result.Evaluations); // rejected trials are evaluated too
            Assert.Equal(0.7, p[1], 1e-8);
            AssertNonIncreasing(result);
        }

        [Fact]
        public void ALinearLeastSquaresProblemIsSolvedInOneAcceptedStepWhenDampingIsNegligible()
        {
            // r = A p - y with A 3 x 2: Gauss-Newton is exact; λ = 1e-12 barely perturbs it.
            double[] a = { 1.0, 0.0, 1.0, 1.0, 1.0, 2.0 };
            double[] y = { 1.0, 2.0, 2.0 };
            ResidualsAndJacobian f = (p, r, j) =>
            {
                for (int i = 0; i < 3; i++)
                {
                    r[i] = a[i * 2] * p[0] + a[i * 2 + 1] * p[1] - y[i];
                    j[i * 2] = a[i * 2];
                    j[i * 2 + 1] = a[i * 2 + 1];
                }
            };
            double[] p = { 0.0, 0.0 };
            SolverResult result = new LevenbergMarquardtSolver(new LevenbergMarquardtOptions { InitialDamping = 1e-12, GradientTolerance = 1e-9 }).Minimize(p, 3, f);

            // Normal equations: [3 3; 3 5] p = [5; 6] gives p = (7/6, 1/2).
            Assert.True(result.Converged, result.Message);
            Assert.Equal(7.0 / 6.0, p[0], 1e-10);
            Assert.Equal(0.5, p[1], 1e-10);
            Assert.Equal(1, result.Iterations);
        }

        [Fact]
        public void MaxIterationsStopsTheRun()
        {
            var fit = CurveFits.Generate(t => 0.1 + 1.9 / (1.0 + Math.Pow(t / 3.0, 2.5)), 40, 0.2, 12.0, noise: 0.01, seed: 2);
            double[] p = { 1.0, 1.0, 1.0, 0.0 };
            SolverResult result = new LevenbergMarquardtSolver(new LevenbergMarquardtOptions { MaxIterations = 2 }).Minimize(p, 40, fit.FourParameterLogisticResiduals);

            Assert.Equal(SolverStopReason.MaxIterations, result.StopReason);
            Assert.False(result.Converged);
            Assert.Equal(2, result.Iterations);
            Assert.Equal(3, result.ValueHistory.Count);
            Assert.True(result.ValueHistory[2] < result.ValueHistory[0]);
        }

        [Fact]
        public void AParameterNoResidualDependsOnGetsAZeroStep()
        {
            // p[1] does not appear in the residuals: its Jacobian column is zero and JᵀJ is singular without damping.
            ResidualsAndJacobian f = (p, r, j) =>
            {
                r[0] = p[0] - 3.0;
                r[1] = 2.0 * (p[0] - 3.0);
                j[0] = 1.0;
                j[2] = 2.0;
            };
            double[] p = { 0.0, 42.0 };
            SolverResult result = new LevenbergMarquardtSolver().Minimize(p, 2, f);

            Assert.True(result.Converged, result.Message);
            Assert.Equal(3.0, p[0], 1e-9);
            Assert.Equal(42.0, p[1]);
        }

        private static void AssertNonIncreasing(SolverResult result)
        {
            for (int k = 1; k < result.ValueHistory.Count; k++)
            {
                Assert.True(result.ValueHistory[k] <= result.ValueHistory[k - 1], $"½‖r‖² rose at iteration {k}");
            }
        }
    }
}
