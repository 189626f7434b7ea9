using System;
using SymGrad.Solvers;
using Xunit;

namespace SymGrad.Runtime.Tests.Solvers
{
    /// <summary>
    /// The divergence guard: a function that turns NaN, infinite or explodes part-way stops the run as Diverged and leaves x at
    /// the last good point, which is exactly where an undisturbed run with that many iterations ends.
    /// </summary>
    public class SolverDivergenceTests
    {
        [Theory]
        [InlineData(4)]
        [InlineData(9)]
        public void DenseNewtonWhoseValueTurnsNaNRestoresTheLastGoodPoint(int goodCalls)
        {
            int calls = 0;
            ValueGradientHessian f = (x, g, h) =>
            {
                double value = Rosenbrock.ValueGradientHessian(x, g, h);
                return ++calls > goodCalls ? double.NaN : value;
            };

            double[] x = Rosenbrock.Start(2);
            SolverResult result = new NewtonSolver().Minimize(x, f);

            Assert.Equal(SolverStopReason.Diverged, result.StopReason);
            Assert.False(result.Converged);
            Assert.Contains("last good point", result.Message);
            AssertIsTheUndisturbedIterate(x, result, (o, start) => new NewtonSolver(o).Minimize(start, Rosenbrock.ValueGradientHessian));
        }

        [Fact]
        public void ConjugateGradientNewtonWhoseValueTurnsInfiniteRestoresTheLastGoodPoint()
        {
            int calls = 0;
            ValueAndGradient f = (x, g) =>
            {
                double value = Rosenbrock.ValueAndGradient(x, g);
                return ++calls > 6 ? double.PositiveInfinity : value;
            };

            double[] x = Rosenbrock.Start(2);
            SolverResult result = new NewtonSolver().Minimize(x, f, Rosenbrock.HessianVectorProduct);

            Assert.Equal(SolverStopReason.Diverged, result.StopReason);
            AssertIsTheUndisturbedIterate(x, result, (o, start) => new NewtonSolver(o).Minimize(start, Rosenbrock.ValueAndGradient, Rosenbrock.HessianVectorProduct));
        }

        [Fact]
        public void ANaNGradientAtAnAcceptedPointIsDivergence()
        {
            int calls = 0;
            ValueGradientHessian f = (x, g, h) =>
            {
                double value = Rosenbrock.ValueGradientHessian(x, g, h);
                if (++calls > 5)
                {
                    g[1] = double.NaN;
                }

                return value;
            };

            double[] x = Rosenbrock.Start(2);
            SolverResult result = new NewtonSolver().Minimize(x, f);

            Assert.Equal(SolverStopReason.Diverged, result.StopReason);
            Assert.Contains("gradient[1] became NaN", result.Message);
            AssertIsTheUndisturbedIterate(x, result, (o, start) => new NewtonSolver(o).Minimize(start, Rosenbrock.ValueGradientHessian));
        }

        [Fact]
        public void ANaNHessianIsDivergence()
        {
            int calls = 0;
            ValueGradientHessian f = (x, g, h) =>
            {
                double value = Rosenbrock.ValueGradientHessian(x, g, h);
                if (++calls > 3)
                {
                    h[2] = double.NegativeInfinity;
                }

                return value;
            };

            double[] x = Rosenbrock.Start(2);
            SolverResult result = new NewtonSolver().Minimize(x, f);

            Assert.Equal(SolverStopReason.Diverged, result.StopReason);
            Assert.Contains("hessian[1, 0] became -Infinity", result.Message);
            AssertIsTheUndisturbedIterate(x, result, (o, start) => new NewtonSolver(o).Minimize(start, Rosenbrock.ValueGradientHessian));
        }

        [Fact]
        public void ANaNHessianVectorProductIsDivergence()
        {
            int calls = 0;
            HessianVectorProduct product = (x, v, hv) =>
            {
                double value = Rosenbrock.HessianVectorProduct(x, v, hv);
                if (++calls > 7)
                {
                    hv[0] = double.NaN;
                }

                return value;
            };

            double[] x = Rosenbrock.Start(2);
            SolverResult result = new NewtonSolver().Minimize(x, Rosenbrock.ValueAndGradient, product);

            Assert.Equal(SolverStopReason.Diverged, result.StopReason);
            Assert.Contains("Hessian-vector product", result.Message);
            AssertIsTheUndisturbedIterate(x, result, (o, start) => new NewtonSolver(o).Minimize(start, Rosenbrock.ValueAndGradient, Rosenbrock.HessianVectorProduct));
        }

        [Fact]
        public void AnObjectiveThatIsUnboundedBelowTripsTheExplosionGuard()
        {
            // f = -x² from x = 1: the damped step runs away and f falls past ExplosionFactor times its start.
            ValueGradientHessian f = (x, g, h) =>
            {
                g[0] += -2.0 * x[0];
                h[0] += -2.0;
                return -x[0] * x[0];
            };

            double[] x = { 1.0 };
            SolverResult result = new NewtonSolver(new NewtonOptions { ExplosionFactor = 100.0 }).Minimize(x, f);

            Assert.Equal(SolverStopReason.Diverged, result.StopReason);
            Assert.Contains("exploded", result.Message);
            Assert.True(Math.Abs(x[0]) <= 10.0, "x stays at a point whose value passed the guard");
            Assert.Equal(-x[0] * x[0], result.FinalValue);
            Assert.True(Math.Abs(result.FinalValue) <= 100.0);
        }

