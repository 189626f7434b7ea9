using System;
using SymGrad.Solvers;
using Xunit;

namespace SymGrad.Runtime.Tests.Solvers
{
    /// <summary>Every argument check of the solvers, with the parameter it names and the words that tell the user what to fix.</summary>
    public class SolverArgumentTests
    {
        private static readonly ValueGradientHessian Dense = Rosenbrock.ValueGradientHessian;
        private static readonly ValueAndGradient Gradient = Rosenbrock.ValueAndGradient;
        private static readonly HessianVectorProduct Product = Rosenbrock.HessianVectorProduct;

        private static readonly ResidualsAndJacobian Line = (p, r, j) =>
        {
            r[0] = p[0] - 1.0;
            r[1] = p[0] + 1.0;
            j[0] = 1.0;
            j[1] = 1.0;
        };

        [Fact]
        public void NullDelegatesAreRejected()
        {
            var newton = new NewtonSolver();
            Assert.Equal("function", Assert.Throws<ArgumentNullException>(() => newton.Minimize(new double[2], (ValueGradientHessian)null!)).ParamName);
            Assert.Equal("function", Assert.Throws<ArgumentNullException>(() => newton.Minimize(new double[2], null!, Product)).ParamName);
            Assert.Equal("hessianVectorProduct", Assert.Throws<ArgumentNullException>(() => newton.Minimize(new double[2], Gradient, null!)).ParamName);
            Assert.Equal("function", Assert.Throws<ArgumentNullException>(() => newton.Minimize(new double[2], null!, Product, Dense)).ParamName);
            Assert.Equal("hessianVectorProduct", Assert.Throws<ArgumentNullException>(() => newton.Minimize(new double[2], Gradient, null!, Dense)).ParamName);
            Assert.Equal("valueGradientHessian", Assert.Throws<ArgumentNullException>(() => newton.Minimize(new double[2], Gradient, Product, null!)).ParamName);
            Assert.Equal("function", Assert.Throws<ArgumentNullException>(() => new LevenbergMarquardtSolver().Minimize(new double[1], 2, null!)).ParamName);
        }

        [Fact]
        public void AnEmptyStartIsRejected()
        {
            AssertStartRejected(Array.Empty<double>(), "empty");
        }

        [Theory]
        [InlineData(double.NaN)]
        [InlineData(double.PositiveInfinity)]
        [InlineData(double.NegativeInfinity)]
        public void ANonFiniteStartIsRejected(double bad)
        {
            AssertStartRejected(new[] { 0.5, bad }, "x[1]");
        }

        [Fact]
        public void TheModeMustMatchTheDelegatesGiven()
        {
            var cgOnly = new NewtonSolver(new NewtonOptions { Mode = NewtonMode.ConjugateGradient });
            var ex = Assert.Throws<ArgumentException>(() => cgOnly.Minimize(new double[2], Dense));
            Assert.Contains("ConjugateGradient", ex.Message);
            Assert.Equal("function", ex.ParamName);

            var denseOnly = new NewtonSolver(new NewtonOptions { Mode = NewtonMode.DenseCholesky });
            ex = Assert.Throws<ArgumentException>(() => denseOnly.Minimize(new double[2], Gradient, Product));
            Assert.Contains("DenseCholesky", ex.Message);
            Assert.Equal("hessianVectorProduct", ex.ParamName);
        }

        [Theory]
        [InlineData(0)]
        [InlineData(-3)]
        public void TheResidualCountMustBePositive(int count)
        {
            var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new LevenbergMarquardtSolver().Minimize(new double[1], count, Line));
            Assert.Equal("residualCount", ex.ParamName);
        }

