using System;
using Xunit;

namespace SymGrad.Runtime.Tests.Solvers
{
    /// <summary>
    /// The hand-written derivatives the solver tests rely on, checked against central finite differences, so a solver test
    /// failure points at the solver and not at its test problem.
    /// </summary>
    public class TestProblemDerivativeTests
    {
        private static readonly GradientCheckOptions Loose = new(Step: 1e-6, RelativeTolerance: 1e-6, AbsoluteTolerance: 1e-6);

        [Fact]
        public void RosenbrockGradientHessianAndProduct()
        {
            double[] x = { -1.2, 1.0, 0.3, -0.7, 2.0 };
            CheckSecondOrder(x, p => Rosenbrock.Value(p), Rosenbrock.ValueAndGradient, Rosenbrock.ValueGradientHessian, Rosenbrock.HessianVectorProduct);
        }

        [Fact]
        public void LogisticRegressionGradientHessianAndProduct()
        {
            var problem = new LogisticRegressionProblem(rows: 60, featureCount: 3, seed: 4);
            double[] w = { 0.4, -0.3, 1.1, 0.2 };
            CheckSecondOrder(w, p => problem.Value(p), problem.ValueAndGradient, problem.ValueGradientHessian, problem.HessianVectorProduct);
        }

        [Fact]
        public void ExponentialDecayJacobian()
        {
            var fit = CurveFits.Generate(t => 2.0 * Math.Exp(-0.7 * t) + 0.5, 12, 0.0, 5.0, 0.05, seed: 1);
            CheckJacobian(new[] { 1.5, 0.4, 0.2 }, 12, fit.ExponentialDecayResiduals);
        }

        [Fact]
        public void FourParameterLogisticJacobian()
        {
            var fit = CurveFits.Generate(t => 0.1 + 1.9 / (1.0 + Math.Pow(t / 3.0, 2.5)), 15, 0.2, 10.0, 0.02, seed: 2);
            CheckJacobian(new[] { 2.2, 1.8, 2.5, 0.3 }, 15, fit.FourParameterLogisticResiduals);
        }

        private static void CheckSecondOrder(
            double[] x,
            Func<double[], double> value,
            SymGrad.Solvers.ValueAndGradient valueAndGradient,
            SymGrad.Solvers.ValueGradientHessian valueGradientHessian,
            SymGrad.Solvers.HessianVectorProduct hessianVectorProduct)
        {
            int n = x.Length;
            double[] g = new double[n];
            double f = valueAndGradient(x, g);
            Assert.Equal(value(x), f, 12);
            GradientCheck.Compare(value, x, g, Loose).ThrowIfFailed();

            double[] g2 = new double[n];
            double[] h = new double[n * n];
            Assert.Equal(f, valueGradientHessian(x, g2, h), 12);
            Assert.Equal(g, g2);
            for (int i = 0; i < n; i++)
            {
                int row = i;
                Func<double[], double> gradientEntry = p =>
                {
                    double[] gi = new double[n];
                    valueAndGradient(p, gi);
                    return gi[row];
                };
                GradientCheck.Compare(gradientEntry, x, h.AsSpan(i * n, n), Loose).ThrowIfFailed();
            }

            double[] v = new double[n];
            for (int i = 0; i < n; i++)
            {
                v[i] = 0.5 - 0.3 * i;
            }

            double[] hv = new double[n];
            hessianVectorProduct(x, v, hv);
            for (int i = 0; i < n; i++)
            {
                double expected = 0.0;
                for (int j = 0; j < n; j++)
                {
                    expected += h[i * n + j] * v[j];
                }

                Assert.Equal(expected, hv[i], 1e-9);
            }
        }

        private static void CheckJacobian(double[] p, int m, SymGrad.Solvers.ResidualsAndJacobian residuals)
        {
            int n = p.Length;
            double[] r = new double[m];
            double[] j = new double[m * n];
            residuals(p, r, j);
            for (int i = 0; i < m; i++)
            {
                int row = i;
                Func<double[], double> residual = q =>
                {
                    double[] ri = new double[m];
                    residuals(q, ri, new double[m * n]);
                    return ri[row];
                };
                GradientCheck.Compare(residual, p, j.AsSpan(i * n, n), Loose).ThrowIfFailed();
            }
        }
    }
}