        [Fact]
        public void TheExplosionGuardCanBeSwitchedOff()
        {
            ValueGradientHessian f = (x, g, h) =>
            {
                g[0] += -2.0 * x[0];
                h[0] += -2.0;
                return -x[0] * x[0];
            };

            double[] x = { 1.0 };
            SolverResult result = new NewtonSolver(new NewtonOptions { ExplosionFactor = double.PositiveInfinity, MaxIterations = 5 }).Minimize(x, f);

            Assert.Equal(SolverStopReason.MaxIterations, result.StopReason);
            Assert.True(Math.Abs(x[0]) > 1e6);
        }

        [Theory]
        [InlineData(3)]
        [InlineData(6)]
        public void LevenbergMarquardtWhoseResidualsTurnNaNRestoresTheLastGoodPoint(int goodCalls)
        {
            var fit = CurveFits.Generate(t => 0.1 + 1.9 / (1.0 + Math.Pow(t / 3.0, 2.5)), 40, 0.2, 12.0, noise: 0.01, seed: 2);
            int calls = 0;
            ResidualsAndJacobian f = (p, r, j) =>
            {
                fit.FourParameterLogisticResiduals(p, r, j);
                if (++calls > goodCalls)
                {
                    r[5] = double.NaN;
                }
            };

            double[] p = { 1.0, 1.0, 1.0, 0.0 };
            SolverResult result = new LevenbergMarquardtSolver().Minimize(p, 40, f);

            Assert.Equal(SolverStopReason.Diverged, result.StopReason);
            Assert.Contains("last good point", result.Message);

            // Every trial after the last good call was rejected, so x is the last accepted point of an undisturbed run.
            double[] expected = { 1.0, 1.0, 1.0, 0.0 };
            int undisturbedCalls = 0;
            ResidualsAndJacobian counted = (q, r, j) =>
            {
                undisturbedCalls++;
                fit.FourParameterLogisticResiduals(q, r, j);
            };
            var options = new LevenbergMarquardtOptions { MaxIterations = goodCalls - 1 };
            SolverResult undisturbed = new LevenbergMarquardtSolver(options).Minimize(expected, 40, counted);
            Assert.Equal(goodCalls, undisturbedCalls);
            Assert.Equal(expected, p);
            Assert.Equal(undisturbed.FinalValue, result.FinalValue);
        }

        [Fact]
        public void ANaNJacobianAtAnAcceptedStepIsDivergence()
        {
            var fit = CurveFits.Generate(t => 2.0 * Math.Exp(-0.7 * t) + 0.5, 30, 0.0, 6.0, noise: 0.0, seed: 1);
            int calls = 0;
            ResidualsAndJacobian f = (p, r, j) =>
            {
                fit.ExponentialDecayResiduals(p, r, j);
                if (++calls > 2)
                {
                    j[4] = double.NaN;
                }
            };

            double[] p = { 1.0, 1.0, 0.0 };
            SolverResult result = new LevenbergMarquardtSolver().Minimize(p, 30, f);

            Assert.Equal(SolverStopReason.Diverged, result.StopReason);
            Assert.Contains("jacobian[1, 1] became NaN", result.Message);
            double[] expected = { 1.0, 1.0, 0.0 };
            new LevenbergMarquardtSolver(new LevenbergMarquardtOptions { MaxIterations = 1 }).Minimize(expected, 30, fit.ExponentialDecayResiduals);
            Assert.Equal(expected, p);
        }

        [Fact]
        public void ADelegateThatThrowsLeavesTheLastAcceptedPoint()
        {
            int calls = 0;
            ValueGradientHessian f = (x, g, h) =>
            {
                if (++calls == 6)
                {
                    throw new InvalidOperationException("the model failed");
                }

                return Rosenbrock.ValueGradientHessian(x, g, h);
            };

            double[] x = Rosenbrock.Start(2);
            Assert.Equal("the model failed", Assert.Throws<InvalidOperationException>(() => new NewtonSolver().Minimize(x, f)).Message);
            Assert.True(Rosenbrock.Value(x) < Rosenbrock.Value(Rosenbrock.Start(2)), "x moved to an accepted point before the failure");
        }

        /// <summary>
        /// A diverged Newton run stopped during iteration k + 1 (k = result.Iterations), so x must be the undisturbed run's
        /// point after exactly k iterations, bit for bit.
        /// </summary>
        private static void AssertIsTheUndisturbedIterate(double[] x, SolverResult result, Func<NewtonOptions, double[], SolverResult> undisturbedRun)
        {
            Assert.True(result.Iterations >= 1, "the test wants some progress before the failure");
            double[] expected = Rosenbrock.Start(2);
            SolverResult undisturbed = undisturbedRun(new NewtonOptions { MaxIterations = result.Iterations }, expected);
            Assert.Equal(expected, x);
            Assert.Equal(undisturbed.FinalValue, result.FinalValue);
            Assert.Equal(result.Iterations + 1, result.ValueHistory.Count);
        }
    }
}