        [Fact]
        public void AJacobianTooLargeForOneArrayIsRejectedBeforeAllocating()
        {
            var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new LevenbergMarquardtSolver().Minimize(new double[3], int.MaxValue, Line));
            Assert.Equal("residualCount", ex.ParamName);
            Assert.Contains("does not fit", ex.Message);
        }

        [Fact]
        public void AFunctionThatWritesNaNAtTheStartIsRejectedWithTheEntry()
        {
            var newton = new NewtonSolver();
            ValueGradientHessian nanValue = (x, g, h) => double.NaN;
            ValueGradientHessian nanGradient = (x, g, h) =>
            {
                g[1] = double.NaN;
                return 0.0;
            };
            ValueGradientHessian nanHessian = (x, g, h) =>
            {
                h[3] = double.PositiveInfinity;
                return 0.0;
            };
            ValueAndGradient infiniteValue = (x, g) => double.PositiveInfinity;

            AssertMessage(() => newton.Minimize(new double[2], nanValue), "function", "returned NaN at the starting point");
            AssertMessage(() => newton.Minimize(new double[2], nanGradient), "function", "gradient[1]");
            AssertMessage(() => newton.Minimize(new double[2], nanHessian), "function", "hessian[1, 1]");
            AssertMessage(() => newton.Minimize(new double[2], infiniteValue, Product), "function", "returned Infinity at the starting point");
            AssertMessage(() => newton.Minimize(new double[2], Gradient, Product, nanHessian), "valueGradientHessian", "hessian[1, 1]");

            var lm = new LevenbergMarquardtSolver();
            ResidualsAndJacobian nanResidual = (p, r, j) => r[1] = double.NaN;
            ResidualsAndJacobian nanJacobian = (p, r, j) => j[1] = double.NaN;
            ResidualsAndJacobian hugeResiduals = (p, r, j) => r.Fill(1e200);
            AssertMessage(() => lm.Minimize(new double[1], 2, nanResidual), "function", "residuals[1]");
            AssertMessage(() => lm.Minimize(new double[1], 2, nanJacobian), "function", "jacobian[1]");
            AssertMessage(() => lm.Minimize(new double[1], 2, hugeResiduals), "function", "overflows");
        }

        public static TheoryData<NewtonOptions, string> BadNewtonOptions() => new()
        {
            { new NewtonOptions { MaxIterations = 0 }, "MaxIterations" },
            { new NewtonOptions { GradientTolerance = -1e-8 }, "GradientTolerance" },
            { new NewtonOptions { GradientTolerance = double.NaN }, "GradientTolerance" },
            { new NewtonOptions { GradientTolerance = double.PositiveInfinity }, "GradientTolerance" },
            { new NewtonOptions { ArmijoConstant = 0.0 }, "ArmijoConstant" },
            { new NewtonOptions { ArmijoConstant = 1.0 }, "ArmijoConstant" },
            { new NewtonOptions { ArmijoConstant = double.NaN }, "ArmijoConstant" },
            { new NewtonOptions { BacktrackingFactor = 0.0 }, "BacktrackingFactor" },
            { new NewtonOptions { BacktrackingFactor = 1.0 }, "BacktrackingFactor" },
            { new NewtonOptions { MaxLineSearchSteps = 0 }, "MaxLineSearchSteps" },
            { new NewtonOptions { Mode = (NewtonMode)7 }, "Mode" },
            { new NewtonOptions { DenseLimit = 0 }, "DenseLimit" },
            { new NewtonOptions { IndefiniteHessian = (IndefiniteHessianStrategy)(-1) }, "IndefiniteHessian" },
            { new NewtonOptions { InitialDamping = 0.0 }, "InitialDamping" },
            { new NewtonOptions { InitialDamping = double.PositiveInfinity }, "InitialDamping" },
            { new NewtonOptions { DampingIncrease = 1.0 }, "DampingIncrease" },
            { new NewtonOptions { DampingIncrease = double.PositiveInfinity }, "DampingIncrease" },
            { new NewtonOptions { ConjugateGradientMaxIterations = 0 }, "ConjugateGradientMaxIterations" },
            { new NewtonOptions { ExplosionFactor = 1.0 }, "ExplosionFactor" },
            { new NewtonOptions { ExplosionFactor = double.NaN }, "ExplosionFactor" },
        };

        [Theory]
        [MemberData(nameof(BadNewtonOptions))]
        public void NewtonOptionsOutOfRangeAreRejected(NewtonOptions options, string setting)
        {
            var ex = Assert.Throws<ArgumentException>(() => new NewtonSolver(options));
            Assert.Equal("options", ex.ParamName);
            Assert.StartsWith(setting + " ", ex.Message);
        }

        public static TheoryData<LevenbergMarquardtOptions, string> BadLevenbergMarquardtOptions() => new()
        {
            { new LevenbergMarquardtOptions { MaxIterations = -1 }, "MaxIterations" },
            { new LevenbergMarquardtOptions { GradientTolerance = -1.0 }, "GradientTolerance" },
            { new LevenbergMarquardtOptions { StepTolerance = double.NaN }, "StepTolerance" },
            { new LevenbergMarquardtOptions { RelativeReductionTolerance = double.PositiveInfinity }, "RelativeReductionTolerance" },
            { new LevenbergMarquardtOptions { InitialDamping = 0.0 }, "InitialDamping" },
            { new LevenbergMarquardtOptions { InitialDamping = -1.0 }, "InitialDamping" },
            { new LevenbergMarquardtOptions { DampingIncrease = 0.5 }, "DampingIncrease" },
            { new LevenbergMarquardtOptions { DampingDecrease = 1.0 }, "DampingDecrease" },
            { new LevenbergMarquardtOptions { DampingDecrease = double.NaN }, "DampingDecrease" },
            { new LevenbergMarquardtOptions { Scaling = (LevenbergMarquardtScaling)2 }, "Scaling" },
        };

        [Theory]
        [MemberData(nameof(BadLevenbergMarquardtOptions))]
        public void LevenbergMarquardtOptionsOutOfRangeAreRejected(LevenbergMarquardtOptions options, string setting)
        {
            var ex = Assert.Throws<ArgumentException>(() => new LevenbergMarquardtSolver(options));
            Assert.Equal("options", ex.ParamName);
            Assert.StartsWith(setting + " ", ex.Message);
        }

        [Fact]
        public void NullOptionsMeanTheDefaults()
        {
            Assert.Equal(new NewtonOptions(), new NewtonSolver(null).Options);
            Assert.Equal(new LevenbergMarquardtOptions(), new LevenbergMarquardtSolver(null).Options);
        }

        private static void AssertStartRejected(double[] start, string expected)
        {
            var newton = new NewtonSolver();
            var lm = new LevenbergMarquardtSolver();
            foreach (Action call in new Action[]
            {
                () => newton.Minimize((double[])start.Clone(), Dense),
                () => newton.Minimize((double[])start.Clone(), Gradient, Product),
                () => newton.Minimize((double[])start.Clone(), Gradient, Product, Dense),
                () => lm.Minimize((double[])start.Clone(), 2, Line),
            })
            {
                var ex = Assert.Throws<ArgumentException>(call);
                Assert.Equal("x", ex.ParamName);
                Assert.Contains(expected, ex.Message);
            }
        }

        private static void AssertMessage(Action call, string parameter, string expected)
        {
            var ex = Assert.Throws<ArgumentException>(call);
            Assert.Equal(parameter, ex.ParamName);
            Assert.Contains(expected, ex.Message);
        }
    }
}
