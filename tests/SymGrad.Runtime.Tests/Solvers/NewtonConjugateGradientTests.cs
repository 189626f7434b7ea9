using System;
using SymGrad.Solvers;
using Xunit;

namespace SymGrad.Runtime.Tests.Solvers
{
    /// <summary>Truncated Newton on Hessian-vector products: agreement with the dense mode, large n, mode selection.</summary>
    public class NewtonConjugateGradientTests
    {
        [Fact]
        public void LogisticRegressionMatchesTheDenseMode()
        {
            var problem = new LogisticRegressionProblem(rows: 200, featureCount: 5, seed: 3);
            double[] dense = new double[problem.ParameterCount];
            double[] cg = new double[problem.ParameterCount];

            // A tight tolerance, so the comparison measures the two modes' optima and not where each happened to stop.
            var options = new NewtonOptions { GradientTolerance = 1e-12 };
            SolverResult denseResult = new NewtonSolver(options).Minimize(dense, problem.ValueGradientHessian);
            SolverResult cgResult = new NewtonSolver(options).Minimize(cg, problem.ValueAndGradient, problem.HessianVectorProduct);

            Assert.True(denseResult.Converged, denseResult.Message);
            Assert.True(cgResult.Converged, cgResult.Message);
            Assert.Contains("(conjugate-gradient)", cgResult.Message);
            Assert.InRange(cgResult.Iterations, 1, 10);
            for (int i = 0; i < dense.Length; i++)
            {
                Assert.Equal(dense[i], cg[i], 1e-8);
            }

            Assert.Equal(denseResult.FinalValue, cgResult.FinalValue, 1e-14);
        }

        [Theory]
        [InlineData(IndefiniteHessianStrategy.Damp)]
        [InlineData(IndefiniteHessianStrategy.SteepestDescent)]
        public void RosenbrockConvergesFromTheClassicAndANonConvexStart(IndefiniteHessianStrategy strategy)
        {
            var options = new NewtonOptions { IndefiniteHessian = strategy, MaxIterations = 200 };
            foreach (double[] start in new[] { Rosenbrock.Start(2), new[] { 0.0, 1.0 } })
            {
                double[] x = (double[])start.Clone();
                SolverResult result = new NewtonSolver(options).Minimize(x, Rosenbrock.ValueAndGradient, Rosenbrock.HessianVectorProduct);

                Assert.True(result.Converged, result.Message);

                // From (-1.2, 1) the iterates cross the region where CG meets negative curvature. (From (0, 1) the first, truncated,
                // CG step happens to stay in directions of positive curvature.)
                Assert.True(start[0] != -1.2 || result.CurvatureCorrections >= 1, "the classic start meets negative curvature");
                Assert.Equal(1.0, x[0], 1e-8);
                Assert.Equal(1.0, x[1], 1e-8);
                NewtonSolverTests.AssertMonotone(result);
            }
        }

        [Fact]
        public void LargeProblemsConvergeWithoutFormingTheHessian()
        {
            const int n = 20000;
            double[] x = new double[n];
            for (int i = 0; i < n; i++)
            {
                x[i] = 1.0 + 0.5 * Math.Sin(i);
            }

            long before = GC.GetAllocatedBytesForCurrentThread();
            SolverResult result = new NewtonSolver().Minimize(x, Rosenbrock.ValueAndGradient, Rosenbrock.HessianVectorProduct);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.True(result.Converged, result.Message);
            Assert.InRange(result.Iterations, 1, 60);
            for (int i = 0; i < n; i++)
            {
                Assert.Equal(1.0, x[i], 1e-6);
            }

            // A handful of length-n workspaces; a dense Hessian would be n² doubles (3.2 GB).
            Assert.True(allocated < 20L * n * sizeof(double), $"allocated {allocated} bytes");
        }

        [Theory]
        [InlineData(4, NewtonMode.Automatic, true)]
        [InlineData(3, NewtonMode.Automatic, false)]
        [InlineData(4, NewtonMode.DenseCholesky, true)]
        [InlineData(3, NewtonMode.ConjugateGradient, false)]
        public void TheCombinedOverloadChoosesTheModeBySizeAndSetting(int denseLimit, NewtonMode mode, bool expectDense)
        {
            var problem = new LogisticRegressionProblem(rows: 50, featureCount: 3, seed: 5); // 4 parameters
            int denseCalls = 0, gradientCalls = 0, productCalls = 0;
            ValueAndGradient valueAndGradient = (w, g) =>
            {
                gradientCalls++;
                return problem.ValueAndGradient(w, g);
            };
            HessianVectorProduct product = (w, v, hv) =>
            {
                productCalls++;
                return problem.HessianVectorProduct(w, v, hv);
            };
            ValueGradientHessian hessian = (w, g, h) =>
            {
                denseCalls++;
                return problem.ValueGradientHessian(w, g, h);
            };

            double[] x = new double[problem.ParameterCount];
            SolverResult result = new NewtonSolver(new NewtonOptions { DenseLimit = denseLimit, Mode = mode }).Minimize(x, valueAndGradient, product, hessian);

            Assert.True(result.Converged, result.Message);
            if (expectDense)
            {
                Assert.Equal(result.Evaluations, denseCalls);
                Assert.Equal(0, gradientCalls + productCalls);
                Assert.Contains("(dense)", result.Message);
            }
            else
            {
                Assert.Equal(0, denseCalls);
                Assert.Equal(result.Evaluations, gradientCalls);
                Assert.True(productCalls >= result.Iterations);
                Assert.Contains("(conjugate-gradient)", result.Message);
            }
        }

        [Fact]
        public void ConjugateGradientMaxIterationsBoundsTheProductsPerStep()
        {
            var problem = new LogisticRegressionProblem(rows: 100, featureCount: 6, seed: 9);
            int products = 0;
            HessianVectorProduct product = (w, v, hv) =>
            {
                products++;
                return problem.HessianVectorProduct(w, v, hv);
            };

            double[] x = new double[problem.ParameterCount];
            SolverResult result = new NewtonSolver(new NewtonOptions { ConjugateGradientMaxIterations = 2, MaxIterations = 500 }).Minimize(x, problem.ValueAndGradient, product);

            Assert.True(result.Converged, result.Message);
            Assert.True(products <= 2 * result.Iterations, $"{products} products in {result.Iterations} iterations");
        }
    }
}
