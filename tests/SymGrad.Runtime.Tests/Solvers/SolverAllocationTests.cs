using System;
using SymGrad.Solvers;
using Xunit;

namespace SymGrad.Runtime.Tests.Solvers
{
    /// <summary>
    /// The solvers allocate their workspaces once per call: a run with many more iterations allocates no more than a short one
    /// (apart from the few bytes of a longer message), so the allocation per iteration is zero.
    /// </summary>
    public class SolverAllocationTests
    {
        // Any heap object is at least 24 bytes, so 8 or more extra iterations allocating anything would exceed this.
        private const long MessageSlack = 150;

        [Fact]
        public void DenseNewton()
        {
            var solver = new NewtonSolver();
            AssertNoPerIterationAllocation(start => solver.Minimize(start, Rosenbrock.ValueGradientHessian), new[] { 1.1, 1.2 }, Rosenbrock.Start(2));
        }

        [Fact]
        public void ConjugateGradientNewton()
        {
            var solver = new NewtonSolver();
            AssertNoPerIterationAllocation(start => solver.Minimize(start, Rosenbrock.ValueAndGradient, Rosenbrock.HessianVectorProduct), new[] { 1.1, 1.2 }, Rosenbrock.Start(2));
        }

        [Fact]
        public void LevenbergMarquardt()
        {
            var fit = CurveFits.Generate(t => 0.1 + 1.9 / (1.0 + Math.Pow(t / 3.0, 2.5)), 40, 0.2, 12.0, noise: 0.01, seed: 2);
            ResidualsAndJacobian f = fit.FourParameterLogisticResiduals;
            var solver = new LevenbergMarquardtSolver(new LevenbergMarquardtOptions { MaxIterations = 1000 });
            AssertNoPerIterationAllocation(start => solver.Minimize(start, 40, f), new[] { 1.99, 2.5, 3.0, 0.1 }, new[] { 1.0, 1.0, 1.0, 0.0 });
        }

        private static void AssertNoPerIterationAllocation(Func<double[], SolverResult> run, double[] nearStart, double[] farStart)
        {
            run((double[])farStart.Clone()); // JIT and static initialization
            (long shortBytes, SolverResult shortRun) = Measure(run, nearStart);
            (long longBytes, SolverResult longRun) = Measure(run, farStart);

            Assert.True(shortRun.Converged && longRun.Converged, shortRun.Message + " / " + longRun.Message);
            Assert.True(longRun.Iterations >= shortRun.Iterations + 8, $"{shortRun.Iterations} vs {longRun.Iterations} iterations");
            Assert.True(Math.Abs(longBytes - shortBytes) < MessageSlack, $"{shortRun.Iterations} iterations allocated {shortBytes} B, {longRun.Iterations} allocated {longBytes} B");
        }

        private static (long Bytes, SolverResult Result) Measure(Func<double[], SolverResult> run, double[] start)
        {
            double[] x = (double[])start.Clone();
            long before = GC.GetAllocatedBytesForCurrentThread();
            SolverResult result = run(x);
            return (GC.GetAllocatedBytesForCurrentThread() - before, result);
        }
    }
}
